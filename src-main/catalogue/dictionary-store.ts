/** 1901 字典表 kept locally: the label of every code the counter shows comes from here. */
import { formatDateTime } from '../core/time';
import type { Db } from '../storage/sqlite';

export interface DictionaryEntry {
  readonly type: string;
  readonly value: string;
  readonly label: string;
  readonly parentValue: string | null;
  readonly sort: number | null;
  readonly valiFlag: string;
}

interface Row {
  type: string;
  value: string;
  label: string;
  parent_value: string | null;
  sort: number | null;
  vali_flag: string;
}

export class DictionaryStore {
  private readonly labelStmt;
  private readonly entriesStmt;
  private readonly typesStmt;
  private readonly deleteType;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.labelStmt = db.prepare<[string, string], { label: string }>(
      'SELECT label FROM catalogue_dictionary WHERE type = ? AND value = ?',
    );
    this.entriesStmt = db.prepare<[string], Row>(
      'SELECT * FROM catalogue_dictionary WHERE type = ? ORDER BY sort IS NULL, sort, value',
    );
    this.typesStmt = db.prepare<[], { type: string; n: number }>(
      'SELECT type, count(*) AS n FROM catalogue_dictionary GROUP BY type ORDER BY type',
    );
    this.deleteType = db.prepare<[string]>('DELETE FROM catalogue_dictionary WHERE type = ?');
    this.insert = db.prepare(
      `INSERT INTO catalogue_dictionary (type, value, label, parent_value, sort, vali_flag, updated_at)
       VALUES (@type, @value, @label, @parentValue, @sort, @valiFlag, @updatedAt)
       ON CONFLICT(type, value) DO UPDATE SET label = excluded.label, parent_value = excluded.parent_value,
         sort = excluded.sort, vali_flag = excluded.vali_flag, updated_at = excluded.updated_at`,
    );
  }

  /** Replaces one type's entries with what the center sent. An empty answer keeps what was there. */
  replaceType(type: string, entries: readonly DictionaryEntry[]): number {
    if (entries.length === 0) return 0;
    const updatedAt = formatDateTime(new Date());
    this.db
      .transaction(() => {
        this.deleteType.run(type);
        for (const e of entries) this.insert.run({ ...e, type, updatedAt });
      })
      .immediate();
    return entries.length;
  }

  /** The label of a code ("甲类" for chrgitm_lv 01), or undefined when the dictionary lacks it. */
  label(type: string, value: string | null | undefined): string | undefined {
    if (value === null || value === undefined || value === '') return undefined;
    return this.labelStmt.get(type, value)?.label;
  }

  /** "01 甲类", or the bare code when no label is known. */
  describe(type: string, value: string | null | undefined): string {
    if (value === null || value === undefined || value === '') return '';
    const label = this.label(type, value);
    return label ? `${value} ${label}` : value;
  }

  entries(type: string): DictionaryEntry[] {
    return this.entriesStmt.all(type).map((r) => ({
      type: r.type,
      value: r.value,
      label: r.label,
      parentValue: r.parent_value,
      sort: r.sort,
      valiFlag: r.vali_flag,
    }));
  }

  /** Types held and how many entries each has. */
  types(): { type: string; entries: number }[] {
    return this.typesStmt.all().map((r) => ({ type: r.type, entries: r.n }));
  }
}
