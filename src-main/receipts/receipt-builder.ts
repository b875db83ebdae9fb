/**
 * The receipt of one settlement, read only from the journal: the settlement call found by its
 * setl_id (2102 / 2102A / 2207 / 2207A), the lines that were sent with the center's split per
 * line (the sale's own detlcutinfo; for a clinic bill the 2204 uploads of its chrg_bchno), a
 * successful refund (2103 / 2208) if there is one, and the operator recorded with the call.
 */
import { YibaoError } from '../core/errors';
import { maskCardNo, maskIdNumber } from '../core/mask';
import { sumFen, type Fen } from '../core/money';
import type { JournalEntry, JournalStore } from '../journal/journal-store';
import { block, inputOf, outputOf, rows, str, type Json } from '../counter/journal-records';
import { SettlementHistory } from '../counter/settlement-history';
import { fenOf, settlementView } from '../counter/settlement-view';
import { loadVisit, type VisitRecord } from '../counter/visit-record';
import type { Coded } from '../counter/views';
import type { ItemNameLookup } from './item-names';
import type { Labeler } from './receipt-labels';
import type { ReceiptAmount, ReceiptCategory, ReceiptLine, ReceiptModel, ReceiptRefund } from './receipt-model';

export interface ReceiptSources {
  readonly journal: JournalStore;
  /** The configured institution: only its own settlements have receipts here. */
  readonly institution: { readonly code: string; readonly name: string };
  readonly itemName: ItemNameLookup;
  readonly label: Labeler;
}

/** setlinfo fund fields, national spec names (定点医药机构接口规范 setlinfo). */
const FUND_FIELDS: readonly (readonly [string, string])[] = [
  ['hifp_pay', '基本医疗保险统筹基金支出'],
  ['cvlserv_pay', '公务员医疗补助资金支出'],
  ['hifes_pay', '企业补充医疗保险基金支出'],
  ['hifmi_pay', '居民大病保险资金支出'],
  ['hifob_pay', '职工大额医疗费用补助基金支出'],
  ['maf_pay', '医疗救助基金支出'],
  ['oth_pay', '其他支出'],
];
const SELFPAY_FIELDS: readonly (readonly [string, string])[] = [
  ['fulamt_ownpay_amt', '全自费金额'],
  ['overlmt_selfpay', '超限价自费费用'],
  ['preselfpay_amt', '先行自付金额'],
  ['inscp_scp_amt', '符合政策范围金额'],
  ['act_pay_dedc', '实际支付起付线'],
];

const amountsOf = (setlinfo: Json, fields: readonly (readonly [string, string])[]): ReceiptAmount[] =>
  fields.map(([key, label]) => ({ key, label, fen: fenOf(setlinfo[key]) }));

export function buildReceipt(src: ReceiptSources, setlId: string): ReceiptModel {
  const history = new SettlementHistory(src.journal, src.institution.code);
  const found = history.bySetlId(setlId);
  if (!found) {
    throw new YibaoError(
      'E_RECEIPT_NOT_FOUND',
      `本机构 (${src.institution.code}) 的交易流水中没有结算ID为 ${setlId} 的成功结算, 无法打印小票; 请核对结算ID, 或在结算所在的收银台上打印`,
      { setlId },
    );
  }
  const { entry, key, kind } = found;
  const output = outputOf(entry) ?? {};
  const input = inputOf(entry);
  const setlinfo = block(output, 'setlinfo');
  const view = settlementView(entry, output);
  const visit = kind === 'clinic' ? loadVisit(src.journal, src.institution.code, key.mdtrtId) : null;
  const chrgBchno = kind === 'clinic' ? str(block(input, 'data'), 'chrg_bchno') : null;
  const { sent, splits } = linesOf(input, output, visit, chrgBchno);
  const lines = receiptLines(sent, splits, src);
  const druginfo = block(input, 'druginfo');
  const refund = history.refundCalls(kind, setlId).find((e) => e.state === 'ok') ?? null;

  return {
    kind,
    institution: src.institution,
    infno: entry.infno,
    msgid: entry.msgid,
    setlId,
    mdtrtId: key.mdtrtId,
    chrgBchno,
    setlTime: str(setlinfo, 'setl_time') || entry.preparedAt,
    medType: src.label('med_type', str(setlinfo, 'med_type') || str(druginfo, 'med_type') || (visit?.medType ?? '')),
    insutype: src.label('insutype', str(setlinfo, 'insutype') || str(druginfo, 'insutype') || (visit?.insutype ?? '')),
    psnType: src.label('psn_type', str(setlinfo, 'psn_type') || str(druginfo, 'psn_type')),
    person: {
      name: str(setlinfo, 'psn_name') || str(druginfo, 'psn_name') || (visit?.psnName ?? ''),
      certnoMasked: maskIdNumber(str(setlinfo, 'certno') || str(druginfo, 'certno') || idNumberOfVisit(visit)),
      psnNoMasked: maskCardNo(key.psnNo),
      gender: str(setlinfo, 'gend') ? src.label('gend', str(setlinfo, 'gend')).label : '',
      age: str(setlinfo, 'age'),
    },
    operator: { code: entry.opter, name: entry.opterName },
    visit: visit && {
      iptOtpNo: visit.iptOtpNo,
      deptName: visit.dept.name,
      doctorName: visit.doctor.name,
      diagnoses: visit.diagnoses.map((d) => `${d.code} ${d.name}`),
    },
    lines,
    categories: categoryTotals(lines),
    medfeeFen: view.medfeeFen,
    selfpay: amountsOf(setlinfo, SELFPAY_FIELDS),
    fundFields: amountsOf(setlinfo, FUND_FIELDS),
    funds: view.funds.map((f) => ({
      // The center's fund_pay_type_name first; else the downloaded dictionary, else the baseline.
      fundPayType: f.fundPayType.label !== f.fundPayType.code ? f.fundPayType : src.label('fund_pay_type', f.fundPayType.code),
      fen: f.amountFen,
    })),
    fundPaySumFen: view.fundPaySumFen,
    psnPartFen: view.psnPartFen,
    acctPayFen: view.acctPayFen,
    acctMulaidPayFen: fenOf(setlinfo['acct_mulaid_pay']),
    psnCashPayFen: view.psnCashPayFen,
    balanceAfterFen: view.balanceAfterFen,
    refund: refund && refundOf(refund),
  };
}

/** The lines as sent and the center's split of each (by feedetl_sn). */
function linesOf(
  input: Json,
  output: Json,
  visit: VisitRecord | null,
  chrgBchno: string | null,
): { sent: readonly Json[]; splits: readonly Json[] } {
  if (!visit) return { sent: rows(input, 'drugdetail'), splits: rows(output, 'detlcutinfo') };
  const bill = chrgBchno ? visit.bills.get(chrgBchno) : undefined;
  return { sent: bill?.lines ?? [], splits: bill?.splits ?? [] };
}

function receiptLines(sent: readonly Json[], splits: readonly Json[], src: ReceiptSources): ReceiptLine[] {
  const bySn = new Map(splits.map((s) => [str(s, 'feedetl_sn'), s]));
  return sent.map((line) => {
    const sn = str(line, 'feedetl_sn');
    const split = bySn.get(sn) ?? {};
    const code = str(line, 'med_list_codg');
    return {
      sn,
      code,
      name: src.itemName(code),
      category: src.label('med_chrgitm_type', str(split, 'med_chrgitm_type')),
      level: src.label('chrgitm_lv', str(split, 'chrgitm_lv')),
      cntText: str(line, 'cnt'),
      pricText: str(line, 'pric'),
      amountFen: fenOf(line['det_item_fee_sumamt']),
      fulamtOwnpayFen: fenOf(split['fulamt_ownpay_amt']),
      overlmtFen: fenOf(split['overlmt_amt']),
      preselfpayFen: fenOf(split['preselfpay_amt']),
    };
  });
}

function categoryTotals(lines: readonly ReceiptLine[]): ReceiptCategory[] {
  const groups = new Map<string, { category: Coded; amounts: Fen[] }>();
  for (const l of lines) {
    const group = groups.get(l.category.code) ?? { category: l.category, amounts: [] };
    group.amounts.push(l.amountFen as Fen);
    groups.set(l.category.code, group);
  }
  return [...groups.values()].map((g) => ({ category: g.category, fen: sumFen(g.amounts) }));
}

/** 身份证号 of a clinic visit registered with the ID card (mdtrt_cert_type 02). */
function idNumberOfVisit(visit: VisitRecord | null): string {
  return visit?.cert.mdtrt_cert_type === '02' ? visit.cert.mdtrt_cert_no : '';
}

function refundOf(entry: JournalEntry): ReceiptRefund {
  return {
    infno: entry.infno,
    msgid: entry.msgid,
    time: entry.preparedAt,
    balanceAfterFen: fenOf(block(outputOf(entry), 'setlinfo')['balc']),
  };
}
