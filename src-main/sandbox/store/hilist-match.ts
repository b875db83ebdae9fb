/**
 * 目录对照 the institutions uploaded (3301), revoked ones kept with vali_flag 0 (3302): table
 * hilist_match, migration 002. At most one valid mapping per institution and own code.
 */
import type { Db } from './db';

export interface HilistMatch {
  readonly rid: number;
  readonly fixmedinsCode: string;
  readonly fixmedinsHilistId: string;
  readonly fixmedinsHilistName: string;
  readonly listType: string;
  readonly medListCodg: string;
  readonly begndate: string;
  readonly enddate: string | null;
  readonly rowJson: string;
  readonly valiFlag: '0' | '1';
  readonly createdAt: string;
  readonly updtTime: string;
}

const SELECT = `SELECT rid, fixmedins_code AS fixmedinsCode, fixmedins_hilist_id AS fixmedinsHilistId,
  fixmedins_hilist_name AS fixmedinsHilistName, list_type AS listType, med_list_codg AS medListCodg, begndate, enddate,
  row_json AS rowJson, vali_flag AS valiFlag, created_at AS createdAt, updt_time AS updtTime FROM hilist_match`;

export class HilistMatchRepo {
  constructor(private readonly db: Db) {}

  valid(fixmedinsCode: string, hilistId: string): HilistMatch | undefined {
    return this.db
      .prepare<[string, string], HilistMatch>(
        `${SELECT} WHERE fixmedins_code = ? AND fixmedins_hilist_id = ? AND vali_flag = '1'`,
      )
      .get(fixmedinsCode, hilistId);
  }

  insert(m: Omit<HilistMatch, 'rid' | 'valiFlag' | 'updtTime'>): void {
    this.db
      .prepare(
        `INSERT INTO hilist_match (fixmedins_code, fixmedins_hilist_id, fixmedins_hilist_name, list_type, med_list_codg,
           begndate, enddate, row_json, vali_flag, created_at, updt_time)
         VALUES (@fixmedinsCode, @fixmedinsHilistId, @fixmedinsHilistName, @listType, @medListCodg, @begndate, @enddate,
           @rowJson, '1', @createdAt, @createdAt)`,
      )
      .run(m);
  }

  revoke(rid: number, at: string): void {
    this.db
      .prepare("UPDATE hilist_match SET vali_flag = '0', enddate = substr(?, 1, 10), updt_time = ? WHERE rid = ?")
      .run(at, at, rid);
  }

  /**
   * Mappings of an institution changed at or after `updtTime`, in (updt_time, rid) order, for
   * 1317; `code` matches the own code or the national code.
   */
  changedSince(
    fixmedinsCode: string,
    updtTime: string,
    filters: { code?: string; listType?: string; valiFlag?: string },
    offset: number,
    limit: number,
  ): { rows: HilistMatch[]; total: number } {
    const where = ['fixmedins_code = ?', 'updt_time >= ?'];
    const params: unknown[] = [fixmedinsCode, updtTime];
    if (filters.code) {
      where.push('(fixmedins_hilist_id = ? OR med_list_codg = ?)');
      params.push(filters.code, filters.code);
    }
    if (filters.listType) {
      where.push('list_type = ?');
      params.push(filters.listType);
    }
    if (filters.valiFlag) {
      where.push('vali_flag = ?');
      params.push(filters.valiFlag);
    }
    const w = where.join(' AND ');
    const total = (this.db.prepare(`SELECT count(*) AS n FROM hilist_match WHERE ${w}`).get(...params) as { n: number }).n;
    const rows = this.db
      .prepare<unknown[], HilistMatch>(`${SELECT} WHERE ${w} ORDER BY updt_time, rid LIMIT ? OFFSET ?`)
      .all(...params, limit, offset);
    return { rows, total };
  }
}
