/**
 * The journal's business-id index: which ids a request or answer names, that lookups by key find
 * exactly the entries naming it (and not an id that merely contains it), that migration 8 indexes
 * entries journaled before it, and that item names survive a restart.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keysOf } from '../../src-main/journal/journal-keys';
import { JournalStore } from '../../src-main/journal/journal-store';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { openDatabase } from '../../src-main/storage/sqlite';
import { ItemNames } from '../../src-main/counter/item-names';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import { makeTempDir } from '../helpers/temp-dir';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function envelope(msgid: string, infno: string, input: Record<string, unknown>): RequestEnvelope {
  return {
    infno,
    msgid,
    mdtrtarea_admvs: '420100',
    insuplc_admdvs: '',
    recer_sys_code: 'YBXT',
    dev_no: '',
    dev_safe_info: '',
    cainfo: '',
    signtype: '',
    infver: 'V1.0',
    opter_type: '1',
    opter: 'OP1',
    opter_name: '张收费',
    inf_time: '2026-11-23 09:00:00',
    fixmedins_code: 'H42010000002',
    fixmedins_name: '沙箱演示诊所',
    sign_no: 'SN1',
    input,
  } as RequestEnvelope;
}

describe('keysOf', () => {
  it('finds ids in data blocks, line arrays and answer blocks, once each', () => {
    const input = {
      data: { mdtrt_id: 'MD1', psn_no: 'P1', chrg_bchno: 'CB1' },
      feedetail: [
        { feedetl_sn: 'CB1-1', mdtrt_id: 'MD1', chrg_bchno: 'CB1' },
        { feedetl_sn: 'CB1-2', mdtrt_id: 'MD1', chrg_bchno: 'CB1' },
      ],
    };
    expect(keysOf(input)).toEqual([
      { field: 'mdtrt_id', value: 'MD1' },
      { field: 'psn_no', value: 'P1' },
      { field: 'chrg_bchno', value: 'CB1' },
      { field: 'feedetl_sn', value: 'CB1-1' },
      { field: 'feedetl_sn', value: 'CB1-2' },
    ]);
    expect(keysOf({ setlinfo: { setl_id: 'S9', mdtrt_id: 'MD1' } })).toEqual([
      { field: 'setl_id', value: 'S9' },
      { field: 'mdtrt_id', value: 'MD1' },
    ]);
    expect(keysOf(null)).toEqual([]);
    expect(keysOf({ data: { mdtrt_id: '' } })).toEqual([]);
  });
});

describe('keysOf at its edges', () => {
  it('reads objects down to three levels and no deeper', () => {
    expect(keysOf({ a: { b: { c: { psn_no: 'P3' } } } })).toEqual([{ field: 'psn_no', value: 'P3' }]);
    expect(keysOf({ a: { b: { c: { d: { psn_no: 'P4' } } } } })).toEqual([]);
    expect(keysOf({ a: [[{ psn_no: 'P3' }]] })).toEqual([{ field: 'psn_no', value: 'P3' }]);
    expect(keysOf({ a: [[[{ psn_no: 'P4' }]]] })).toEqual([]);
  });

  it('takes only the key fields, with a string or number value, and skips null, empty and nested values', () => {
    expect(
      keysOf({ data: { psn_name: '张三', psn_no: null, setl_id: '', mdtrt_id: 12, chrg_bchno: { x: 1 }, opter: 'OP1' } }),
    ).toEqual([{ field: 'mdtrt_id', value: '12' }]);
  });
});

describe('journal lookups by key', () => {
  it('finds the entries naming an id in their request or answer, not ids that contain it', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'yibao.sqlite');
    const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
    const journal = new JournalStore(db, file, 'http://center');
    journal.prepare(envelope('M1', '2201', { data: { psn_no: 'P1' } }));
    journal.finish('M1', 'ok', { response: { infcode: 0, output: { data: { mdtrt_id: 'MD1' } } } });
    journal.prepare(envelope('M2', '2204', { feedetail: [{ mdtrt_id: 'MD1', chrg_bchno: 'CB1', feedetl_sn: 'CB1-1' }] }));
    journal.prepare(envelope('M3', '2204', { feedetail: [{ mdtrt_id: 'MD10', chrg_bchno: 'CB10', feedetl_sn: 'CB10-1' }] }));
    const byKey = (field: 'mdtrt_id' | 'chrg_bchno' | 'psn_no', value: string) =>
      journal.list({ key: { field, value } }).map((e) => e.msgid);
    expect(byKey('mdtrt_id', 'MD1')).toEqual(['M2', 'M1']);
    expect(byKey('chrg_bchno', 'CB1')).toEqual(['M2']);
    expect(byKey('psn_no', 'P1')).toEqual(['M1']);
    expect(byKey('mdtrt_id', 'MD')).toEqual([]);
    journal.close();
    db.close();
  });

  it('migration 8 indexes the entries journaled before it', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'yibao.sqlite');
    const before = CLIENT_MIGRATIONS.filter((m) => m.version < 8);
    const old = openDatabase(file, { migrations: before });
    old
      .prepare(
        `INSERT INTO journal (msgid, infno, opter, opter_name, sign_no, fixmedins_code, center_url, state, request_json,
           response_json, prepared_at, updated_at)
         VALUES ('M1', '2207', 'OP1', '张', 'SN1', 'H42010000002', 'http://c', 'ok', ?, ?, '2026-11-01 09:00:00', '2026-11-01 09:00:00')`,
      )
      .run(
        JSON.stringify({ input: { data: { mdtrt_id: 'MD7', chrg_bchno: 'CB7' } } }),
        JSON.stringify({ infcode: 0, output: { setlinfo: { setl_id: 'S7' } } }),
      );
    old
      .prepare(
        `INSERT INTO journal (msgid, infno, opter, opter_name, sign_no, fixmedins_code, center_url, state, request_json,
         prepared_at, updated_at)
       VALUES ('M2', '2204', 'OP1', '张', 'SN1', 'H42010000002', 'http://c', 'ok', 'not json', '2026-11-01 09:00:00', '2026-11-01 09:00:00')`,
      )
      .run();
    old.close();
    const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
    const journal = new JournalStore(db, file, 'http://c');
    expect(journal.list({ key: { field: 'setl_id', value: 'S7' } }).map((e) => e.msgid)).toEqual(['M1']);
    expect(journal.list({ key: { field: 'chrg_bchno', value: 'CB7' } }).map((e) => e.msgid)).toEqual(['M1']);
    expect(journal.list({}).length).toBe(2);
    journal.close();
    db.close();
  });
});

describe('ItemNames', () => {
  it('remembers names across a restart of the counter', () => {
    const t = makeTempDir();
    cleanup = t.cleanup;
    const file = join(t.dir, 'yibao.sqlite');
    const db = openDatabase(file, { migrations: CLIENT_MIGRATIONS, synchronous: 'NORMAL' });
    const names = new ItemNames(db);
    names.rememberAll([
      { code: 'XA01', name: '阿莫西林胶囊' },
      { code: 'XB02', name: '布洛芬缓释胶囊' },
    ]);
    names.remember('XA01', '阿莫西林胶囊(0.25g)');
    db.close();
    const again = openDatabase(file, { migrations: CLIENT_MIGRATIONS, synchronous: 'NORMAL' });
    const restarted = new ItemNames(again);
    expect(restarted.nameOf('XA01')).toBe('阿莫西林胶囊(0.25g)');
    expect(restarted.nameOf('XB02')).toBe('布洛芬缓释胶囊');
    expect(restarted.nameOf('NOPE')).toBe('');
    again.close();
  });
});
