/**
 * The region's 结算单 data for a settlement the counter made (四川 S3601 结算单数据获取): the center's
 * settlement, its fund shares and its fee lines, as the 结算单 prints them. The settlement's ids come
 * from the journal, so only the setl_id is asked for.
 */
import { YibaoError } from '../core/errors';
import { parseYuan, type Fen } from '../core/money';
import { maskName } from '../core/mask';
import type { CounterApp } from '../app/counter-app';
import type { SettlementHistory } from '../counter/settlement-history';
import { settlementSheetOutput } from '../protocol/transactions/sichuan';
import { regionCode } from './region-code';

export interface SheetLine {
  readonly code: string;
  readonly cntText: string;
  readonly amountFen: Fen;
}

export interface SettlementSheet {
  readonly infno: string;
  readonly setlId: string;
  readonly mdtrtId: string;
  /** Masked: the sheet is read on the IT person's screen. */
  readonly psnNameMasked: string;
  readonly setlTime: string;
  readonly medfeeFen: Fen;
  readonly fundPayFen: Fen;
  readonly acctPayFen: Fen;
  readonly cashFen: Fen;
  readonly funds: readonly { readonly type: string; readonly name: string; readonly amountFen: Fen }[];
  readonly lines: readonly SheetLine[];
}

const fen = (v: number | string | null | undefined): Fen => parseYuan(v ?? 0);

export async function fetchSettlementSheet(
  app: CounterApp,
  history: SettlementHistory,
  setlId: string,
): Promise<SettlementSheet> {
  const infno = regionCode(app, 'settlementSheet');
  const found = history.bySetlId(setlId);
  if (!found) throw new YibaoError('E_SETTLEMENT_NOT_FOUND', `本机没有结算ID ${setlId} 的成功结算记录, 请核对结算ID`);
  const { key } = found;
  const result = await app.callAs(app.sessions.require(), infno, {
    data: { setl_id: key.setlId, mdtrt_id: key.mdtrtId, psn_no: key.psnNo },
  });
  const out = settlementSheetOutput.parse(result.output);
  const s = out.setlinfo;
  if (s.setl_id !== key.setlId) {
    throw new YibaoError('E_ANSWER_MISMATCH', `中心返回的结算单是结算ID ${s.setl_id}, 不是所查的 ${key.setlId}`);
  }
  return {
    infno,
    setlId: s.setl_id,
    mdtrtId: s.mdtrt_id,
    psnNameMasked: maskName(s.psn_name ?? ''),
    setlTime: s.setl_time ?? '',
    medfeeFen: fen(s.medfee_sumamt),
    fundPayFen: fen(s.fund_pay_sumamt),
    acctPayFen: fen(s.acct_pay),
    cashFen: fen(s.psn_cash_pay),
    funds: out.setldetail.map((d) => ({
      type: d.fund_pay_type,
      name: d.fund_pay_type_name ?? '',
      amountFen: fen(d.fund_payamt),
    })),
    lines: out.feedetail.map((l) => ({
      code: l.med_list_codg ?? '',
      cntText: l.cnt === null ? '' : String(l.cnt),
      amountFen: fen(l.det_item_fee_sumamt),
    })),
  };
}
