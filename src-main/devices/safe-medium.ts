/**
 * Which `dev_safe_info` goes into which call (seed 003 第六章 安全控件说明):
 * - Pharmacy and outpatient: the security control is called once per visit, with the code of the visit's
 *   LAST transaction; the 校验介质 it returns is valid for that transaction and for the ones before it in
 *   the same visit (a medium for 2207 / 2207A serves 1101 and 2201 … 2206). A medium obtained for a
 *   transaction that does not end a visit (e.g. 2201) serves only that transaction.
 * - Inpatient: a new medium for every call (no 23xx / 24xx code ends a visit here, so the rule above gives that).
 * A reader's own signature (ReadCardBas / GetQRBase sign buffer) is not tied to a transaction: it is sent
 * with every call of the visit.
 */
import { YibaoError } from '../core/errors';
import { DeviceError } from './device-errors';
import type { SafeInfo } from './types';

/** dev_safe_info is C 2000 in the envelope (protocol.md §1.1). */
export const DEV_SAFE_INFO_MAX = 2000;

interface VisitFlow {
  /** Codes that end the visit (variants of one step). */
  readonly last: readonly string[];
  /** Codes of the same visit before it. */
  readonly before: readonly string[];
}

/** The counter's visits (seed 003 第七章; protocol.md §5.3, §5.4), each ending with the code the medium is obtained for. */
export const VISIT_FLOWS: readonly VisitFlow[] = [
  // pharmacy sale: 1101 → 2101 / 2101A → 2102 / 2102A
  { last: ['2102', '2102A'], before: ['1101', '2101', '2101A'] },
  // pharmacy refund: 1101 → 2103
  { last: ['2103'], before: ['1101'] },
  // outpatient: 1101 → 2201 → 2203 / 2203A → 2204 → 2206 / 2206A → 2207 / 2207A
  { last: ['2207', '2207A'], before: ['1101', '2201', '2201A', '2203', '2203A', '2204', '2206', '2206A'] },
  // outpatient cancellation, which may stop after any step: 2208 → 2205 → 2202
  { last: ['2208'], before: ['1101'] },
  { last: ['2205'], before: ['1101', '2208'] },
  { last: ['2202'], before: ['1101', '2208', '2205'] },
];

/** Whether a medium obtained for `mediumInfno` may be sent with a call of `callInfno`. */
export function mediumCovers(mediumInfno: string, callInfno: string): boolean {
  if (mediumInfno === callInfno) return true;
  return VISIT_FLOWS.some((flow) => flow.last.includes(mediumInfno) && flow.before.includes(callInfno));
}

/** The `dev_safe_info` for a call of `infno`: '' without security info; refuses a medium obtained for another visit step. */
export function devSafeInfoFor(safeInfo: SafeInfo | null, infno: string): string {
  if (!safeInfo) return '';
  if (safeInfo.source === 'safe-medium' && safeInfo.infno !== null && !mediumCovers(safeInfo.infno, infno)) {
    throw new DeviceError(
      'E_DEVICE_SAFE_MEDIUM_MISMATCH',
      `安全控件的校验介质是为交易 ${safeInfo.infno} 获取的, 不能用于交易 ${infno}; 请以本次就医的最后一个交易号重新调用安全控件`,
      { mediumInfno: safeInfo.infno, infno },
    );
  }
  return safeInfo.value;
}

/** A code that is a step of one of the counter's visits (its medium must come from that visit). */
export function isVisitStep(infno: string): boolean {
  return VISIT_FLOWS.some((flow) => flow.last.includes(infno) || flow.before.includes(infno));
}

/** Whether a region with a 安全控件 refuses `infno` without a medium: every step of a visit but 1101 (a query only). */
export function needsMedium(infno: string): boolean {
  return infno !== '1101' && isVisitStep(infno);
}

/**
 * The medium of each person's current visit, by psn_no: set by the visit's read (1101), replaced by
 * the next read of the same person (a read without the control clears it, so a medium never outlives
 * its visit). The center client asks it for every call that names a person, before anything is
 * journaled or sent. Under a region with a 安全控件 (`requiredBy`: the region's name) a settlement,
 * registration or refund step of a person without a medium is refused there (seed 003 第六章, 第七章
 * step 2: the person is read through the control before any such call); 1101 by a typed ID stays a
 * query.
 */
export class SafeMediumBook {
  private readonly byPerson = new Map<string, SafeInfo>();

  constructor(private readonly requiredBy: string | null = null) {}

  remember(psnNo: string, safeInfo: SafeInfo | null): void {
    this.byPerson.delete(psnNo);
    if (safeInfo) this.byPerson.set(psnNo, safeInfo);
    // A counter serves a queue, not a city: the oldest visits go first.
    while (this.byPerson.size > 200) {
      const oldest = this.byPerson.keys().next().value;
      if (oldest === undefined) break;
      this.byPerson.delete(oldest);
    }
  }

  current(psnNo: string): SafeInfo | null {
    return this.byPerson.get(psnNo) ?? null;
  }

  /**
   * dev_safe_info for a call of `infno` for `psnNo`: the visit's medium when it covers the call; '' for
   * a person without one and for calls outside the visits (2001, 2601, queries); a visit step the
   * medium does not cover (a refund after the sale's medium) is refused: the control must be read again.
   */
  devSafeInfo(psnNo: string | undefined, infno: string): string {
    const info = psnNo ? this.byPerson.get(psnNo) : undefined;
    if (!info && this.requiredBy !== null && needsMedium(infno)) throw mediumRequired(this.requiredBy, infno);
    if (!info || !isVisitStep(infno)) return '';
    return devSafeInfoFor(info, infno);
  }
}

function mediumRequired(region: string, infno: string): YibaoError {
  return new YibaoError(
    'E_SAFE_MEDIUM_REQUIRED',
    `${region}医保要求通过安全控件读取电子凭证或社保卡后再结算或退费 (交易 ${infno} 没有校验介质, 未发送): ` +
      '请按 F5 读卡器读卡; 手工输入身份证号或扫码读取的不能结算',
    { infno },
  );
}
