/** A counter database of a given size: the client migrations and `rows` journal entries of ~6 KB (backup and corruption tests). */
import { openDatabase } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';

export function fillJournal(file: string, rows: number): void {
  const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
  const insert = db.prepare(
    `INSERT INTO journal (msgid, infno, opter, opter_name, sign_no, fixmedins_code, center_url, state, request_json,
       response_json, prepared_at, updated_at) VALUES (?, '2102', 'OP001', '张收费', 'S1', 'P42010000001', 'x', 'ok', ?, ?, ?, ?)`,
  );
  const body = JSON.stringify({ input: { druginfo: 'x'.repeat(3000) } });
  db.transaction(() => {
    for (let i = 0; i < rows; i++) {
      const t = '2026-01-01 08:00:00';
      insert.run(`P42010000001202601010800${String(i).padStart(6, '0')}`, body, body, t, t);
    }
  })();
  db.close();
}
