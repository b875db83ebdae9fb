/**
 * Is the counter's clock right? A PC with a flat CMOS battery writes wrong inf_time and msgid
 * seconds. Every answer of the center carries respond_time (or refmsg_time), and the journal
 * records the local time the answer arrived (finished_at): the newest answered entry gives the
 * difference, so the check follows each answer and works the same in the app and the CLI.
 */
import { parseCompact, parseDateTime } from '../core/time';
import type { JournalStore } from './journal-store';

/** Beyond this difference the cashier is warned (header, `yibao info clock`). */
export const CLOCK_WARN_AFTER_SECONDS = 120;

export interface ClockCheck {
  /** Center time minus local time, in seconds (positive: the local clock is behind). */
  readonly skewSeconds: number;
  readonly centerTime: string;
  readonly localTime: string;
  readonly msgid: string;
  /** Set when |skew| is beyond the threshold. */
  readonly warning: string | null;
}

function centerTimeOf(responseJson: string | null): { text: string; at: Date } | null {
  if (!responseJson) return null;
  try {
    const r = JSON.parse(responseJson) as { respond_time?: unknown; refmsg_time?: unknown };
    for (const value of [r.respond_time, r.refmsg_time]) {
      if (typeof value !== 'string' || !/^\d{14}/.test(value)) continue;
      const at = parseCompact(value.slice(0, 14));
      if (at) return { text: value, at };
    }
  } catch {
    return null;
  }
  return null;
}

export function describeSkew(seconds: number): string {
  const abs = Math.abs(seconds);
  // Rounded to whole minutes first, so 1 h 59 min 50 s reads "2 小时 0 分", not "1 小时 60 分".
  const minutes = Math.round(abs / 60);
  const amount =
    minutes >= 60 ? `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分` : abs >= 60 ? `${minutes} 分钟` : `${abs} 秒`;
  return seconds > 0 ? `本机时钟比医保中心慢 ${amount}` : `本机时钟比医保中心快 ${amount}`;
}

/** The difference seen in the newest of the last few answers that carry a center time; null when none does. */
export function clockCheckOf(journal: JournalStore): ClockCheck | null {
  for (const entry of journal.list({ states: ['ok', 'rejected'], limit: 20 })) {
    const center = centerTimeOf(entry.responseJson);
    const local = entry.finishedAt ? parseDateTime(entry.finishedAt) : undefined;
    if (!center || !local) continue;
    const skewSeconds = Math.round((center.at.getTime() - local.getTime()) / 1000);
    const warning =
      Math.abs(skewSeconds) > CLOCK_WARN_AFTER_SECONDS
        ? `${describeSkew(skewSeconds)} (报文 ${entry.msgid}): 请校准电脑时间, 否则报文时间 (inf_time、msgid) 会错`
        : null;
    return { skewSeconds, centerTime: center.text, localTime: entry.finishedAt as string, msgid: entry.msgid, warning };
  }
  return null;
}
