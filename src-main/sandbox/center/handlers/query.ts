/**
 * 5203 结算信息查询 and 5204 费用明细查询 (protocol.md §2.17): what the center holds for one
 * settlement of this institution, named by setl_id + mdtrt_id + psn_no. A reversed
 * settlement is refused: after 2601 the center treats it as never settled. A refund record
 * (2103 / 2208) is found under its own setl_id; its fee lines are those of the settlement
 * it cancels.
 */
import type { SandboxInput } from '../../spec/input-rules';
import { priceNumber, qtyNumber, ratioNumber, yuanNumber } from '../../amounts';
import type { FeeLineRow, SettlementRecord } from '../../store';
import { reject } from '../reject';
import { settlementOutput } from '../settling';
import type { HandlerContext, HandlerTable } from '../context';

type Key = SandboxInput<'5203'>['data'];

function requireSettlement(ctx: HandlerContext<unknown>, key: Key): SettlementRecord {
  const record = ctx.store.settlements.get(key.setl_id);
  if (!record || record.fixmedinsCode !== ctx.envelope.fixmedins_code) reject(`结算ID ${key.setl_id} 不存在`);
  if (record.mdtrtId !== key.mdtrt_id || record.psnNo !== key.psn_no) reject(`结算ID ${key.setl_id} 与就诊ID/人员编号不符`);
  if (record.state === 'reversed') reject(`结算ID ${key.setl_id} 已冲正 (2601), 中心视为未结算`);
  return record;
}

function querySettlement(ctx: HandlerContext<SandboxInput<'5203'>>) {
  return { output: settlementOutput(ctx.store, requireSettlement(ctx, ctx.input.data)) };
}

const text = (v: string | null): string => v ?? '';

function feeDetail(line: FeeLineRow, record: SettlementRecord) {
  return {
    mdtrt_id: line.mdtrtId,
    setl_id: line.setlId ?? record.setlId,
    feedetl_sn: line.feedetlSn,
    rx_drord_no: text(line.rxno),
    med_type: record.medType,
    fee_ocur_time: line.feeOcurTime,
    med_list_codg: line.medListCodg,
    medins_list_codg: line.medinsListCodg,
    cnt: qtyNumber(line.cnt),
    pric: priceNumber(line.pric),
    sin_dos_dscr: text(line.sinDosDscr),
    used_frqu_dscr: text(line.usedFrquDscr),
    // Days of supply, N4,2 kept as the decimal text received; not an amount.
    prd_days: line.prdDays === null ? 0 : Number(line.prdDays),
    medc_way_dscr: text(line.medcWayDscr),
    bilg_dept_codg: text(line.bilgDeptCodg),
    bilg_dept_name: text(line.bilgDeptName),
    bilg_dr_codg: text(line.bilgDrCodg),
    bilg_dr_name: text(line.bilgDrName),
    det_item_fee_sumamt: yuanNumber(line.detItemFeeSumamt),
    pric_uplmt_amt: line.pricUplmtAmt === null ? 0 : priceNumber(line.pricUplmtAmt),
    selfpay_prop: ratioNumber(line.selfpayProp),
    fulamt_ownpay_amt: yuanNumber(line.fulamtOwnpayAmt),
    overlmt_amt: yuanNumber(line.overlmtAmt),
    preselfpay_amt: yuanNumber(line.preselfpayAmt),
    inscp_scp_amt: yuanNumber(line.inscpScpAmt),
    chrgitm_lv: line.chrgitmLv,
    med_chrgitm_type: line.medChrgitmType,
    bas_medn_flag: line.basMednFlag,
    hi_nego_drug_flag: line.hiNegoDrugFlag,
    chld_medc_flag: line.chldMedcFlag,
    list_sp_item_flag: line.listSpItemFlag,
    lmt_used_flag: line.lmtUsedFlag,
    drt_reim_flag: line.drtReimFlag,
    memo: text(line.memo),
  };
}

function feeDetailOf(ctx: HandlerContext<unknown>, record: SettlementRecord) {
  const settledBy = record.kind === 'refund' && record.origSetlId !== null ? record.origSetlId : record.setlId;
  return ctx.store.visits.linesOfSettlement(settledBy).map((l) => feeDetail(l, record));
}

function queryFeeDetail(ctx: HandlerContext<SandboxInput<'5204'>>) {
  return { output: { feedetail: feeDetailOf(ctx, requireSettlement(ctx, ctx.input.data)) } };
}

/**
 * 四川 S3601 结算单数据获取 (seed 003 l.204, no field list): what a 结算单 prints, the settlement and
 * its fee lines, named like 5203 (the sandbox's reading: spec/sichuan-fields.ts).
 */
function settlementSheet(ctx: HandlerContext<SandboxInput<'S3601'>>) {
  const record = requireSettlement(ctx, ctx.input.data);
  return { output: { ...settlementOutput(ctx.store, record), feedetail: feeDetailOf(ctx, record) } };
}

export const queryHandlers: HandlerTable = {
  '5203': querySettlement,
  '5204': queryFeeDetail,
  S3601: settlementSheet,
};
