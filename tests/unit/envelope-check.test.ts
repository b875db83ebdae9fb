import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/storage/sqlite';
import { CLIENT_MIGRATIONS } from '../../src-main/storage/client/migrations';
import { MsgIdGenerator, SqliteMsgIdSequence } from '../../src-main/protocol/msgid';
import { CenterClient, type CenterClientDeps } from '../../src-main/protocol/center-client';
import { getProfile } from '../../src-main/registry/profile';
import type { Transport, TransportRequest } from '../../src-main/protocol/transport';

/** Answers every 9001 / 1101 like a center would; records what left (and, when asked, the whole request). */
function recordingTransport(sent: string[], requests?: TransportRequest[]): Transport {
  return {
    async post(request: TransportRequest) {
      sent.push(request.body);
      requests?.push(request);
      const output = { signinoutb: { sign_no: 'SN1', sign_time: '2026-11-23 10:00:00' } };
      return { status: 200, contentType: 'application/json', bytes: Buffer.from(JSON.stringify({ infcode: 0, output })) };
    },
  };
}

function client(sent: string[], fixmedinsName: string, more: Partial<CenterClientDeps> = {}) {
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
    ...more,
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
        // The field and the rule it broke, for whoever fixes the configuration.
        messageZh: expect.stringMatching(/^报文头字段不正确, 未发送: fixmedins_name: \S.* \(检查机构配置\)$/),
        detail: { infno: '9001' },
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

describe('what the client fills in and refuses before a call leaves (center-client.ts)', () => {
  const operator = { opter: 'OP001', opterName: '张收费' };
  /** 2501 (转院备案) has no schema of its own: its input goes out as given. */
  const sentEnvelope = (sent: string[], i = 0) => JSON.parse(sent[i] ?? 'null') as Record<string, unknown>;

  it('refuses a typed call whose input breaks its schema, naming the fields, and sends nothing', async () => {
    const names = ['mdtrt_cert_type', 'mdtrt_cert_no', 'card_sn', 'begntime', 'psn_cert_type', 'certno', 'psn_name'];
    const sevenWrong = Object.fromEntries(names.map((name) => [name, 9]));
    const sent: string[] = [];
    const c = client(sent, '沙箱演示大药房');
    const error = await c.callAny('1101', { data: sevenWrong }, { operator, signNo: '' }).then(
      () => null,
      (e: unknown) => e as { code: string; messageZh: string; detail: { infno: string; fields: string[] } },
    );
    expect(error?.code).toBe('E_INPUT_INVALID');
    expect(error?.messageZh).toMatch(/^交易 1101 的入参不正确, 未发送: data\.\w+: /);
    expect(error?.detail.infno).toBe('1101');
    // Every field in the detail (for the log), the first five in the cashier's message.
    expect([...(error?.detail.fields ?? [])].sort()).toEqual(names.map((name) => `data.${name}`).sort());
    const listed = (error?.messageZh ?? '').replace(/^.*未发送: /, '').split('; ');
    expect(listed).toHaveLength(5);
    for (const item of listed) expect(item).toMatch(/^data\.\w+: \S/);
    expect(sent).toEqual([]);
    // A code without a schema is not checked (and does not fail for lack of one).
    await c.callAny('2501', { data: { anything: 1 } }, { operator, signNo: '' });
    expect(sent).toHaveLength(1);
  });

  it("fills insuplc_admdvs from the person's insured area, unless the caller gave one", async () => {
    const sent: string[] = [];
    const asked: string[] = [];
    const areas = { lookup: (psnNo: string) => (asked.push(psnNo), psnNo === 'P001' ? '420100' : undefined) };
    const c = client(sent, '沙箱演示大药房', { areas });
    await c.callAny('2501', { data: { psn_no: 'P001' } }, { operator, signNo: '' });
    await c.callAny('2501', { head: { psn_no: '' }, data: [{ psn_no: 'P001' }] }, { operator, signNo: '' });
    await c.callAny('2501', { data: { psn_no: 'P001' } }, { operator, signNo: '', insuplcAdmdvs: '110000' });
    await c.callAny('2501', { data: { psn_no: '' } }, { operator, signNo: '' });
    expect([0, 1, 2, 3].map((i) => sentEnvelope(sent, i)['insuplc_admdvs'])).toEqual(['420100', '420100', '110000', '']);
    // Asked only for a person named in the input, and not when the caller gave the area.
    expect(asked).toEqual(['P001', 'P001']);
  });

  it('refuses a call naming a person without an insured area (E_INSUPLC_REQUIRED), and sends nothing', async () => {
    for (const more of [{}, { areas: { lookup: () => undefined } }]) {
      const sent: string[] = [];
      const c = client(sent, '沙箱演示大药房', more);
      await expect(c.callAny('2501', { data: { psn_no: 'P001' } }, { operator, signNo: '' })).rejects.toMatchObject({
        code: 'E_INSUPLC_REQUIRED',
        messageZh: '交易 2501 涉及参保人, 必须提供参保地医保区划 insuplc_admdvs (先做 1101 人员信息获取)',
        detail: { infno: '2501' },
      });
      expect(sent).toEqual([]);
    }
  });

  it("asks the safe medium for the person's dev_safe_info unless the caller gave one; without a medium it is empty", async () => {
    const sent: string[] = [];
    const safeMedia = { devSafeInfo: (psnNo: string | undefined, infno: string) => `${psnNo ?? '-'}@${infno}` };
    const c = client(sent, '沙箱演示大药房', { safeMedia });
    const call = { operator, signNo: '', insuplcAdmdvs: '420100' };
    await c.callAny('2501', { data: { psn_no: 'P001' } }, call);
    await c.callAny('2501', { data: { psn_no: 'P001' } }, { ...call, devSafeInfo: 'GIVEN' });
    await c.callAny('2501', { data: { psn_no: 7 } }, call);
    await c.callAny('2501', { memo: null, data: { psn_no: 'P002' } }, call);
    expect([0, 1, 2, 3].map((i) => sentEnvelope(sent, i)['dev_safe_info'])).toEqual([
      'P001@2501',
      'GIVEN',
      '-@2501',
      'P002@2501',
    ]);
    const plain: string[] = [];
    await client(plain, '沙箱演示大药房').callAny('2501', { data: { psn_no: 'P001' } }, call);
    expect(sentEnvelope(plain)['dev_safe_info']).toBe('');
  });

  it('asks a gateway function on every call and signs with what it gives; tells the transport which call it carries', async () => {
    const sent: string[] = [];
    const requests: TransportRequest[] = [];
    let asked = 0;
    const gateway = () => (asked++ === 0 ? { paasid: 'PAAS01', secret: 's' } : null);
    const c = client(sent, '沙箱演示大药房', { gateway, transport: recordingTransport(sent, requests) });
    const first = await c.call('9001', signIn, { operator, signNo: '' });
    await c.call('9001', signIn, { operator, signNo: '' });
    expect(asked).toBe(2);
    expect(requests[0]?.headers['x-tif-paasid']).toBe('PAAS01');
    expect(requests[1]?.headers).toEqual({});
    expect(requests[0]?.call).toEqual({ infno: '9001', msgid: first.msgid });
  });
});
