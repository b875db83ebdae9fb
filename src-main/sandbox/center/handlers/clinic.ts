/**
 * Outpatient (clinic) flow 2201–2208 and the A variants (protocol.md §2.4–2.10, §5 rules
 * 3, 6, 7): register a visit, upload its diagnosis and fee lines in charge batches, then
 * pre-settle / settle / cancel each batch on its own. Cancelling goes 2208 → 2205 → 2202
 * only: each step refuses while the later stage still holds something.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { parseYuan, sumFen, yuanNumber, type Fen } from '../../amounts';
import { ageOn, formatDate } from '../../../core/time';
import { toProtocolSettlement } from '../../policy';
import { ALL_BATCHES, type FeeLineRow, type SandboxStore, type VisitRow } from '../../store';
import { reject } from '../reject';
import {
  cancelSettlement,
  computeFor,
  feeItemsOf,
  feeItemsOfUploaded,
  lineOutputs,
  policyPersonOf,
  recordSettlement,
  requireInsured,
  requireTotal,
  settlementOutput,
  splitForUpload,
  type PersonAndInsurance,
} from '../settling';
import { duplicateSn, toFeeLine } from '../fee-lines';
import type { HandlerContext, HandlerTable } from '../context';

type RegisterInput = SandboxInput<'2201A'>;
type RegisterCancelInput = SandboxInput<'2202'>;
type VisitInfoInput = SandboxInput<'2203'>;
type FeeUploadInput = SandboxInput<'2204'>;
type FeeCancelInput = SandboxInput<'2205'>;
type PreSettleInput = SandboxInput<'2206'>;
type SettleInput = SandboxInput<'2207'>;
type SettleCancelInput = SandboxInput<'2208'>;

/** The outpatient medical categories the sandbox can settle (the policy also knows 21 住院, 41 药店). */
const OUTPATIENT_MED_TYPES: readonly string[] = ['11', '14'];
const CLINIC_SETTLEMENTS: readonly string[] = ['2207', '2207A'];

// ---- shared checks ------------------------------------------------------------------

function requireMedicalInstitution(ctx: HandlerContext<unknown>): void {
  if (ctx.institution.type !== '1') reject(`门诊交易 (${ctx.envelope.infno}) 只能由定点医疗机构发起, 零售药店请用 2101/2102`);
}

function requireOutpatientMedType(medType: string): void {
  if (!OUTPATIENT_MED_TYPES.includes(medType)) {
    reject(`医疗类别 ${medType} 不是沙箱中心支持的门诊医疗类别 (11 普通门诊, 14 门诊慢特病)`);
  }
}

/** A registered visit of this institution, of this person. */
function requireVisit(ctx: HandlerContext<unknown>, mdtrtId: string, psnNo: string): VisitRow {
  const visit = ctx.store.visits.get(mdtrtId);
  if (!visit || visit.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`就诊ID ${mdtrtId} 不存在`);
  if (visit.psnNo !== psnNo) reject(`就诊ID ${mdtrtId} 不属于人员 ${psnNo}`);
  if (visit.state !== 'registered') reject(`就诊ID ${mdtrtId} 已撤销挂号`);
  return visit;
}

/** The credential must name the person the request is for (the pharmacy's rule, too). */
function requireCredentialOf(store: SandboxStore, certType: string, certNo: string, psnNo: string) {
  const byCredential = store.persons.getByCredential(certType, certNo);
  if (!byCredential || byCredential.psnNo !== psnNo) reject('就诊凭证与人员编号 psn_no 不是同一参保人');
  return byCredential;
}

/** The settled (not cancelled, not reversed) settlement of a charge batch, if any. */
function settledBatch(store: SandboxStore, mdtrtId: string, chrgBchno: string) {
  return store.settlements
    .ofVisit(mdtrtId)
    .find((s) => s.kind === 'settle' && s.state === 'settled' && s.chrgBchno === chrgBchno);
}

function sumOf(lines: readonly FeeLineRow[], pick: (l: FeeLineRow) => Fen): Fen {
  return sumFen(lines.map(pick));
}

// ---- 2201 / 2201A registration --------------------------------------------------------

/** A registered visit of this institution that already uses the HIS visit number. */
function visitWithOtpNo(store: SandboxStore, fixmedinsCode: string, iptOtpNo: string): string | undefined {
  return store.visits.byIptOtpNo(fixmedinsCode, iptOtpNo).find((v) => v.state === 'registered')?.mdtrtId;
}

function register(ctx: HandlerContext<RegisterInput>) {
  requireMedicalInstitution(ctx);
  const d = ctx.input.data;
  const insured = requireInsured(ctx.store, d.psn_no, d.insutype);
  requireCredentialOf(ctx.store, d.mdtrt_cert_type, d.mdtrt_cert_no, d.psn_no);
  // 2201 has no med_type; 2201A carries it, so it must be one the sandbox can settle.
  const medType = 'med_type' in d ? d.med_type : null;
  if (medType !== null) requireOutpatientMedType(medType);
  const taken = visitWithOtpNo(ctx.store, ctx.envelope.fixmedins_code, d.ipt_otp_no);
  if (taken) reject(`门诊号 ipt_otp_no ${d.ipt_otp_no} 已登记 (就诊ID ${taken}), 每次挂号须使用新的门诊号`);

  const mdtrtId = ctx.ids.mdtrtId(ctx.now);
  ctx.store.visits.register({
    mdtrtId,
    psnNo: insured.person.psnNo,
    fixmedinsCode: ctx.envelope.fixmedins_code,
    iptOtpNo: d.ipt_otp_no,
    insutype: d.insutype,
    medType,
    begntime: d.begntime,
    mdtrtCertType: d.mdtrt_cert_type,
    mdtrtCertNo: d.mdtrt_cert_no,
    cardSn: null,
    atddrNo: d.atddr_no,
    drName: d.dr_name,
    deptCode: d.dept_code,
    deptName: d.dept_name,
    caty: d.caty,
    mainCondDscr: null,
    diseCodg: null,
    diseName: null,
    at: ctx.nowText,
  });
  return { output: { data: { mdtrt_id: mdtrtId, psn_no: insured.person.psnNo, ipt_otp_no: d.ipt_otp_no } } };
}

// ---- 2202 registration cancel ---------------------------------------------------------

function cancelRegistration(ctx: HandlerContext<RegisterCancelInput>) {
  requireMedicalInstitution(ctx);
  const d = ctx.input.data;
  const visit = requireVisit(ctx, d.mdtrt_id, d.psn_no);
  if (visit.iptOtpNo !== d.ipt_otp_no) reject(`门诊号 ipt_otp_no ${d.ipt_otp_no} 与就诊ID ${d.mdtrt_id} 登记的门诊号不符`);
  const settled = ctx.store.settlements.ofVisit(visit.mdtrtId).find((s) => s.kind === 'settle' && s.state === 'settled');
  if (settled) reject(`就诊ID ${visit.mdtrtId} 有已结算的费用 (结算ID ${settled.setlId}), 请先撤销结算 (2208) 和费用明细 (2205)`);
  const uploaded = ctx.store.visits.linesOfVisit(visit.mdtrtId).filter((l) => l.state === 'uploaded');
  if (uploaded.length > 0) reject(`就诊ID ${visit.mdtrtId} 还有 ${uploaded.length} 条未结算的费用明细, 请先撤销费用明细 (2205)`);
  ctx.store.visits.cancel(visit.mdtrtId, ctx.nowText);
  return { output: {} };
}

// ---- 2203 / 2203A visit info ----------------------------------------------------------

function uploadVisitInfo(ctx: HandlerContext<VisitInfoInput>) {
  requireMedicalInstitution(ctx);
  const m = ctx.input.mdtrtinfo;
  const visit = requireVisit(ctx, m.mdtrt_id, m.psn_no);
  requireOutpatientMedType(m.med_type);
  if (visit.medType !== null && visit.medType !== m.med_type) {
    const settled = ctx.store.settlements.ofVisit(visit.mdtrtId).find((s) => s.kind === 'settle' && s.state === 'settled');
    if (settled)
      reject(`就诊ID ${visit.mdtrtId} 已按医疗类别 ${visit.medType} 结算 (结算ID ${settled.setlId}), 不能改为 ${m.med_type}`);
  }
  ctx.store.visits.updateInfo(
    visit.mdtrtId,
    {
      medType: m.med_type,
      mainCondDscr: m.main_cond_dscr || null,
      diseCodg: m.dise_codg || null,
      diseName: m.dise_name || null,
      diagnoses: ctx.input.diseinfo.map((row) => ({ ...row })),
    },
    ctx.nowText,
  );
  return { output: {} };
}

// ---- 2204 fee upload ------------------------------------------------------------------

function uploadFees(ctx: HandlerContext<FeeUploadInput>) {
  requireMedicalInstitution(ctx);
  const lines = ctx.input.feedetail;
  const first = lines[0];
  if (!first) reject('至少上传一条费用明细');
  const dup = duplicateSn(lines);
  if (dup) reject(`明细流水号 feedetl_sn ${dup} 重复`);
  // One call uploads for one visit: the split depends on the person and their insurance.
  for (const l of lines) {
    if (l.mdtrt_id !== first.mdtrt_id || l.psn_no !== first.psn_no) {
      reject(`明细 ${l.feedetl_sn}: 一次上传的明细必须属于同一就诊 (mdtrt_id ${first.mdtrt_id}, psn_no ${first.psn_no})`);
    }
  }
  const visit = requireVisit(ctx, first.mdtrt_id, first.psn_no);
  for (const l of lines) {
    if (l.chrg_bchno === ALL_BATCHES)
      reject(`明细 ${l.feedetl_sn}: 收费批次号 ${ALL_BATCHES} 是撤销全部明细 (2205) 的保留值, 不能用作批次号`);
    const settled = settledBatch(ctx.store, visit.mdtrtId, l.chrg_bchno);
    if (settled)
      reject(
        `明细 ${l.feedetl_sn}: 收费批次 ${l.chrg_bchno} 已结算 (结算ID ${settled.setlId}), 不能再上传明细, 请使用新的批次号`,
      );
    const existing = ctx.store.visits.line(visit.mdtrtId, l.feedetl_sn);
    if (existing && existing.state !== 'cancelled') reject(`明细流水号 feedetl_sn ${l.feedetl_sn} 在本次就诊中已上传`);
  }
  const insured = requireInsured(ctx.store, visit.psnNo, visit.insutype);
  const items = feeItemsOf(ctx.store, lines);
  const split = splitForUpload(items, policyPersonOf(insured, ctx.institution.admdvs, ctx.now));
  ctx.store.visits.uploadLines(
    lines.map((wire, i) => {
      const s = split[i];
      if (!s) throw new Error('policy returned fewer lines than uploaded');
      return toFeeLine(wire, s, { mdtrtId: visit.mdtrtId, psnNo: visit.psnNo, chrgBchno: wire.chrg_bchno });
    }),
    ctx.nowText,
  );
  return { output: { result: lineOutputs(split) } };
}

// ---- 2205 fee cancel ------------------------------------------------------------------

function cancelFees(ctx: HandlerContext<FeeCancelInput>) {
  requireMedicalInstitution(ctx);
  const d = ctx.input.data;
  const visit = requireVisit(ctx, d.mdtrt_id, d.psn_no);
  if (d.chrg_bchno !== ALL_BATCHES) {
    const settled = ctx.store.visits.linesOfBatch(visit.mdtrtId, d.chrg_bchno, 'settled');
    if (settled.length > 0) {
      reject(`收费批次 ${d.chrg_bchno} 的费用已结算 (结算ID ${settled[0]?.setlId}), 请先撤销结算 (2208) 再撤销明细`);
    }
  }
  const cancelled = ctx.store.visits.cancelLines(visit.mdtrtId, d.chrg_bchno);
  if (cancelled === 0) {
    reject(
      d.chrg_bchno === ALL_BATCHES
        ? `就诊ID ${visit.mdtrtId} 没有未结算的费用明细可撤销`
        : `收费批次 ${d.chrg_bchno} 没有未结算的费用明细可撤销`,
    );
  }
  return { output: {} };
}

// ---- 2206 / 2207 pre-settle and settle --------------------------------------------------

interface BatchComputation {
  readonly visit: VisitRow;
  readonly insured: PersonAndInsurance;
  readonly lines: FeeLineRow[];
  readonly result: ReturnType<typeof computeFor>;
}

/** Everything 2206 and 2207 check, then the policy's result for the batch's uploaded lines. */
function computeBatch(ctx: HandlerContext<PreSettleInput>): BatchComputation {
  requireMedicalInstitution(ctx);
  const d = ctx.input.data;
  const visit = requireVisit(ctx, d.mdtrt_id, d.psn_no);
  if (d.insutype !== visit.insutype) reject(`险种类型 insutype ${d.insutype} 与挂号 (2201) 时的险种 ${visit.insutype} 不符`);
  const insured = requireInsured(ctx.store, d.psn_no, d.insutype);
  const person = requireCredentialOf(ctx.store, d.mdtrt_cert_type, d.mdtrt_cert_no, d.psn_no);
  if (d.mdtrt_cert_type === '03' && person.cardSn !== d.card_sn) reject('社会保障卡卡识别码 card_sn 不符');
  if (d.certno && d.certno !== insured.person.certno) reject('证件号码 certno 与人员编号不符');
  if (d.psn_cert_type && d.psn_cert_type !== insured.person.psnCertType)
    reject(`人员证件类型 psn_cert_type ${d.psn_cert_type} 与人员信息不符`);
  if (d.psn_type && d.psn_type !== insured.insurance.psnType)
    reject(`人员类别 psn_type ${d.psn_type} 与参保信息 (${insured.insurance.psnType}) 不符`);
  if (d.psn_setlway !== '01') reject('沙箱中心只模拟按项目结算 (psn_setlway 01)');

  if (visit.medType === null) reject(`就诊ID ${visit.mdtrtId} 尚未上传就诊信息和诊断, 请先做就诊信息上传 (2203) 再结算`);
  if (d.med_type !== visit.medType) reject(`医疗类别 med_type ${d.med_type} 与就诊信息 (2203) 上传的 ${visit.medType} 不符`);

  const settled = settledBatch(ctx.store, visit.mdtrtId, d.chrg_bchno);
  if (settled) reject(`收费批次 ${d.chrg_bchno} 已结算 (结算ID ${settled.setlId}), 不能重复结算`);
  const lines = ctx.store.visits.linesOfBatch(visit.mdtrtId, d.chrg_bchno);
  if (lines.length === 0) reject(`收费批次 ${d.chrg_bchno} 没有已上传的费用明细, 请先上传 (2204)`);

  const items = feeItemsOfUploaded(lines);
  requireTotal(d.medfee_sumamt, items);
  const result = computeFor({
    ctx,
    insured,
    items,
    medType: d.med_type,
    acctUsed: d.acct_used_flag === '1',
    diseCodg: visit.diseCodg,
  });
  return { visit, insured, lines, result };
}

function preSettle(ctx: HandlerContext<PreSettleInput>) {
  const computed = computeBatch(ctx);
  const { visit, person } = { ...computed, person: computed.insured.person };
  // Nothing is settled yet: no setl_id, and clearing (clr_way / clr_optins) is decided at 2207.
  const { clr_way: _clearingWay, ...policyInfo } = toProtocolSettlement(computed.result).setlinfo;
  return {
    output: {
      setlinfo: {
        ...policyInfo,
        mdtrt_id: visit.mdtrtId,
        psn_no: person.psnNo,
        psn_name: person.psnName,
        psn_cert_type: person.psnCertType,
        certno: person.certno,
        gend: person.gend,
        naty: person.naty,
        brdy: person.brdy,
        age: ageOn(person.brdy, formatDate(ctx.now)),
        setl_time: ctx.nowText,
        mdtrt_cert_type: ctx.input.data.mdtrt_cert_type,
      },
      setldetail: toProtocolSettlement(computed.result).setldetail,
    },
  };
}

/** 2207's four amounts must be what the 2204 answers for this batch add up to (protocol.md §5.7). */
function requireUploadSums(d: SettleInput['data'], lines: readonly FeeLineRow[]): void {
  const expected: readonly [keyof SettleInput['data'] & string, number, Fen][] = [
    ['fulamt_ownpay_amt', d.fulamt_ownpay_amt, sumOf(lines, (l) => l.fulamtOwnpayAmt)],
    ['overlmt_selfpay', d.overlmt_selfpay, sumOf(lines, (l) => l.overlmtAmt)],
    ['preselfpay_amt', d.preselfpay_amt, sumOf(lines, (l) => l.preselfpayAmt)],
    ['inscp_scp_amt', d.inscp_scp_amt, sumOf(lines, (l) => l.inscpScpAmt)],
  ];
  for (const [field, sent, sum] of expected) {
    if (parseYuan(sent) !== sum) {
      reject(`${field} ${sent} 与费用明细上传 (2204) 返回的本批次合计 ${yuanNumber(sum)} 不符`);
    }
  }
}

function settle(ctx: HandlerContext<SettleInput>) {
  const { visit, insured, lines, result } = computeBatch(ctx);
  const d = ctx.input.data;
  requireUploadSums(d, lines);
  const record = recordSettlement(ctx, insured, result, {
    setlId: ctx.ids.setlId(ctx.now),
    mdtrtId: visit.mdtrtId,
    chrgBchno: d.chrg_bchno,
    mdtrtCertType: d.mdtrt_cert_type,
    invono: d.invono || null,
    feedetlSns: lines.map((l) => l.feedetlSn),
  });
  return { output: settlementOutput(ctx.store, record) };
}

// ---- 2208 settlement cancel -----------------------------------------------------------

function cancelClinicSettlement(ctx: HandlerContext<SettleCancelInput>) {
  requireMedicalInstitution(ctx);
  return cancelSettlement(ctx, ctx.input.data, CLINIC_SETTLEMENTS, '门诊结算');
}

export const clinicHandlers: HandlerTable = {
  '2201': register,
  '2201A': register,
  '2202': cancelRegistration,
  '2203': uploadVisitInfo,
  '2203A': uploadVisitInfo,
  '2204': uploadFees,
  '2205': cancelFees,
  '2206': preSettle,
  '2206A': preSettle,
  '2207': settle,
  '2207A': settle,
  '2208': cancelClinicSettlement,
};
