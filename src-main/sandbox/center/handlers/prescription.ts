/**
 * 医保电子处方 at the pharmacy (7201, 7204–7211). A prescription moves
 * issued → authorized (7201) → downloaded (7204) → verified (7205) → audited | refused (7206)
 * → sold (7207, tied to a 2102 settlement of the same person) → delivering (7209) → signed (7210);
 * 7208 takes a sale back to audited once its settlement was refunded (2103) or reversed (2601).
 * Every step names the prescription and its trace code, and only the authorised pharmacy may act.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { ageOn, formatCompact } from '../../../core/time';
import {
  formatYuan,
  lineAmount,
  parsePrice,
  parseQty,
  parseYuan,
  priceNumber,
  qtyNumber,
  sumFen,
  yuanNumber,
  type Fen,
} from '../../amounts';
import { PrescriptionRepo, type RxPrescription, type RxState } from '../../store/prescriptions';
import { ensurePrescriptions } from '../../seed/prescriptions';
import { practitionersOf } from '../../seed/practitioners';
import { reject } from '../reject';
import type { HandlerContext, HandlerTable } from '../context';

/** rx_stas_codg on the wire. */
const STATE_CODES: Readonly<Record<RxState, string>> = {
  issued: '1',
  authorized: '2',
  downloaded: '3',
  verified: '4',
  audited: '5',
  refused: '6',
  sold: '7',
  delivering: '8',
  signed: '9',
};
const STATE_NAMES: Readonly<Record<RxState, string>> = {
  issued: '待取药',
  authorized: '已授权',
  downloaded: '已下载',
  verified: '已核验',
  audited: '已审方',
  refused: '审方未通过',
  sold: '已销售出库',
  delivering: '配送中',
  signed: '已签收',
};

function repoOf(ctx: HandlerContext<unknown>): PrescriptionRepo {
  ensurePrescriptions(ctx.store, ctx.now);
  return new PrescriptionRepo(ctx.store.db);
}

function requirePharmacy(ctx: HandlerContext<unknown>): void {
  if (ctx.institution.type !== '2') reject('医保电子处方流转 (72xx) 只能由定点零售药店办理');
}

function expired(rx: RxPrescription, ctx: HandlerContext<unknown>): boolean {
  return rx.validEndTime < ctx.nowText;
}

/** The prescription named by hi_rxno + rx_trace_code, authorised to this pharmacy, in one of `states`. */
function requireRx(
  ctx: HandlerContext<unknown>,
  repo: PrescriptionRepo,
  key: { hi_rxno: string; rx_trace_code: string },
  states: readonly RxState[],
  step: string,
): RxPrescription {
  requirePharmacy(ctx);
  const rx = repo.get(key.hi_rxno);
  if (!rx || rx.rxTraceCode !== key.rx_trace_code) reject(`医保处方编号 ${key.hi_rxno} 或处方追溯码不存在`);
  if (rx.pharmacyCode !== ctx.envelope.fixmedins_code) reject(`处方 ${rx.hiRxno} 未授权本药店使用, 请先 7201 授权并 7204 下载`);
  if (!states.includes(rx.state)) {
    reject(`处方 ${rx.hiRxno} 当前状态为「${STATE_NAMES[rx.state]}」, 不能${step}`);
  }
  return rx;
}

const nextId = (ctx: HandlerContext<unknown>, prefix: string, name: string) =>
  `${prefix}${formatCompact(ctx.now).slice(0, 8)}${String(ctx.store.meta.nextSequence(name)).padStart(8, '0')}`;

function authorize(ctx: HandlerContext<SandboxInput<'7201'>>) {
  requirePharmacy(ctx);
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  const person = ctx.store.persons.getByPsnNo(d.psn_no);
  const byCredential = ctx.store.persons.getByCredential(d.mdtrt_cert_type, d.mdtrt_cert_no);
  if (!person || !byCredential || byCredential.psnNo !== person.psnNo) reject('就诊凭证与人员编号 psn_no 不是同一参保人');
  if (person.certno !== d.certno || person.psnName !== d.psn_name) reject('证件号码或姓名与人员编号不符');
  if (d.mdtrt_cert_type === '03' && byCredential.cardSn !== d.card_sn) reject('社会保障卡卡识别码 card_sn 不符');
  const open = repo
    .ofPerson(person.psnNo)
    .filter((rx) => (d.hi_rxno ? rx.hiRxno === d.hi_rxno : true))
    .filter((rx) => ['issued', 'authorized'].includes(rx.state));
  // An expired prescription is still listed: 7205 tells the pharmacy it can no longer be dispensed.
  if (d.hi_rxno && open.length === 0) reject(`处方 ${d.hi_rxno} 不存在、不属于该参保人或已使用`);
  const rxlist = open.map((rx) => {
    const authRxno = nextId(ctx, 'AU', 'auth_rxno');
    repo.transition(rx, 'authorized', ctx.envelope.infno, ctx.nowText, { authRxno, pharmacyCode: ctx.envelope.fixmedins_code });
    return {
      hi_rxno: rx.hiRxno,
      auth_rxno: authRxno,
      prsc_time: rx.prscTime,
      valid_end_time: rx.validEndTime,
      fixmedins_name: rx.issuerName,
      rx_stas_codg: STATE_CODES.authorized,
    };
  });
  return { output: { rxlist } };
}

function download(ctx: HandlerContext<SandboxInput<'7204'>>) {
  requirePharmacy(ctx);
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  const rx = repo.byAuthRxno(d.auth_rxno);
  if (!rx || rx.hiRxno !== d.hi_rxno || rx.psnNo !== d.psn_no) reject('医保处方授权编号 auth_rxno 与处方编号/人员编号不符');
  if (rx.pharmacyCode !== ctx.envelope.fixmedins_code) reject(`处方 ${rx.hiRxno} 授权给了其他药店`);
  if (!['authorized', 'downloaded'].includes(rx.state))
    reject(`处方 ${rx.hiRxno} 当前状态为「${STATE_NAMES[rx.state]}」, 不能下载`);
  const current = rx.state === 'authorized' ? repo.transition(rx, 'downloaded', ctx.envelope.infno, ctx.nowText) : rx;
  const person = ctx.store.persons.getByPsnNo(rx.psnNo);
  const insurance = ctx.store.persons.insurance(rx.psnNo)[0];
  const lines = repo.lines(rx.hiRxno);
  return {
    output: {
      rxinfo: {
        hi_rxno: current.hiRxno,
        rx_trace_code: current.rxTraceCode,
        fixmedins_code: current.issuerCode,
        fixmedins_name: current.issuerName,
        prsc_time: current.prscTime,
        valid_end_time: current.validEndTime,
        rx_stas_codg: STATE_CODES[current.state],
        rx_drug_nums: lines.length,
      },
      mdtrtinfo: {
        mdtrt_id: current.mdtrtId,
        psn_no: current.psnNo,
        patn_name: person?.psnName ?? '',
        gend: person?.gend ?? '',
        age: person ? ageOn(person.brdy, ctx.nowText.slice(0, 10)) : null,
        insutype: insurance?.insutype ?? '',
        prsc_dept_name: current.deptName,
        prsc_dr_name: current.drName,
        diag_code: current.diagCode,
        diag_name: current.diagName,
      },
      rxdetlinfo: lines.map((l) => ({
        rx_detl_no: l.rxDetlNo,
        med_list_codg: l.medListCodg,
        drug_genname: l.drugGenname,
        drug_prodname: l.drugGenname,
        drug_spec: l.drugSpec ?? '',
        drug_dosform: l.drugDosform ?? '',
        drug_cnt: qtyNumber(l.cnt),
        drug_cnt_unit: l.cntUnit ?? '',
        drug_pric: priceNumber(l.pric),
        drug_sumamt: yuanNumber(l.sumamt),
        medc_way_dscr: l.medcWayDscr ?? '',
        used_frqu_name: l.usedFrquName ?? '',
        sin_doscnt: l.sinDoscnt ?? '',
        medc_days: l.medcDays,
      })),
    },
  };
}

function verify(ctx: HandlerContext<SandboxInput<'7205'>>) {
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  const rx = requireRx(ctx, repo, d, ['downloaded', 'verified'], '核验');
  const holder = ctx.store.persons.getByCredential(d.mdtrt_cert_type, d.mdtrt_cert_no);
  if (!holder || holder.psnNo !== rx.psnNo || d.psn_no !== rx.psnNo) reject(`处方 ${rx.hiRxno} 不属于出示凭证的参保人`);
  if (expired(rx, ctx)) reject(`处方 ${rx.hiRxno} 已于 ${rx.validEndTime} 过期, 请参保人回医院重新开方`);
  const current = rx.state === 'downloaded' ? repo.transition(rx, 'verified', ctx.envelope.infno, ctx.nowText) : rx;
  return {
    output: { hi_rxno: current.hiRxno, rx_chk_stas: '1', rx_chk_dscr: '处方有效', valid_end_time: current.validEndTime },
  };
}

function auditRx(ctx: HandlerContext<SandboxInput<'7206'>>) {
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  const rx = requireRx(ctx, repo, d, ['verified'], '审方');
  const seed = Number(ctx.store.meta.get('seed') ?? 0);
  const pharmacist = practitionersOf(seed, ctx.envelope.fixmedins_code).find(
    (p) => p.pracPsnType === '3' && p.pracCertNo === d.phar_prac_cert_no,
  );
  if (!pharmacist) reject(`药师执业资格证号 ${d.phar_prac_cert_no} 不是本药店登记的药师 (见 5102)`);
  if (pharmacist.pracPsnName !== d.phar_name || pharmacist.certno !== d.phar_certno)
    reject('审方药师姓名或证件号码与登记信息不符');
  if (d.rx_chk_rslt === '0' && !d.rx_chk_opnn) reject('审方不通过时必须填写处方审核意见 rx_chk_opnn');
  const to: RxState = d.rx_chk_rslt === '1' ? 'audited' : 'refused';
  const next = repo.transition(rx, to, ctx.envelope.infno, ctx.nowText, {
    pharName: d.phar_name,
    pharPracCertNo: d.phar_prac_cert_no,
    rxChkOpnn: d.rx_chk_opnn || null,
  });
  return { output: { hi_rxno: next.hiRxno, rx_stas_codg: STATE_CODES[next.state] } };
}

function sale(ctx: HandlerContext<SandboxInput<'7207'>>) {
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  // The same upload again (its answer was lost) answers the sale already recorded: 7207 is idempotent.
  const uploaded = repo.get(d.hi_rxno);
  if (uploaded && uploaded.setlId === d.setl_id && uploaded.selNo && ['sold', 'delivering', 'signed'].includes(uploaded.state)) {
    requireRx(ctx, repo, d, ['sold', 'delivering', 'signed'], '销售出库');
    return { output: { hi_rxno: uploaded.hiRxno, sel_no: uploaded.selNo, rx_stas_codg: STATE_CODES[uploaded.state] } };
  }
  const rx = requireRx(ctx, repo, d, ['audited'], '销售出库');
  if (d.psn_no !== rx.psnNo) reject(`处方 ${rx.hiRxno} 不属于人员 ${d.psn_no}`);
  const setl = ctx.store.settlements.get(d.setl_id);
  if (!setl || setl.fixmedinsCode !== ctx.envelope.fixmedins_code || setl.kind !== 'settle') reject(`结算ID ${d.setl_id} 不存在`);
  if (setl.mdtrtId !== d.mdtrt_id || setl.psnNo !== rx.psnNo) reject(`结算ID ${d.setl_id} 与就诊ID/处方的参保人不符`);
  if (setl.state !== 'settled') reject(`结算ID ${d.setl_id} 已撤销或冲正, 不能据此出库`);
  if (!['2102', '2102A'].includes(setl.infno)) reject(`结算ID ${d.setl_id} 不是药店结算 (2102)`);
  if (repo.liveSaleOfSettlement(setl.setlId)) reject(`结算ID ${d.setl_id} 已上传过出库明细`);
  const amounts: [string, number, Fen][] = [
    ['medfee_sumamt', d.medfee_sumamt, setl.medfeeSumamt],
    ['fund_pay_sumamt', d.fund_pay_sumamt, setl.fundPaySumamt],
    ['psn_part_amt', d.psn_part_amt, setl.psnPartAmt],
    ['acct_pay', d.acct_pay, setl.acctPay],
    ['psn_cash_pay', d.psn_cash_pay, setl.psnCashPay],
  ];
  for (const [field, sent, held] of amounts) {
    if (parseYuan(sent) !== held) reject(`${field} ${sent} 与结算 ${d.setl_id} 的金额 ${formatYuan(held)} 不符`);
  }
  const rxLines = new Map(repo.lines(rx.hiRxno).map((l) => [l.rxDetlNo, l]));
  const settledLines = ctx.store.visits.linesOfSettlement(setl.setlId);
  const saleLines = ctx.input.selinfo.map((s, i) => {
    const line = rxLines.get(s.rx_detl_no);
    if (!line || line.medListCodg !== s.med_list_codg) reject(`出库明细第 ${i + 1} 行不是处方 ${rx.hiRxno} 的药品`);
    const cnt = parseQty(s.sel_retn_cnt);
    const pric = parsePrice(s.finl_trns_pric);
    if (cnt > line.cnt) reject(`出库明细第 ${i + 1} 行数量 ${s.sel_retn_cnt} 超过处方数量 ${qtyNumber(line.cnt)}`);
    if (lineAmount(cnt, pric) !== parseYuan(s.sumamt)) reject(`出库明细第 ${i + 1} 行金额 sumamt ≠ 数量 × 单价`);
    const settled = settledLines.some((f) => f.medListCodg === s.med_list_codg && f.cnt === cnt && f.pric === pric);
    if (!settled) reject(`出库明细第 ${i + 1} 行 (${s.med_list_codg}) 不在结算 ${d.setl_id} 的费用明细中`);
    return { rxDetlNo: s.rx_detl_no, medListCodg: s.med_list_codg, cnt, pric, sumamt: lineAmount(cnt, pric) };
  });
  if (new Set(saleLines.map((l) => l.rxDetlNo)).size !== saleLines.length) reject('出库明细中同一处方明细重复');
  const selNo = nextId(ctx, 'SL', 'rx_sel_no');
  repo.insertSale({
    selNo,
    hiRxno: rx.hiRxno,
    fixmedinsCode: ctx.envelope.fixmedins_code,
    setlId: setl.setlId,
    sumamt: sumFen(saleLines.map((l) => l.sumamt)),
    lines: saleLines,
    soldAt: d.sel_retn_time,
    revokedAt: null,
    revsRea: null,
  });
  const next = repo.transition(rx, 'sold', '7207', ctx.nowText, { selNo, setlId: setl.setlId });
  return { output: { hi_rxno: next.hiRxno, sel_no: selNo, rx_stas_codg: STATE_CODES.sold } };
}

function revokeSale(ctx: HandlerContext<SandboxInput<'7208'>>) {
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  // A repeated revocation of a sale already revoked answers as the first did.
  const earlier = repo.sale(d.sel_no);
  if (earlier && earlier.hiRxno === d.hi_rxno && earlier.setlId === d.setl_id && earlier.revokedAt !== null) {
    const current = requireRx(ctx, repo, d, ['audited', 'sold', 'delivering', 'signed'], '撤销出库');
    return { output: { hi_rxno: current.hiRxno, rx_stas_codg: STATE_CODES[current.state] } };
  }
  const rx = requireRx(ctx, repo, d, ['sold'], '撤销出库');
  if (rx.selNo !== d.sel_no || rx.setlId !== d.setl_id) reject(`出库单号 ${d.sel_no} 或结算ID 与处方 ${rx.hiRxno} 的出库不符`);
  const setl = ctx.store.settlements.get(d.setl_id);
  if (setl && setl.state === 'settled') reject(`结算ID ${d.setl_id} 尚未撤销, 请先办理退费 (2103) 再撤销出库`);
  repo.revokeSale(d.sel_no, ctx.nowText, d.revs_rea);
  const next = repo.transition(rx, 'audited', '7208', ctx.nowText, { selNo: null, setlId: null }, d.revs_rea);
  return { output: { hi_rxno: next.hiRxno, rx_stas_codg: STATE_CODES[next.state] } };
}

/**
 * 7205 审核 of a region without a separate 核验 (Hubei, seeds 002 / 004): the checks of 7205 核验 and
 * 7206 审方 in one call (one store transaction: a refused review leaves the prescription downloaded).
 */
export function rxVerifyAndAudit(ctx: HandlerContext<SandboxInput<'7205'> & SandboxInput<'7206'>>) {
  verify(ctx);
  return auditRx(ctx);
}

/** 7209 (national): after the sale was uploaded (7207). */
function deliver(ctx: HandlerContext<SandboxInput<'7209'>>) {
  return deliverFrom(ctx, ['sold', 'delivering']);
}

/** Delivery in a region without a 出库 upload (Hubei 7205 配送信息上传): after the review. */
export function rxDeliverAfterAudit(ctx: HandlerContext<SandboxInput<'7209'>>) {
  return deliverFrom(ctx, ['audited', 'sold', 'delivering']);
}

function deliverFrom(ctx: HandlerContext<SandboxInput<'7209'>>, from: RxState[]) {
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  const rx = requireRx(ctx, repo, d, from, '同步配送信息');
  if (rx.delvNo && rx.delvNo !== d.delv_no) reject(`处方 ${rx.hiRxno} 的配送业务编号是 ${rx.delvNo}, 不是 ${d.delv_no}`);
  if (rx.delvStasCodg && d.delv_stas_codg < rx.delvStasCodg) reject('配送状态不能回退');
  const next = repo.transition(rx, 'delivering', ctx.envelope.infno, ctx.nowText, {
    delvNo: d.delv_no,
    delvStasCodg: d.delv_stas_codg,
  });
  return { output: { hi_rxno: next.hiRxno, delv_no: d.delv_no, rx_stas_codg: STATE_CODES.delivering } };
}

function sign(ctx: HandlerContext<SandboxInput<'7210'>>) {
  const repo = repoOf(ctx);
  const d = ctx.input.data;
  const rx = requireRx(ctx, repo, d, ['delivering'], '签收');
  if (rx.delvNo !== d.delv_no) reject(`配送业务编号 ${d.delv_no} 与处方 ${rx.hiRxno} 的配送不符`);
  if (rx.delvStasCodg !== '3') reject('药品尚未送达 (7209 配送状态 3 已送达), 不能签收');
  const next = repo.transition(rx, 'signed', '7210', ctx.nowText, {}, d.sign_psn_name);
  return { output: { hi_rxno: next.hiRxno, rx_stas_codg: STATE_CODES.signed } };
}

/** 7211: the 西药中成药 of the 医保目录 that may be dispensed against an electronic prescription. */
function drugQuery(ctx: HandlerContext<SandboxInput<'7211'>>) {
  const d = ctx.input.data;
  const page = ctx.store.catalogue.queryHilist({
    updtTime: '2000-01-01 00:00:00',
    pageNum: d.page_num,
    pageSize: d.page_size,
    listType: '101',
    valiFlag: '1',
    ...(d.med_list_codg ? { hilistCode: d.med_list_codg } : {}),
    ...(d.drug_genname ? { hilistName: d.drug_genname } : {}),
  });
  return {
    output: {
      total: page.total,
      list: page.rows.map((r) => ({
        med_list_codg: r.code,
        drug_genname: r.gennm ?? r.name,
        drug_spec: r.spec ?? '',
        drug_dosform: r.dosform ?? '',
        chrgitm_lv: r.chrgitmLv ?? '',
        lmt_used_flag: r.lmtUsedFlag ?? '0',
        lmt_scp: r.lmtScp ?? '',
        pric_uplmt_amt: r.pricUplmtAmt === null ? null : priceNumber(r.pricUplmtAmt),
      })),
    },
  };
}

export const prescriptionHandlers: HandlerTable = {
  '7201': authorize,
  '7204': download,
  '7205': verify,
  '7206': auditRx,
  '7207': sale,
  '7208': revokeSale,
  '7209': deliver,
  '7210': sign,
  '7211': drugQuery,
};
