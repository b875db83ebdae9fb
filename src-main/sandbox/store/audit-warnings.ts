/** Warnings 3101 / 3102 gave (migration 003); 3103 records what the institution did with each. */
import type { Fen } from '../amounts';
import type { Db } from './db';

export interface AuditWarning {
  jrId: string;
  taskId: string;
  infno: '3101' | '3102';
  fixmedinsCode: string;
  mdtrtId: string;
  patnId: string;
  ruleId: string;
  volaAmt: Fen;
  createdAt: string;
  dspoWay: '1' | '2' | null;
  dspoWayRea: string | null;
  handledAt: string | null;
}

const COLUMNS =
  'jr_id AS jrId, task_id AS taskId, infno, fixmedins_code AS fixmedinsCode, mdtrt_id AS mdtrtId, patn_id AS patnId, ' +
  'rule_id AS ruleId, vola_amt AS volaAmt, created_at AS createdAt, dspo_way AS dspoWay, dspo_way_rea AS dspoWayRea, ' +
  'handled_at AS handledAt';

export class AuditWarningRepo {
  constructor(private readonly db: Db) {}

  insert(w: Omit<AuditWarning, 'dspoWay' | 'dspoWayRea' | 'handledAt'>): void {
    this.db
      .prepare(
        `INSERT INTO audit_warning (jr_id, task_id, infno, fixmedins_code, mdtrt_id, patn_id, rule_id, vola_amt, created_at)
         VALUES (@jrId, @taskId, @infno, @fixmedinsCode, @mdtrtId, @patnId, @ruleId, @volaAmt, @createdAt)`,
      )
      .run(w);
  }

  get(jrId: string): AuditWarning | undefined {
    return this.db.prepare<[string], AuditWarning>(`SELECT ${COLUMNS} FROM audit_warning WHERE jr_id = ?`).get(jrId);
  }

  handle(jrId: string, dspoWay: '1' | '2', rea: string | null, at: string): void {
    this.db
      .prepare('UPDATE audit_warning SET dspo_way = ?, dspo_way_rea = ?, handled_at = ? WHERE jr_id = ?')
      .run(dspoWay, rea, at, jrId);
  }
}
