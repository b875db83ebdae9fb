/** Ids the center mints, from persisted counters so they never repeat across restarts. */
import { formatCompact } from '../../core/time';
import type { SandboxStore } from '../store';

export class IdMint {
  constructor(
    private readonly store: SandboxStore,
    private readonly areaCode: string,
  ) {}

  private next(name: string, width: number): string {
    return String(this.store.meta.nextSequence(name)).padStart(width, '0');
  }

  private day(now: Date): string {
    return formatCompact(now).slice(0, 8);
  }

  /** inf_refmsgid: receiver area (6) + yyyyMMddHHmmss (14) + serial (10). */
  refMsgId(now: Date): string {
    return `${this.areaCode}${formatCompact(now)}${this.next('refmsg', 10)}`;
  }
  signNo(now: Date): string {
    return `SN${this.areaCode}${this.day(now)}${this.next('sign_no', 8)}`;
  }
  mdtrtId(now: Date): string {
    return `MD${this.areaCode}${this.day(now)}${this.next('mdtrt_id', 10)}`;
  }
  setlId(now: Date): string {
    return `ST${this.areaCode}${this.day(now)}${this.next('setl_id', 10)}`;
  }
  fileQuryNo(now: Date): string {
    return `FQ${formatCompact(now)}${this.next('file_qury_no', 8)}`;
  }
}
