/** 1901 字典表: code → label per dictionary type (med_type, insutype, psn_type …). */
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';

export interface DictionaryEntry {
  type: string;
  value: string;
  label: string;
  parentValue: string | null;
  sort: number;
  valiFlag: '0' | '1';
}

const COLUMNS = ['type', 'value', 'label', 'parent_value', 'sort', 'vali_flag'] as const;

export class DictionaryRepo {
  private readonly insertStmt;
  private readonly byTypeStmt;
  private readonly typesStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(insertSql('dictionary', COLUMNS));
    this.byTypeStmt = db.prepare<[string], DictionaryEntry>(
      `SELECT ${selectList(COLUMNS)} FROM dictionary WHERE type = ? ORDER BY sort, value`,
    );
    this.typesStmt = db.prepare<[], { type: string }>('SELECT DISTINCT type FROM dictionary ORDER BY type');
  }

  insert(entries: Iterable<DictionaryEntry>): void {
    for (const e of entries) this.insertStmt.run(toParams(COLUMNS, e));
  }

  /** Entries of one type, optionally only children of `parentValue` and only valid / invalid ones. */
  entries(type: string, filter: { parentValue?: string; valiFlag?: '0' | '1' } = {}): DictionaryEntry[] {
    return this.byTypeStmt
      .all(type)
      .filter(
        (e) =>
          (filter.parentValue === undefined || filter.parentValue === '' || e.parentValue === filter.parentValue) &&
          (filter.valiFlag === undefined || e.valiFlag === filter.valiFlag),
      );
  }

  /** Label of one code, or undefined. */
  label(type: string, value: string): string | undefined {
    return this.byTypeStmt.all(type).find((e) => e.value === value)?.label;
  }

  types(): string[] {
    return this.typesStmt.all().map((r) => r.type);
  }
}
