/**
 * Bridges the store and the policy engine for every settling transaction (2101/2102,
 * 2204/2206/2207, 2103/2208, 5203): person → policy person, fee lines + catalogue → fee
 * items, year-to-date ↔ the store's accumulators, and settlement records → protocol output.
 */
import { fen, parsePrice, parseQty, parseYuan, lineAmount, yuanNumber, ratioNumber, type Fen, type Ratio } from '../amounts';
import { ageOn, formatDate } from '../../core/time';
import { toYearToDate, ytdDeltas } from '../store/ytd-keys';
import {
  computeSettlement,
  splitLines,
  toProtocolLine,
  type FeeItem,
  type PolicyPerson,
  type SettlementResult,
  type SplitLine,
  type SupportedMedType,
  type ChronicCategory,
} from '../policy';
import type { FeeLine, InsuranceRow, PersonRow, SettlementRecord, SandboxStore, SetlDetail } from '../store';
import { reject } from './reject';
import type { HandlerContext } from './context';

const SUPPORTED_MED_TYPES: readonly string[] = ['11', '14', '21', '41'];

export interface PersonAndInsurance {
  readonly person: PersonRow;
  readonly insurance: InsuranceRow;
}

/** The person and the insurance row the request settles under; refuses unknown or suspended ones. */
export function requireInsured(store: SandboxStore, psnNo: string, insutype: string): PersonAndInsurance {
  const person = store.persons.getByPsnNo(psnNo);
  if (!person) reject(`人员编号 ${psnNo} 不存在`);
  const insurance = store.persons.insuranceFor(psnNo, insutype);
  if (!insurance) reject(`人员 ${psnNo} 没有险种 ${insutype} 的参保信息`);
  if (insurance.psnInsuStas !== '1') reject(`人员 ${psnNo} 险种 ${insutype} 参保状态异常 (${insurance.psnInsuStas}), 不能结算`);
  return { person, insurance };
}

export function policyPersonOf(p: PersonAndInsurance, institutionAdmdvs: string, now: Date): PolicyPerson {
  const ins = p.insurance;
  return {
    insutype: ins.insutype as PolicyPerson['insutype'],
    psnType: ins.psnType,
    age: ageOn(p.person.brdy, formatDate(now)),
    residentTier: ins.residentTier ?? undefined,
    collegeStudent: ins.collegeStudent,
    retiredCadreKind: ins.retiredCadreKind ?? undefined,
    assistance: ins.assistance,
    // The region is relative to where the person is treated: local when insured in the institution's area.
    insuRegion:
      ins.insuplcAdmdvs === institutionAdmdvs
        ? 'local'
        : ins.insuplcAdmdvs.slice(0, 2) === institutionAdmdvs.slice(0, 2)
          ? 'in-province'
          : 'cross-province',
    cvlserv: ins.cvlservFlag === '1',
    acctBalance: ins.balc,
  };
}

/** This institution is the 大学生's 首诊医疗机构 (seed 004 ② rows 2, 3, 6, 7). */
export function isFirstContact(insurance: InsuranceRow, fixmedinsCode: string): boolean {
  return insurance.firstContactFixmedins !== null && insurance.firstContactFixmedins === fixmedinsCode;
}

/** A fee line as sent by the counter (2204 feedetail / 2101 drugdetail), wire numbers. */
export interface WireFeeLine {
  readonly feedetl_sn: string;
  readonly med_list_codg: string;
  readonly det_item_fee_sumamt: number;
  readonly cnt: number;
  readonly pric: number;
}

/** Looks every line's code up in the current catalogue and builds the policy's fee items. */
export function feeItemsOf(store: SandboxStore, lines: readonly WireFeeLine[]): FeeItem[] {
  return lines.map((l) => {
    const item = store.catalogue.current(l.med_list_codg);
    if (!item || item.valiFlag !== '1') reject(`明细 ${l.feedetl_sn}: 医保目录编码 ${l.med_list_codg} 不存在或已失效`);
    if (!item.chrgitmLv || !item.medChrgitmType) reject(`明细 ${l.feedetl_sn}: 目录 ${l.med_list_codg} 不是可收费项目`);
    const cnt = parseQty(l.cnt);
    const pric = parsePrice(l.pric);
    const amount = parseYuan(l.det_item_fee_sumamt);
    const expected = lineAmount(cnt, pric);
    if (amount !== expected) {
      reject(`明细 ${l.feedetl_sn}: 明细金额 ${l.det_item_fee_sumamt} 不等于 数量 × 单价 (${yuanNumber(expected)})`);
    }
    return {
      feedetlSn: l.feedetl_sn,
      medListCodg: l.med_list_codg,
      cnt,
      pric,
      amount,
      chrgitmLv: item.chrgitmLv as FeeItem['chrgitmLv'],
      medChrgitmType: item.medChrgitmType,
      selfpayProp: item.selfpayProp ?? (0 as Ratio),
      pricUplmt: item.pricUplmtAmt,
      flags: {
        basMednFlag: item.basMednFlag ?? '0',
        hiNegoDrugFlag: item.hiNegoDrugFlag ?? '0',
        chldMedcFlag: item.chldMedcFlag ?? '0',
        listSpItemFlag: item.listSpItemFlag ?? '0',
        lmtUsedFlag: item.lmtUsedFlag ?? '0',
        drtReimFlag: item.drtReimFlag ?? '0',
      },
    };
  });
}

/** medfee_sumamt sent by the counter must equal the sum of its lines (protocol.md §5.7). */
export function requireTotal(sentTotal: number, items: readonly FeeItem[]): void {
  const sum = items.reduce((s, i) => s + i.amount, 0);
  if (parseYuan(sentTotal) !== sum) reject(`医疗费总额 ${sentTotal} 与明细合计 ${yuanNumber(fen(sum))} 不符`);
}

export function splitForUpload(items: readonly FeeItem[], person: PolicyPerson): SplitLine[] {
  return splitLines(items, person);
}

// ---- settling -----------------------------------------------------------------------

export interface SettleRequest {
  readonly ctx: HandlerContext<unknown>;
  readonly insured: PersonAndInsurance;
  readonly items: readonly FeeItem[];
  readonly medType: string;
  readonly acctUsed: boolean;
  readonly diseCodg?: string | null;
}

export function computeFor(req: SettleRequest): SettlementResult {
  const { ctx, insured } = req;
  if (!SUPPORTED_MED_TYPES.includes(req.medType))
    reject(`沙箱中心不支持医疗类别 ${req.medType} 的结算 (支持 11 普通门诊, 14 门诊慢特病, 21 住院, 41 药店购药)`);
  let chronicCategory: ChronicCategory | undefined;
  if (req.medType === '14') {
    const filing = ctx.store.persons
      .chronicFilings(insured.person.psnNo)
      .find((f) => !req.diseCodg || f.opspDiseCode === req.diseCodg);
    if (!filing)
      reject(`人员 ${insured.person.psnNo} 没有门诊慢特病备案${req.diseCodg ? ` (${req.diseCodg})` : ''}, 不能按门诊慢特病结算`);
    chronicCategory = filing.chronicCategory;
  }
  const year = ctx.now.getUTCFullYear();
  try {
    return computeSettlement({
      person: policyPersonOf(insured, ctx.institution.admdvs, ctx.now),
      items: req.items,
      medType: req.medType as SupportedMedType,
      institutionLevel: ctx.institution.level,
      acctUsed: req.acctUsed,
      ytd: toYearToDate(ctx.store.ledger.ytd(insured.person.psnNo, year)),
      chronicCategory,
      // No request field carries 首诊: the center compares the person's 定点 record with the envelope's institution.
      collegeFirstContact: isFirstContact(insured.insurance, ctx.envelope.fixmedins_code),
    });
  } catch (error) {
    const e = error as { code?: string; messageZh?: string };
    if (e.code === 'E_POLICY_NOT_COVERED' || e.code === 'E_POLICY_INPUT') reject(e.messageZh ?? String(error));
    throw error;
  }
}

export interface RecordOptions {
  readonly setlId: string;
  readonly mdtrtId: string;
  readonly chrgBchno: string | null;
  readonly mdtrtCertType: string | null;
  readonly invono: string | null;
  readonly feedetlSns?: readonly string[];
}

export function recordSettlement(
  ctx: HandlerContext<unknown>,
  insured: PersonAndInsurance,
  result: SettlementResult,
  o: RecordOptions,
): SettlementRecord {
  const a = result.setlinfo;
  const details: SetlDetail[] = result.setldetail.map((d) => ({
    fundPayType: d.fundPayType,
    fundPayTypeName: d.fundPayTypeName,
    inscpScpAmt: d.inscpScpAmt,
    crtPaybLmtAmt: d.crtPaybLmtAmt,
    fundPayamt: d.fundPayamt,
    setlProcInfo: d.setlProcInfo,
  }));
  return ctx.store.settlements.record({
    setlId: o.setlId,
    mdtrtId: o.mdtrtId,
    psnNo: insured.person.psnNo,
    fixmedinsCode: ctx.envelope.fixmedins_code,
    infno: ctx.envelope.infno,
    msgid: ctx.envelope.msgid,
    chrgBchno: o.chrgBchno,
    setlTime: ctx.nowText,
    insutype: result.insutype,
    psnType: result.psnType,
    cvlservFlag: result.cvlservFlag,
    medType: result.medType,
    mdtrtCertType: o.mdtrtCertType,
    clrType: result.clrType,
    clrWay: result.clrWay,
    clrOptins: insured.insurance.insuplcAdmdvs,
    invono: o.invono,
    amounts: { ...a },
    details,
    ytdDeltas: ytdDeltas(result.ytdBefore, result.ytdAfter),
    feedetlSns: o.feedetlSns,
  });
}

/** setlinfo + setldetail of a stored settlement or refund record (2102/2103/2207/2208/5203 output). */
export function settlementOutput(
  store: SandboxStore,
  record: SettlementRecord,
): { setlinfo: Record<string, unknown>; setldetail: Record<string, unknown>[] } {
  const person = store.persons.getByPsnNo(record.psnNo);
  const y = (f: Fen) => yuanNumber(f);
  return {
    setlinfo: {
      mdtrt_id: record.mdtrtId,
      setl_id: record.setlId,
      psn_no: record.psnNo,
      psn_name: person?.psnName ?? '',
      psn_cert_type: person?.psnCertType ?? '',
      certno: person?.certno ?? '',
      gend: person?.gend ?? '',
      naty: person?.naty ?? '',
      brdy: person?.brdy ?? '',
      age: person ? ageOn(person.brdy, record.setlTime.slice(0, 10)) : 0,
      insutype: record.insutype,
      psn_type: record.psnType,
      cvlserv_flag: record.cvlservFlag,
      setl_time: record.setlTime,
      mdtrt_cert_type: record.mdtrtCertType ?? '',
      med_type: record.medType,
      medfee_sumamt: y(record.medfeeSumamt),
      fulamt_ownpay_amt: y(record.fulamtOwnpayAmt),
      overlmt_selfpay: y(record.overlmtSelfpay),
      preselfpay_amt: y(record.preselfpayAmt),
      inscp_scp_amt: y(record.inscpScpAmt),
      act_pay_dedc: y(record.actPayDedc),
      hifp_pay: y(record.hifpPay),
      pool_prop_selfpay: ratioNumber(record.poolPropSelfpay),
      cvlserv_pay: y(record.cvlservPay),
      hifes_pay: y(record.hifesPay),
      hifmi_pay: y(record.hifmiPay),
      hifob_pay: y(record.hifobPay),
      maf_pay: y(record.mafPay),
      oth_pay: y(record.othPay),
      fund_pay_sumamt: y(record.fundPaySumamt),
      psn_part_amt: y(record.psnPartAmt),
      acct_pay: y(record.acctPay),
      psn_cash_pay: y(record.psnCashPay),
      hosp_part_amt: y(record.hospPartAmt),
      balc: y(record.balc),
      acct_mulaid_pay: y(record.acctMulaidPay),
      medins_setl_id: record.msgid,
      clr_optins: record.clrOptins,
      clr_way: record.clrWay,
      clr_type: record.clrType,
    },
    setldetail: record.details.map((d) => ({
      fund_pay_type: d.fundPayType,
      fund_pay_type_name: d.fundPayTypeName,
      inscp_scp_amt: y(d.inscpScpAmt),
      crt_payb_lmt_amt: y(d.crtPaybLmtAmt),
      fund_payamt: y(d.fundPayamt),
      setl_proc_info: d.setlProcInfo ?? '',
    })),
  };
}

/**
 * 2204 `result` / 2101-2102 `detlcutinfo` rows. An item without a price limit leaves
 * pric_uplmt_amt out rather than sending null (the field is optional on the wire).
 */
export function lineOutputs(lines: readonly SplitLine[]): Record<string, unknown>[] {
  return lines.map((l) => ({ ...toProtocolLine(l) }));
}

/**
 * The fee items of lines the center already split at upload (2204), rebuilt from the
 * stored split: settling them reproduces exactly the split the counter was answered,
 * even if the catalogue changed in between.
 */
export function feeItemsOfUploaded(lines: readonly FeeLine[]): FeeItem[] {
  return lines.map((l) => ({
    feedetlSn: l.feedetlSn,
    medListCodg: l.medListCodg,
    cnt: l.cnt,
    pric: l.pric,
    amount: l.detItemFeeSumamt,
    chrgitmLv: l.chrgitmLv as FeeItem['chrgitmLv'],
    medChrgitmType: l.medChrgitmType,
    selfpayProp: l.selfpayProp,
    pricUplmt: l.pricUplmtAmt,
    flags: {
      basMednFlag: l.basMednFlag,
      hiNegoDrugFlag: l.hiNegoDrugFlag,
      chldMedcFlag: l.chldMedcFlag,
      listSpItemFlag: l.listSpItemFlag,
      lmtUsedFlag: l.lmtUsedFlag,
      drtReimFlag: l.drtReimFlag,
    },
  }));
}

/**
 * 2103 / 2208: cancels a settlement of this institution by its original ids. The store
 * writes the negative record, restores account and YTD exactly and puts the lines back.
 */
export function cancelSettlement(
  ctx: HandlerContext<unknown>,
  key: { setl_id: string; mdtrt_id: string; psn_no: string },
  allowedInfnos: readonly string[],
  what: string,
) {
  const { setl_id, mdtrt_id, psn_no } = key;
  const original = ctx.store.settlements.get(setl_id);
  if (!original || original.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`结算ID ${setl_id} 不存在`);
  if (original.mdtrtId !== mdtrt_id || original.psnNo !== psn_no) reject(`结算ID ${setl_id} 与就诊ID/人员编号不符`);
  if (original.kind !== 'settle') reject(`${setl_id} 是撤销记录, 请用原结算的结算ID撤销`);
  if (!allowedInfnos.includes(original.infno)) reject(`结算ID ${setl_id} 不是${what} (${original.infno}), 请用对应的撤销交易`);
  if (original.state === 'cancelled') reject(`结算 ${setl_id} 已撤销, 不能重复撤销`);
  if (original.state === 'reversed') reject(`结算 ${setl_id} 已冲正, 不能撤销`);
  const { refund } = ctx.store.settlements.cancel({
    setlId: setl_id,
    refundSetlId: ctx.ids.setlId(ctx.now),
    msgid: ctx.envelope.msgid,
    infno: ctx.envelope.infno,
    time: ctx.nowText,
  });
  return { output: settlementOutput(ctx.store, refund) };
}
