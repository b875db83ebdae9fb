/**
 * The identities every settlement must satisfy to the fen. computeSettlement
 * runs this on each result before returning it, so a bug in the engine
 * surfaces as an error instead of an unbalanced ledger.
 */
import { YibaoError } from '../../core/errors';
import { addFen, clampFen, FEN_ZERO, subFen, sumFen, type Fen } from '../amounts';
import { schemeOf } from './select';
import { FUNDS, type SandboxPolicy } from './table';
import type { SettlementAmounts, SettlementRequest, SettlementResult, SplitLine } from './types';

function violated(rule: string, detail: Record<string, unknown>): never {
  throw new YibaoError('E_POLICY_INVARIANT', `模拟医保中心结算金额校验失败: ${rule}`, { rule, ...detail });
}

function check(ok: boolean, rule: string, detail: Record<string, unknown> = {}): void {
  if (!ok) violated(rule, detail);
}

const isFen = (v: number): boolean => Number.isSafeInteger(v) && v >= 0;

/** Per line: 全自费 + 超限价 + 先行自付 + 政策范围内 = 明细金额, each part ≥ 0. */
export function assertLineInvariants(line: SplitLine): void {
  const parts = [line.fulamtOwnpayAmt, line.overlmtAmt, line.preselfpayAmt, line.inscpScpAmt];
  check(parts.every(isFen) && isFen(line.detItemFeeSumamt), 'line parts are non-negative fen', { feedetlSn: line.feedetlSn });
  check(
    sumFen(parts) === line.detItemFeeSumamt,
    'fulamt_ownpay_amt + overlmt_amt + preselfpay_amt + inscp_scp_amt = det_item_fee_sumamt',
    {
      feedetlSn: line.feedetlSn,
      parts,
      det_item_fee_sumamt: line.detItemFeeSumamt,
    },
  );
}

const AMOUNT_KEYS = [
  'medfeeSumamt',
  'fulamtOwnpayAmt',
  'overlmtSelfpay',
  'preselfpayAmt',
  'inscpScpAmt',
  'actPayDedc',
  'hifpPay',
  'cvlservPay',
  'hifesPay',
  'hifmiPay',
  'hifobPay',
  'mafPay',
  'othPay',
  'fundPaySumamt',
  'psnPartAmt',
  'acctPay',
  'psnCashPay',
  'hospPartAmt',
  'balc',
  'acctMulaidPay',
] as const satisfies readonly (keyof SettlementAmounts)[];

/** Throws YibaoError E_POLICY_INVARIANT naming the first identity `result` breaks. */
export function assertSettlementInvariants(req: SettlementRequest, result: SettlementResult, policy: SandboxPolicy): void {
  const s = result.setlinfo;
  for (const key of AMOUNT_KEYS) check(isFen(s[key]), `${key} is a non-negative fen amount`, { [key]: s[key] });
  check(
    Number.isSafeInteger(s.poolPropSelfpay) && s.poolPropSelfpay >= 0 && s.poolPropSelfpay <= 10000,
    'pool_prop_selfpay in [0, 1]',
  );

  check(result.lines.length === req.items.length, 'one split line per fee item');
  result.lines.forEach(assertLineInvariants);
  const sum = (pick: (l: SplitLine) => Fen): Fen => sumFen(result.lines.map(pick));
  check(s.medfeeSumamt === sum((l) => l.detItemFeeSumamt), 'medfee_sumamt = Σ det_item_fee_sumamt');
  check(s.fulamtOwnpayAmt === sum((l) => l.fulamtOwnpayAmt), 'fulamt_ownpay_amt = Σ lines');
  check(s.overlmtSelfpay === sum((l) => l.overlmtAmt), 'overlmt_selfpay = Σ overlmt_amt');
  check(s.preselfpayAmt === sum((l) => l.preselfpayAmt), 'preselfpay_amt = Σ lines');
  check(s.inscpScpAmt === sum((l) => l.inscpScpAmt), 'inscp_scp_amt = Σ lines');
  check(
    s.medfeeSumamt === addFen(s.fulamtOwnpayAmt, s.overlmtSelfpay, s.preselfpayAmt, s.inscpScpAmt),
    'medfee_sumamt = fulamt_ownpay_amt + overlmt_selfpay + preselfpay_amt + inscp_scp_amt',
  );

  const fundParts = addFen(s.hifpPay, s.cvlservPay, s.hifesPay, s.hifmiPay, s.hifobPay, s.mafPay, s.othPay);
  check(s.fundPaySumamt === fundParts, 'fund_pay_sumamt = hifp + cvlserv + hifes + hifmi + hifob + maf + oth', {
    fund_pay_sumamt: s.fundPaySumamt,
    parts: fundParts,
  });
  check(
    addFen(s.fundPaySumamt, s.psnPartAmt, s.hospPartAmt) === s.medfeeSumamt,
    'fund_pay_sumamt + psn_part_amt + hosp_part_amt = medfee_sumamt',
    {
      fund_pay_sumamt: s.fundPaySumamt,
      psn_part_amt: s.psnPartAmt,
      medfee_sumamt: s.medfeeSumamt,
    },
  );
  check(s.hospPartAmt === 0, 'hosp_part_amt = 0 in the sandbox');
  check(addFen(s.acctPay, s.psnCashPay) === s.psnPartAmt, 'acct_pay + psn_cash_pay = psn_part_amt');
  check(s.acctMulaidPay <= s.acctPay, 'acct_mulaid_pay ≤ acct_pay (acct_pay includes mutual aid)');
  check(s.acctPay <= req.person.acctBalance, 'acct_pay ≤ account balance before settlement');
  check(s.balc === subFen(req.person.acctBalance, s.acctPay), 'balc = balance before − acct_pay');
  check(req.acctUsed || s.acctPay === 0, 'no account payment without acct_used_flag = 1');

  // Funds pay only policy-scope amounts; the deductible is part of them.
  check(s.fundPaySumamt <= s.inscpScpAmt, 'fund_pay_sumamt ≤ inscp_scp_amt');
  check(addFen(s.actPayDedc, s.hifpPay) <= s.inscpScpAmt, 'act_pay_dedc + hifp_pay ≤ inscp_scp_amt');

  check(sumFen(result.setldetail.map((d) => d.fundPayamt)) === s.fundPaySumamt, 'Σ setldetail.fund_payamt = fund_pay_sumamt');
  for (const fund of Object.values(FUNDS)) {
    const rows = result.setldetail.filter((d) => d.fundPayType === fund.code);
    check(rows.length <= 1, `one setldetail row per fund_pay_type (${fund.code})`);
  }
  const byField = (field: string): Fen =>
    sumFen(
      result.setldetail
        .filter((d) => Object.values(FUNDS).some((f) => f.code === d.fundPayType && f.setlinfoField === field))
        .map((d) => d.fundPayamt),
    );
  for (const field of ['hifpPay', 'cvlservPay', 'mafPay', 'othPay'] as const) {
    check(byField(field) === s[field], `setldetail rows reported in ${field} sum to it`);
  }

  // Year-to-date: only this settlement's pool moves, by exactly what was paid, and never past a cap.
  const before = req.ytd;
  const after = result.ytdAfter;
  for (const pool of ['outpatient', 'chronic', 'inpatient'] as const) {
    const moved = pool === result.pool;
    check(
      after[pool].deductibleUsed === (moved ? addFen(before[pool].deductibleUsed, s.actPayDedc) : before[pool].deductibleUsed),
      `ytd ${pool}.deductibleUsed`,
    );
    check(
      after[pool].poolPaid === (moved ? addFen(before[pool].poolPaid, s.hifpPay) : before[pool].poolPaid),
      `ytd ${pool}.poolPaid`,
    );
  }
  check(after.cvlservPaid === addFen(before.cvlservPaid, s.cvlservPay), 'ytd cvlservPaid');
  check(after.assistancePaid === addFen(before.assistancePaid, s.mafPay), 'ytd assistancePaid');

  if (req.person.insutype !== '340') {
    const rule = schemeOf(req.person, policy).pools[result.pool];
    const capLeft = clampFen(subFen(rule.annualCap, before[result.pool].poolPaid));
    check(s.hifpPay <= capLeft, 'hifp_pay ≤ annual cap left', { hifp_pay: s.hifpPay, capLeft });
    const deductible = rule.deductible[req.institutionLevel] ?? FEN_ZERO;
    check(s.actPayDedc <= clampFen(subFen(deductible, before[result.pool].deductibleUsed)), 'act_pay_dedc ≤ deductible left');
    const assistance = req.person.assistance === null ? null : policy.assistance[req.person.assistance][result.pool];
    check(assistance !== null || s.mafPay === 0, 'no 医疗救助 outside its pools');
    const cap =
      req.seriousIllness === true && assistance?.seriousIllness ? assistance.seriousIllness.annualCap : assistance?.annualCap;
    if (cap !== null && cap !== undefined) {
      check(s.mafPay <= clampFen(subFen(cap, before.assistancePaid)), 'maf_pay ≤ assistance cap left');
    }
  } else {
    check(s.hifpPay === 0 && s.mafPay === 0 && s.cvlservPay === 0, '离休 is paid by the 离休 fund alone');
  }
}
