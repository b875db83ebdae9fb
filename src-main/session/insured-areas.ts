/** psn_no → insuplc_admdvs, learned from every successful 1101, so later calls route correctly. */
import { cached, type Db } from '../storage/sqlite';
import type { InsuredAreaBook } from '../protocol/center-client';

export class SqliteInsuredAreaBook implements InsuredAreaBook {
  constructor(private readonly db: Db) {}

  lookup(psnNo: string): string | undefined {
    const row = cached<[string], { insuplc_admdvs: string }>(
      this.db,
      'SELECT insuplc_admdvs FROM insured_area WHERE psn_no = ?',
    ).get(psnNo);
    return row?.insuplc_admdvs;
  }

  remember(psnNo: string, insuplcAdmdvs: string): void {
    cached(
      this.db,
      `INSERT INTO insured_area (psn_no, insuplc_admdvs, updated_at) VALUES (?, ?, datetime('now'))
         ON CONFLICT(psn_no) DO UPDATE SET insuplc_admdvs = excluded.insuplc_admdvs, updated_at = excluded.updated_at`,
    ).run(psnNo, insuplcAdmdvs);
  }
}
