import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { MsgIdGenerator, SqliteMsgIdSequence } from '../../src-main/protocol/msgid';
import { CenterClient } from '../../src-main/protocol/center-client';
import { getProfile } from '../../src-main/registry/profile';
import type { Transport, TransportRequest } from '../../src-main/protocol/transport';

/** Answers every 9001 / 1101 like a center would; records what left. */
function recordingTransport(sent: string[]): Transport {
  return {
    async post(request: TransportRequest) {
      sent.push(request.body);
      const output = { signinoutb: { sign_no: 'SN1', sign_time: '2026-11-23 10:00:00' } };
      return { status: 200, contentType: 'application/json', bytes: Buffer.from(JSON.stringify({ infcode: 0, output })) };
    },
  };
}

function client(sent: string[], fixmedinsName: string) {
  const db = openDatabase(':memory:', { migrations: CLIENT_MIGRATIONS });
  return new CenterClient({
    url: 'http://center.invalid/',
    envelope: {
      fixmedinsCode: 'P42010000001',
      fixmedinsName,
      mdtrtareaAdmvs: '420100',
      recerSysCode: 'YBXT',
      infver: 'V1.0',
      opterType: '1',
      devNo: '',
      signtype: '',
    },
    profile: getProfile('national'),
    transport: recordingTransport(sent),
    msgids: new MsgIdGenerator('P42010000001', new SqliteMsgIdSequence(db)),
  });
}

const signIn = { signIn: { opter_no: 'OP001', mac: '00:11:22:33:44:55', ip: '127.0.0.1' } };

describe('envelope check (config and operator fields once per operator, the rest on every call)', () => {
  it('refuses every call of a client whose config breaks the envelope, and sends nothing', async () => {
    const sent: string[] = [];
    const bad = client(sent, '');
    for (let i = 0; i < 3; i++) {
      await expect(
        bad.call('9001', signIn, { operator: { opter: 'OP001', opterName: '张收费' }, signNo: '' }),
      ).rejects.toMatchObject({
        code: 'E_ENVELOPE_INVALID',
      });
    }
    expect(sent).toEqual([]);
  });

  it('checks a new operator in full after another one passed', async () => {
    const sent: string[] = [];
    const c = client(sent, '沙箱演示大药房');
    await c.call('9001', signIn, { operator: { opter: 'OP001', opterName: '张收费' }, signNo: '' });
    await expect(c.call('9001', signIn, { operator: { opter: 'OP002', opterName: '' }, signNo: '' })).rejects.toMatchObject({
      code: 'E_ENVELOPE_INVALID',
    });
    await expect(
      c.call('9001', signIn, { operator: { opter: 'O'.repeat(31), opterName: '李' }, signNo: '' }),
    ).rejects.toMatchObject({
      code: 'E_ENVELOPE_INVALID',
    });
    expect(sent).toHaveLength(1);
  });

  it('still checks the per-call fields once the operator passed', async () => {
    const sent: string[] = [];
    const c = client(sent, '沙箱演示大药房');
    const operator = { opter: 'OP001', opterName: '张收费' };
    await c.call('9001', signIn, { operator, signNo: '' });
    await expect(c.call('9001', signIn, { operator, signNo: 'S'.repeat(31) })).rejects.toMatchObject({
      code: 'E_ENVELOPE_INVALID',
    });
    await expect(c.call('9001', signIn, { operator, signNo: '', insuplcAdmdvs: '4201' })).rejects.toMatchObject({
      code: 'E_ENVELOPE_INVALID',
    });
    await c.call('9001', signIn, { operator, signNo: '' });
    expect(sent).toHaveLength(2);
  });
});
