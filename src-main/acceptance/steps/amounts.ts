import { formatYuan, type Fen } from '../../core/money';
import type { SettlementView } from '../../counter/views';

const yuan = (f: number) => formatYuan(f as Fen);

/** The amounts of a settlement as one report line. */
export function settlementAmounts(s: SettlementView): string {
  return `总额 ${yuan(s.medfeeFen)}, 统筹 ${yuan(s.hifpPayFen)}, 个账 ${yuan(s.acctPayFen)}, 现金 ${yuan(s.psnCashPayFen)}`;
}
