/**
 * 四川's S / Z codes (seed 003 l.204–212, l.259–260; the fields the center reads: spec/sichuan-fields.ts).
 *
 * - S3301 财政电子票据 upload for one settlement of this institution (refused: unknown or undone
 *   settlement, ids that do not match, an amount other than the settlement's total, a second upload);
 *   S3302 answers the uploaded voucher.
 * - S3701 门慢门特处方 upload for a registered 门慢门特 visit (med_type 14) of this institution, for a
 *   病种 the person has on file (2503 / the seed's 备案), one upload per rxno; S5201 lists a person's.
 * - S3702 血透指标 for such a visit.
 * - Z1101 城乡两病备案 for a 城乡居民 (insutype 390), one standing filing per person and 病种; Z1102
 *   revokes a standing one, by the institution that filed it.
 * - S3901 无密码结算申请 for a person, no two standing over the same days; S5901 lists a person's.
 *
 * What was uploaded or filed is the successful messages of the message log (like the 湖北 clearing
 * applications): the id the center gives back is the message's msgid, and nothing needs a table.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { parseYuan, formatYuan, yuanNumber } from '../../amounts';
import type { MessageRow, SettlementRecord, VisitRow } from '../../store';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

/** 城乡居民基本医疗保险: the 两病 policy is theirs. */
const RESIDENT_INSUTYPE = '390';

interface Sent<I> {
  readonly msgid: string;
  readonly fixmedinsCode: string | null;
  readonly at: string;
  readonly input: I;
}

/** The successful requests of one code, oldest first; `mine`: only this institution's. */
function sent<I>(ctx: HandlerContext<unknown>, infno: string, mine: boolean): Sent<I>[] {
  return ctx.store.messages
    .query({ infno, outcome: 'ok', limit: 10000 })
    .filter((m: MessageRow) => !mine || m.fixmedinsCode === ctx.envelope.fixmedins_code)
    .map((m) => ({
      msgid: m.msgid,
      fixmedinsCode: m.fixmedinsCode,
      at: m.receivedAt,
      input: (JSON.parse(m.requestJson) as { input: I }).input,
    }));
}

function requirePerson(ctx: HandlerContext<unknown>, psnNo: string): void {
  if (!ctx.store.persons.getByPsnNo(psnNo)) reject(`人员编号 ${psnNo} 不存在`);
}

function dateSpan(begndate: string, enddate: string | null | undefined): void {
  if (enddate && enddate < begndate) reject(`结束日期 ${enddate} 早于开始日期 ${begndate}`);
}

// ---- S3301 / S3302 ------------------------------------------------------------------------------

type InvoiceInput = SandboxInput<'S3301'>;

function requireSettled(ctx: HandlerContext<unknown>, setlId: string): SettlementRecord {
  const record = ctx.store.settlements.get(setlId);
  if (!record || record.fixmedinsCode !== ctx.envelope.fixmedins_code || record.kind !== 'settle') {
    reject(`结算ID ${setlId} 不存在`);
  }
  return record;
}

const uploadsOf = (ctx: HandlerContext<unknown>, setlId: string) =>
  sent<InvoiceInput>(ctx, 'S3301', true).filter((u) => u.input.data.setl_id === setlId);

function fiscalInvoiceUpload(ctx: HandlerContext<InvoiceInput>) {
  const d = ctx.input.data;
  const setl = requireSettled(ctx, d.setl_id);
  if (setl.mdtrtId !== d.mdtrt_id || setl.psnNo !== d.psn_no) reject(`结算ID ${d.setl_id} 与就诊ID/人员编号不符`);
  if (setl.state !== 'settled') reject(`结算ID ${d.setl_id} 已撤销或冲正, 不能上传财政电子票据`);
  const amt = parseYuan(d.einv_amt);
  if (amt !== setl.medfeeSumamt) {
    reject(`票据金额 ${formatYuan(amt)} 与结算医疗费总额 ${formatYuan(setl.medfeeSumamt)} 不符`);
  }
  const held = uploadsOf(ctx, d.setl_id)[0];
  if (held) reject(`结算ID ${d.setl_id} 已上传财政电子票据 (${held.msgid}), 不能重复上传`);
  return { output: { setl_id: d.setl_id, upld_no: ctx.envelope.msgid } };
}

function fiscalInvoiceQuery(ctx: HandlerContext<SandboxInput<'S3302'>>) {
  const setlId = ctx.input.data.setl_id;
  requireSettled(ctx, setlId);
  const held = uploadsOf(ctx, setlId)[0];
  if (!held) reject(`结算ID ${setlId} 尚未上传财政电子票据`);
  const d = held.input.data;
  return {
    output: {
      setl_id: setlId,
      einv_code: d.einv_code,
      einv_no: d.einv_no,
      einv_chkcode: d.einv_chkcode,
      einv_amt: yuanNumber(parseYuan(d.einv_amt)),
      einv_date: d.einv_date,
      upld_no: held.msgid,
      upld_time: held.at,
    },
  };
}

// ---- S3701 / S5201 / S3702 ----------------------------------------------------------------------

type RxInput = SandboxInput<'S3701'>;

/** A registered 门慢门特 visit of this institution, of this person, for a 病种 on file. */
function requireChronicVisit(ctx: HandlerContext<unknown>, mdtrtId: string, psnNo: string, diseCode: string): VisitRow {
  const visit = ctx.store.visits.get(mdtrtId);
  if (!visit || visit.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`就诊ID ${mdtrtId} 不存在`);
  if (visit.psnNo !== psnNo) reject(`就诊ID ${mdtrtId} 与人员编号不符`);
  if (visit.state !== 'registered') reject(`就诊ID ${mdtrtId} 已撤销挂号`);
  if (!visit.medType?.startsWith('14')) {
    reject(`就诊ID ${mdtrtId} 的医疗类别为 ${visit.medType ?? '未上传'}, 不是门慢门特 (14)`);
  }
  const day = ctx.nowText.slice(0, 10);
  const filed = ctx.store.persons
    .chronicFilings(psnNo)
    .some((f) => f.opspDiseCode === diseCode && f.begndate <= day && (f.enddate === null || f.enddate >= day));
  if (!filed) reject(`人员 ${psnNo} 没有病种 ${diseCode} 的有效门慢门特备案`);
  return visit;
}

function chronicRxUpload(ctx: HandlerContext<RxInput>) {
  const d = ctx.input.data;
  requireChronicVisit(ctx, d.mdtrt_id, d.psn_no, d.opsp_dise_code);
  const earlier = sent<RxInput>(ctx, 'S3701', true).find((r) => r.input.data.rxno === d.rxno);
  if (earlier) reject(`处方号 ${d.rxno} 已上传 (${earlier.msgid}), 不能重复上传`);
  return { output: { rxno: d.rxno, upld_time: ctx.nowText } };
}

function chronicRxQuery(ctx: HandlerContext<SandboxInput<'S5201'>>) {
  const d = ctx.input.data;
  requirePerson(ctx, d.psn_no);
  const rxs = sent<RxInput>(ctx, 'S3701', false).filter(
    (r) => r.input.data.psn_no === d.psn_no && (!d.mdtrt_id || r.input.data.mdtrt_id === d.mdtrt_id),
  );
  return {
    output: {
      rxinfo: rxs.map((r) => ({
        rxno: r.input.data.rxno,
        mdtrt_id: r.input.data.mdtrt_id,
        rx_time: r.input.data.rx_time,
        opsp_dise_code: r.input.data.opsp_dise_code,
        opsp_dise_name: r.input.data.opsp_dise_name,
        dr_name: r.input.data.dr_name ?? '',
        fixmedins_code: r.fixmedinsCode ?? '',
        rxdetail: r.input.rxdetail.map((l) => ({
          med_list_codg: l.med_list_codg,
          drug_name: l.drug_name ?? '',
          cnt: l.cnt,
          used_frqu_dscr: l.used_frqu_dscr ?? '',
        })),
      })),
    },
  };
}

function dialysisIndicators(ctx: HandlerContext<SandboxInput<'S3702'>>) {
  const d = ctx.input.data;
  requireChronicVisit(ctx, d.mdtrt_id, d.psn_no, d.opsp_dise_code);
  if (d.exam_date > ctx.nowText.slice(0, 10)) reject(`检查日期 ${d.exam_date} 晚于今天`);
  return { output: { mdtrt_id: d.mdtrt_id, indx_cnt: ctx.input.indxinfo.length } };
}

// ---- Z1101 / Z1102 ------------------------------------------------------------------------------

type FilingInput = SandboxInput<'Z1101'>;
type RevokeInput = SandboxInput<'Z1102'>;

/** Every 两病 filing at this center, with the message that revoked it (if any). */
function twoDiseaseFilings(ctx: HandlerContext<unknown>) {
  const revoked = new Map(sent<RevokeInput>(ctx, 'Z1102', false).map((r) => [r.input.data.trt_dcla_detl_sn, r.msgid]));
  return sent<FilingInput>(ctx, 'Z1101', false).map((f) => ({ ...f, revokedBy: revoked.get(f.msgid) ?? null }));
}

function twoDiseaseFiling(ctx: HandlerContext<FilingInput>) {
  const d = ctx.input.data;
  requirePerson(ctx, d.psn_no);
  dateSpan(d.begndate, d.enddate);
  const resident = ctx.store.persons.insurance(d.psn_no).some((i) => i.insutype === RESIDENT_INSUTYPE && i.psnInsuStas === '1');
  if (!resident) reject(`人员 ${d.psn_no} 未参加城乡居民医保 (390), 不能办理城乡两病备案`);
  const standing = twoDiseaseFilings(ctx).find(
    (f) => !f.revokedBy && f.input.data.psn_no === d.psn_no && f.input.data.opsp_dise_code === d.opsp_dise_code,
  );
  if (standing) reject(`人员 ${d.psn_no} 已有病种 ${d.opsp_dise_code} 的两病备案 (${standing.msgid}), 不能重复备案`);
  return { output: { result: { trt_dcla_detl_sn: ctx.envelope.msgid } } };
}

function twoDiseaseRevoke(ctx: HandlerContext<RevokeInput>) {
  const d = ctx.input.data;
  const filing = twoDiseaseFilings(ctx).find((f) => f.msgid === d.trt_dcla_detl_sn);
  if (!filing) reject(`两病备案 ${d.trt_dcla_detl_sn} 不存在`);
  if (filing.input.data.psn_no !== d.psn_no) reject(`两病备案 ${d.trt_dcla_detl_sn} 与人员编号不符`);
  if (filing.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`两病备案 ${d.trt_dcla_detl_sn} 不是本机构办理的`);
  if (filing.revokedBy) reject(`两病备案 ${d.trt_dcla_detl_sn} 已于报文 ${filing.revokedBy} 撤销`);
  return { output: { trt_dcla_detl_sn: filing.msgid } };
}

// ---- S3901 / S5901 ------------------------------------------------------------------------------

type NoPasswordInput = SandboxInput<'S3901'>;

const applicationsOf = (ctx: HandlerContext<unknown>, psnNo: string) =>
  sent<NoPasswordInput>(ctx, 'S3901', false).filter((a) => a.input.data.psn_no === psnNo);

function noPasswordApply(ctx: HandlerContext<NoPasswordInput>) {
  const d = ctx.input.data;
  requirePerson(ctx, d.psn_no);
  dateSpan(d.begndate, d.enddate);
  if (d.enddate < ctx.nowText.slice(0, 10)) reject(`结束日期 ${d.enddate} 已过`);
  const overlapping = applicationsOf(ctx, d.psn_no).find(
    (a) => a.input.data.begndate <= d.enddate && d.begndate <= a.input.data.enddate,
  );
  if (overlapping) {
    reject(
      `人员 ${d.psn_no} 已有无密码结算申请 ${overlapping.msgid} (${overlapping.input.data.begndate} 至 ${overlapping.input.data.enddate}), 期间重叠`,
    );
  }
  return { output: { appy_id: ctx.envelope.msgid } };
}

function noPasswordQuery(ctx: HandlerContext<SandboxInput<'S5901'>>) {
  const psnNo = ctx.input.data.psn_no;
  requirePerson(ctx, psnNo);
  const today = ctx.nowText.slice(0, 10);
  return {
    output: {
      appyinfo: applicationsOf(ctx, psnNo).map((a) => ({
        appy_id: a.msgid,
        appy_rea: a.input.data.appy_rea,
        begndate: a.input.data.begndate,
        enddate: a.input.data.enddate,
        appy_time: a.at,
        fixmedins_code: a.fixmedinsCode ?? '',
        vali_flag: a.input.data.enddate >= today ? '1' : '0',
      })),
    },
  };
}

export const sichuanHandlers: HandlerTable = {
  S3301: fiscalInvoiceUpload,
  S3302: fiscalInvoiceQuery,
  S3701: chronicRxUpload,
  S5201: chronicRxQuery,
  S3702: dialysisIndicators,
  Z1101: twoDiseaseFiling,
  Z1102: twoDiseaseRevoke,
  S3901: noPasswordApply,
  S5901: noPasswordQuery,
};
