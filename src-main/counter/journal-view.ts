/**
 * 交易流水 for the screen: journal rows with state labels, masked personal data and the amount
 * the call carried; the detail of one call with its reversal attempts; the work that is still
 * open (reversals running, calls waiting for a person).
 */
import { fieldNamesInChinese } from './field-words';
import { YibaoError } from '../core/errors';
import { maskJsonText, maskName } from '../core/mask';
import { findInterface, screenNameOf } from '../registry/registry';
import { answerWarningsOf, OPEN_STATES, type JournalEntry, type JournalState, type JournalStore } from '../journal/journal-store';
import { isNotApplied } from '../journal/states';
import { block, inputOf, outputOf, str } from './journal-records';
import { fenOf } from './settlement-view';
import type { JournalDetail, JournalRow, PendingWork } from './views';

const STATE: Record<JournalState, { label: string; tone: JournalRow['stateTone'] }> = {
  prepared: { label: '已记录, 未发出', tone: 'pending' },
  sent: { label: '已发送, 等待答复', tone: 'pending' },
  ok: { label: '成功', tone: 'ok' },
  rejected: { label: '中心拒绝', tone: 'error' },
  'not-sent': { label: '未发出', tone: 'neutral' },
  unknown: { label: '结果未知', tone: 'warning' },
  reversing: { label: '冲正中', tone: 'warning' },
  reversed: { label: '已冲正', tone: 'neutral' },
  'no-effect': { label: '无影响', tone: 'neutral' },
  'needs-manual': { label: '需人工核实', tone: 'error' },
};

export function stateLabel(state: JournalState): string {
  return STATE[state]?.label ?? state;
}

export interface JournalQuery {
  readonly states?: readonly JournalState[];
  readonly infno?: string;
  /** yyyy-MM-dd or yyyy-MM-dd HH:mm:ss */
  readonly since?: string;
  /** One day (yyyy-MM-dd): that day's calls only, by the counter's clock. */
  readonly day?: string;
  /** The calls that name this person (psn_no). */
  readonly psnNo?: string;
  /** The next page: rows older than this row id (the last id of the page before). Keyset, never OFFSET. */
  readonly beforeId?: number;
  /** msgid, or a part of it */
  readonly text?: string;
  /** Read that year's archive (journal/archive/) instead of the live journal: read-only rows. */
  readonly archiveYear?: number;
  readonly includeReversalAttempts?: boolean;
  readonly limit?: number;
}

/** The person a call names, from its input or its answer. */
function personName(entry: JournalEntry): string {
  const input = inputOf(entry);
  const output = outputOf(entry);
  for (const b of [block(input, 'druginfo'), block(input, 'data'), block(output, 'setlinfo'), block(output, 'baseinfo')]) {
    const name = str(b, 'psn_name');
    if (name) return name;
  }
  return '';
}

function amountOf(entry: JournalEntry): number | null {
  const input = inputOf(entry);
  const output = outputOf(entry);
  for (const b of [block(output, 'setlinfo'), block(input, 'druginfo'), block(input, 'data')]) {
    if (b['medfee_sumamt'] !== undefined) return fenOf(b['medfee_sumamt']);
  }
  return null;
}

function nameOnScreen(infno: string): string {
  const record = findInterface(infno);
  return record ? screenNameOf(record) : '';
}

export function journalRow(entry: JournalEntry): JournalRow {
  const name = personName(entry);
  return {
    id: entry.id,
    msgid: entry.msgid,
    infno: entry.infno,
    infnoName: nameOnScreen(entry.infno),
    time: entry.preparedAt,
    opter: entry.opter,
    state: entry.state,
    // Not "无影响" alone: the cashier must see that nothing was reversed because nothing took effect.
    stateLabel: isNotApplied(entry) ? '原交易未生效' : stateLabel(entry.state),
    stateTone: STATE[entry.state]?.tone ?? 'neutral',
    psnNameMasked: name ? maskName(name) : '',
    amountFen: amountOf(entry),
    // The stored text stays the center's own (auditor's record); the screen names fields in Chinese.
    failure: entry.failureMsg === null ? null : fieldNamesInChinese(entry.failureMsg),
    resolution: entry.resolution === null ? null : fieldNamesInChinese(entry.resolution),
    attempts: entry.attempts,
    nextAttemptAt: entry.nextAttemptAt,
    reversesId: entry.reversesId,
  };
}

/** The detail of one call with its reversal attempts and the call it reverses (this counter's, or another's from the shop store). */
export function journalDetailOf(
  entry: JournalEntry,
  reversals: readonly JournalEntry[],
  original: JournalEntry | null,
): JournalDetail {
  return {
    row: journalRow(entry),
    opterName: entry.opterName,
    signNo: entry.signNo,
    preparedAt: entry.preparedAt,
    sentAt: entry.sentAt,
    finishedAt: entry.finishedAt,
    requestMasked: maskJsonText(entry.requestJson) ?? '',
    responseMasked: maskJsonText(entry.responseJson),
    reversals: reversals.map(journalRow),
    original: original ? journalRow(original) : null,
    answerWarnings: answerWarningsOf(entry),
  };
}

/** The archives the screen can pick a year of (journal/archive/archive-shelf.ts). */
export interface ArchiveYears {
  store(year: number): JournalStore;
}

export class JournalView {
  constructor(
    private readonly live: JournalStore,
    private readonly archives: ArchiveYears | null = null,
  ) {}

  /** The live journal, or an archive file read with the same list / detail code. */
  private storeOf(archiveYear: number | undefined): JournalStore {
    if (archiveYear === undefined) return this.live;
    if (!this.archives) throw new YibaoError('E_ARCHIVE_NOT_FOUND', '本收银台没有归档流水');
    return this.archives.store(archiveYear);
  }

  rows(query: JournalQuery = {}): JournalRow[] {
    const since = query.since && /^\d{4}-\d{2}-\d{2}$/.test(query.since) ? `${query.since} 00:00:00` : query.since;
    const text = query.text?.trim();
    const entries = this.storeOf(query.archiveYear).list({
      states: query.states,
      infno: query.infno || undefined,
      since: query.day ? `${query.day} 00:00:00` : since,
      until: query.day ? `${query.day} 23:59:59` : undefined,
      psnNo: query.psnNo || undefined,
      beforeId: query.beforeId,
      originalsOnly: !query.includeReversalAttempts,
      limit: text ? 5000 : (query.limit ?? 200),
    });
    const matching = text ? entries.filter((e) => e.msgid.includes(text)).slice(0, query.limit ?? 200) : entries;
    return matching.map(journalRow);
  }

  detail(id: number, archiveYear?: number): JournalDetail {
    const journal = this.storeOf(archiveYear);
    const entry = journal.get(id);
    if (!entry) throw new YibaoError('E_JOURNAL_NOT_FOUND', `交易流水中没有编号 ${id} 的记录`);
    const original = entry.reversesId !== null ? journal.get(entry.reversesId) : undefined;
    return journalDetailOf(entry, journal.reversalsOf(entry.id), original ?? null);
  }

  /** Reversals still running and calls that need a person, newest first. */
  pending(): PendingWork {
    const open = this.live.list({ states: OPEN_STATES, originalsOnly: true, limit: 500 });
    const manual = this.live.list({ states: ['needs-manual'], originalsOnly: true, limit: 500 });
    return { pending: open.map(journalRow), needsManual: manual.map(journalRow) };
  }
}
