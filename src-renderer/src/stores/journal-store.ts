/**
 * 交易流水: rows with a filter, the open detail, and the work still pending (reversals, manual checks).
 * With a shop store (issue 20) also 全店: every counter's entries from the shop store, optionally one
 * counter's; entries of other counters can only be viewed (their 冲正 / 退费 belong to that counter).
 */
import { create } from 'zustand';
import type { JournalDetail, JournalRow, PendingWork, ShopCounterView } from '../../../src-main/api/contract';
import { call } from '../api/client';
import { uiError, type UiError } from '../format';

export interface JournalFilterForm {
  states: string[];
  infno: string;
  since: string;
  text: string;
}

/** 本机 (this counter's journal) or 全店 (the shop store, every counter). */
export type JournalScope = 'local' | 'shop';

/** A row as the screen lists it: in 全店 with the counter holding it and whether that is this one. */
export type JournalListRow = JournalRow & { readonly counter?: string; readonly mine?: boolean };

/** The open detail; `readOnlyAt` names the other counter that holds the entry, `archiveYear` the archive it was read from. */
export type JournalDetailView = JournalDetail & { readonly readOnlyAt: string | null; readonly archiveYear: number | null };

export const READ_ONLY_NOTE = '其他收银台的流水只能查看';

/** Said on the list and the detail of an archive year (journal/archive/): nothing there can be acted on. */
export const ARCHIVE_NOTE = '归档流水只读: 只能查看和查找, 不能冲正、重试或退费';

/** Null when this counter can act on the row; else why not, for the cashier. */
export function readOnlyReason(row: JournalListRow): string | null {
  if (row.mine !== false) return null;
  return `${READ_ONLY_NOTE}: 冲正、重试、退费等请到「${row.counter ?? ''}」办理`;
}

interface JournalState {
  filter: JournalFilterForm;
  scope: JournalScope;
  /** 全店: one counter's entries only, by name ('' = every counter). */
  counter: string;
  /** The shop's counters; empty for a counter that works alone (no 全店 then). */
  counters: readonly ShopCounterView[];
  /** 年份: null = 当前 (the live journal), else an archive year (read-only). */
  archiveYear: number | null;
  /** Years with an archive file, newest first (the picker is shown when there is one). */
  archiveYears: readonly number[];
  rows: readonly JournalListRow[];
  /** 本机: the last page was full, so older entries may follow (keyset paging by id). */
  olderAvailable: boolean;
  pending: PendingWork | null;
  detail: JournalDetailView | null;
  loading: boolean;
  resolving: boolean;
  resolveLines: readonly string[];
  error: UiError | null;
  setFilter(patch: Partial<JournalFilterForm>): void;
  setScope(scope: JournalScope): void;
  /** 本机 ⇄ 全店 (the screen's F7); nothing without a shop store. */
  toggleScope(): void;
  setCounter(counter: string): void;
  loadCounters(): Promise<void>;
  loadArchiveYears(): Promise<void>;
  setArchiveYear(year: number | null): void;
  load(): Promise<void>;
  /** 本机: the next page of older entries, appended (years of journal stay reachable without a date). */
  loadOlder(): Promise<void>;
  openDetail(row: JournalListRow): Promise<void>;
  closeDetail(): void;
  resolveNow(): Promise<void>;
}

/** Entries per page of 交易流水. */
export const JOURNAL_PAGE = 300;

function listArgs(f: JournalFilterForm) {
  return {
    states: f.states.length ? (f.states as never) : undefined,
    infno: f.infno || undefined,
    since: f.since || undefined,
    text: f.text || undefined,
    limit: JOURNAL_PAGE,
  };
}

/** 本机's list arguments: the live journal, or the picked archive year. */
const localArgs = (f: JournalFilterForm, archiveYear: number | null) =>
  archiveYear === null ? listArgs(f) : { ...listArgs(f), archiveYear };

/**
 * A fresh first page with the older pages the cashier loaded kept below it (a live update must not
 * throw away what was paged back to). Rows are newest first, ids falling.
 */
export function withOlderPages(
  firstPage: readonly JournalListRow[],
  shown: readonly JournalListRow[],
): readonly JournalListRow[] {
  if (shown.length <= JOURNAL_PAGE || firstPage.length < JOURNAL_PAGE) return firstPage;
  const oldest = firstPage[firstPage.length - 1]?.id ?? 0;
  return [...firstPage, ...shown.filter((r) => r.id < oldest)];
}

/** The detail of `row`: this counter's journal for its own entries, the shop store's (read-only) for another's. */
async function detailOf(
  row: { id: number; msgid: string },
  otherCounter: string | null,
  archiveYear: number | null,
): Promise<JournalDetailView> {
  if (archiveYear !== null) {
    return { ...(await call('journal.detail', { id: row.id, archiveYear })), readOnlyAt: null, archiveYear };
  }
  if (otherCounter === null) return { ...(await call('journal.detail', { id: row.id })), readOnlyAt: null, archiveYear: null };
  const d = await call('journal.shopDetail', { msgid: row.msgid });
  return { ...d, readOnlyAt: d.mine ? null : d.counter, archiveYear: null };
}

export const useJournalStore = create<JournalState>((set, get) => ({
  filter: { states: [], infno: '', since: '', text: '' },
  scope: 'local',
  counter: '',
  counters: [],
  archiveYear: null,
  archiveYears: [],
  rows: [],
  olderAvailable: false,
  pending: null,
  detail: null,
  loading: false,
  resolving: false,
  resolveLines: [],
  error: null,
  setFilter(patch) {
    set((s) => ({ filter: { ...s.filter, ...patch }, rows: [], olderAvailable: false }));
    void get().load();
  },
  setScope(scope) {
    if (scope === 'shop' && get().counters.length === 0) return;
    // 全店 is the shop store's live entries: an archive year is this counter's own.
    const archiveYear = scope === 'shop' ? null : get().archiveYear;
    set({ scope, archiveYear, counter: scope === 'local' ? '' : get().counter, rows: [], olderAvailable: false, detail: null });
    void get().load();
  },
  setArchiveYear(archiveYear) {
    set({ archiveYear, scope: 'local', counter: '', rows: [], olderAvailable: false, detail: null });
    void get().load();
  },
  async loadArchiveYears() {
    try {
      set({ archiveYears: (await call('journal.archives', {})).years });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  toggleScope() {
    get().setScope(get().scope === 'local' ? 'shop' : 'local');
  },
  setCounter(counter) {
    set({ counter });
    void get().load();
  },
  async loadCounters() {
    try {
      const counters = await call('shop.counters', {});
      set({ counters });
      if (counters.length === 0 && get().scope === 'shop') get().setScope('local');
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  async load() {
    const { filter, scope, counter, archiveYear } = get();
    set({ loading: true });
    try {
      const [rows, pending] = await Promise.all([
        scope === 'shop'
          ? call('journal.shopList', { ...listArgs(filter), counter: counter || undefined })
          : call('journal.list', localArgs(filter, archiveYear)),
        // The live work still open: not shown over an archive year (nothing there is open).
        archiveYear === null ? call('journal.pending', {}) : Promise.resolve(null),
      ]);
      // A late answer of the other scope or year is dropped.
      if (get().scope !== scope || get().archiveYear !== archiveYear) return;
      const shown = withOlderPages(rows, get().rows);
      const olderAvailable = scope === 'local' && (shown === rows ? rows.length >= JOURNAL_PAGE : get().olderAvailable);
      set({ rows: shown, olderAvailable, pending, error: null });
      const open = get().detail;
      if (open) set({ detail: await detailOf(open.row, open.readOnlyAt, open.archiveYear) });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ loading: false });
    }
  },
  async loadOlder() {
    const { filter, scope, rows, archiveYear } = get();
    const last = rows[rows.length - 1];
    if (scope !== 'local' || !last || get().loading) return;
    set({ loading: true });
    try {
      const older = await call('journal.list', { ...localArgs(filter, archiveYear), beforeId: last.id });
      if (get().scope !== scope || get().archiveYear !== archiveYear) return;
      set({ rows: [...get().rows, ...older], olderAvailable: older.length >= JOURNAL_PAGE, error: null });
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ loading: false });
    }
  },
  async openDetail(row) {
    try {
      set({ detail: await detailOf(row, row.mine === false ? (row.counter ?? '') : null, get().archiveYear) });
    } catch (e) {
      set({ error: uiError(e) });
    }
  },
  closeDetail: () => set({ detail: null }),
  async resolveNow() {
    if (get().resolving || get().archiveYear !== null) return;
    set({ resolving: true });
    try {
      const r = await call('journal.resolveNow', {});
      set({ resolveLines: r.lines.length ? r.lines : ['没有需要处理的交易'] });
      await get().load();
    } catch (e) {
      set({ error: uiError(e) });
    } finally {
      set({ resolving: false });
    }
  },
}));
