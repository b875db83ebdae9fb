/**
 * Line split (明细分割): how each fee line divides into 全自费 / 超限价 / 先行自付 /
 * 政策范围内. The 2204 upload answers with exactly this, and settlement works
 * on the sums.
 */
import { YibaoError } from '../../core/errors';
import {
  applyRatio,
  formatPrice,
  formatRatio,
  formatYuan,
  FEN_ZERO,
  lineAmount,
  RATIO_ONE,
  RATIO_ZERO,
  subFen,
  type Fen,
  type Ratio,
} from '../amounts';
import { SANDBOX_POLICY, type SandboxPolicy } from './table';
import type { FeeItem, LineFlags, PolicyPerson, SplitLine } from './types';

const CHRGITM_LVS = new Set(['01', '02', '03']);

function invalidItem(index: number, item: FeeItem, messageZh: string): YibaoError {
  return new YibaoError('E_POLICY_INPUT', `费用明细第 ${index + 1} 条 (${item.feedetlSn}): ${messageZh}`, {
    feedetlSn: item.feedetlSn,
    medListCodg: item.medListCodg,
  });
}

function validateItem(item: FeeItem, index: number, seen: Set<string>): void {
  if (item.feedetlSn === '') throw invalidItem(index, item, '缺少费用明细流水号 feedetl_sn');
  if (seen.has(item.feedetlSn)) throw invalidItem(index, item, 'feedetl_sn 重复');
  seen.add(item.feedetlSn);
  if (!CHRGITM_LVS.has(item.chrgitmLv)) throw invalidItem(index, item, `收费项目等级 ${item.chrgitmLv} 无效 (应为 01/02/03)`);
  if (!Number.isSafeInteger(item.cnt) || item.cnt <= 0) throw invalidItem(index, item, '数量必须大于 0');
  if (!Number.isSafeInteger(item.pric) || item.pric < 0) throw invalidItem(index, item, '单价不能为负数');
  if (item.pricUplmt !== null && (!Number.isSafeInteger(item.pricUplmt) || item.pricUplmt < 0)) {
    throw invalidItem(index, item, '限价不能为负数');
  }
  if (!Number.isSafeInteger(item.selfpayProp) || item.selfpayProp < 0 || item.selfpayProp > RATIO_ONE) {
    throw invalidItem(index, item, '先自付比例必须在 0 到 1 之间');
  }
  const expected = lineAmount(item.cnt, item.pric);
  if (item.amount !== expected) {
    throw invalidItem(
      index,
      item,
      `明细金额 ${formatYuan(item.amount)} 与 数量×单价 ${formatYuan(expected)} 不符 (det_item_fee_sumamt = cnt × pric)`,
    );
  }
}

function lineFlags(item: FeeItem): LineFlags {
  const f = item.flags ?? {};
  return {
    basMednFlag: f.basMednFlag ?? '0',
    hiNegoDrugFlag: f.hiNegoDrugFlag ?? '0',
    chldMedcFlag: f.chldMedcFlag ?? '0',
    listSpItemFlag: f.listSpItemFlag ?? '0',
    lmtUsedFlag: f.lmtUsedFlag ?? '0',
    drtReimFlag: f.drtReimFlag ?? '0',
  };
}

function splitOne(item: FeeItem, waiveClassBSelfpay: boolean): SplitLine {
  const base = {
    feedetlSn: item.feedetlSn,
    medListCodg: item.medListCodg,
    detItemFeeSumamt: item.amount,
    cnt: item.cnt,
    pric: item.pric,
    pricUplmtAmt: item.pricUplmt,
    chrgitmLv: item.chrgitmLv,
    medChrgitmType: item.medChrgitmType,
    flags: lineFlags(item),
  };
  if (item.chrgitmLv === '03') {
    return {
      ...base,
      selfpayProp: RATIO_ONE,
      fulamtOwnpayAmt: item.amount,
      overlmtAmt: FEN_ZERO,
      preselfpayAmt: FEN_ZERO,
      inscpScpAmt: FEN_ZERO,
      memo: '丙类: 全额自费',
    };
  }
  const memo: string[] = [];
  // Over the price limit, the part above cnt × 限价 is the patient's; the rest is split as usual.
  let withinLimit: Fen = item.amount;
  if (item.pricUplmt !== null && item.pric > item.pricUplmt) {
    withinLimit = lineAmount(item.cnt, item.pricUplmt);
    memo.push(
      `超限价: 单价 ${formatPrice(item.pric)} > 限价 ${formatPrice(item.pricUplmt)}, 超出 ${formatYuan(subFen(item.amount, withinLimit))} 元自付`,
    );
  }
  let prop: Ratio = RATIO_ZERO;
  if (item.chrgitmLv === '02') {
    if (waiveClassBSelfpay) memo.push('乙类: 离休人员不计先行自付');
    else prop = item.selfpayProp;
  }
  // Half-up on the 先自付 share; the in-scope amount takes the remainder so the line adds up exactly.
  const preselfpay = applyRatio(withinLimit, prop);
  if (prop > 0) memo.push(`乙类先行自付 ${formatRatio(prop)}: ${formatYuan(preselfpay)} 元`);
  return {
    ...base,
    selfpayProp: prop,
    fulamtOwnpayAmt: FEN_ZERO,
    overlmtAmt: subFen(item.amount, withinLimit),
    preselfpayAmt: preselfpay,
    inscpScpAmt: subFen(withinLimit, preselfpay),
    memo: memo.join('; '),
  };
}

/**
 * Splits fee lines for `person`. Used alone for the 2204 upload result and by
 * `computeSettlement`. Throws YibaoError E_POLICY_INPUT on an invalid line
 * (duplicate serial, amount ≠ cnt × pric, bad level or ratio).
 */
export function splitLines(
  items: readonly FeeItem[],
  person: Pick<PolicyPerson, 'insutype'>,
  policy: SandboxPolicy = SANDBOX_POLICY,
): SplitLine[] {
  const seen = new Set<string>();
  items.forEach((item, index) => validateItem(item, index, seen));
  const waive = person.insutype === '340' && policy.retiredCadre.waiveClassBSelfpay;
  return items.map((item) => splitOne(item, waive));
}
