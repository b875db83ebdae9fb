/**
 * The 7204 answer → the counter's prescription: lines with exact quantities and prices, and the
 * pharmacy basket lines they become. Validated by the transaction schema first; here only the
 * conversion to integer money types, so a prescription line and its sale line agree to the fen.
 */
import { YibaoError } from '../core/errors';
import {
  lineAmount,
  parsePrice,
  parseQty,
  parseYuan,
  priceNumber,
  qtyNumber,
  sumFen,
  type Fen,
  type Qty,
  type UnitPrice,
} from '../core/money';
import { rxDownloadOutput } from '../protocol/transactions/prescription';
import type { LineEntry } from '../counter/sale-lines';

export interface RxDrugLine {
  readonly rxDetlNo: string;
  readonly code: string;
  readonly name: string;
  readonly spec: string;
  readonly cnt: Qty;
  readonly unit: string;
  readonly pric: UnitPrice;
  readonly amount: Fen;
  readonly usage: string;
}

export interface DownloadedRx {
  readonly hiRxno: string;
  readonly rxTraceCode: string;
  readonly issuerName: string;
  readonly prscTime: string;
  readonly validEndTime: string;
  readonly psnNo: string;
  readonly patnName: string;
  readonly deptName: string;
  readonly drName: string;
  readonly diagnosis: string;
  readonly lines: readonly RxDrugLine[];
  readonly totalFen: Fen;
}

export function parseDownloadedRx(output: unknown): DownloadedRx {
  const parsed = rxDownloadOutput.safeParse(output);
  if (!parsed.success) {
    throw new YibaoError('E_RX_ANSWER', `电子处方下载应答格式不正确: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  const { rxinfo, mdtrtinfo, rxdetlinfo } = parsed.data;
  const lines = rxdetlinfo.map((d, i) => {
    const cnt = parseQty(d.drug_cnt);
    const pric = parsePrice(d.drug_pric);
    const amount = lineAmount(cnt, pric);
    if (amount !== parseYuan(d.drug_sumamt)) {
      throw new YibaoError('E_RX_ANSWER', `处方第 ${i + 1} 行金额 ${d.drug_sumamt} ≠ 数量 × 单价, 请联系医保中心`, {
        row: i + 1,
      });
    }
    return {
      rxDetlNo: d.rx_detl_no,
      code: d.med_list_codg,
      name: d.drug_genname || d.drug_prodname || d.med_list_codg,
      spec: d.drug_spec ?? '',
      cnt,
      unit: d.drug_cnt_unit ?? '',
      pric,
      amount,
      usage: [d.medc_way_dscr, d.used_frqu_name, d.sin_doscnt].filter(Boolean).join(' '),
    };
  });
  return {
    hiRxno: rxinfo.hi_rxno,
    rxTraceCode: rxinfo.rx_trace_code,
    issuerName: rxinfo.fixmedins_name ?? rxinfo.fixmedins_code ?? '',
    prscTime: rxinfo.prsc_time ?? '',
    validEndTime: rxinfo.valid_end_time ?? '',
    psnNo: mdtrtinfo.psn_no,
    patnName: mdtrtinfo.patn_name ?? '',
    deptName: mdtrtinfo.prsc_dept_name ?? '',
    drName: mdtrtinfo.prsc_dr_name ?? '',
    diagnosis: [mdtrtinfo.diag_code, mdtrtinfo.diag_name].filter(Boolean).join(' '),
    lines,
    totalFen: sumFen(lines.map((l) => l.amount)),
  };
}

/** The pharmacy basket for a prescription: one line per prescribed drug, at the prescribed quantity and price. */
export function basketLinesOf(rx: Pick<DownloadedRx, 'lines'>): LineEntry[] {
  // Shortest decimal text (2, 0.5, 12.345678), as a cashier would type it; parses back exactly.
  return rx.lines.map((l) => ({
    code: l.code,
    name: l.name,
    cntText: String(qtyNumber(l.cnt)),
    pricText: String(priceNumber(l.pric)),
  }));
}
