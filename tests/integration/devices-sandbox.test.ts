/**
 * A read feeds a real 1101 at the sandbox center: the double (real library, through koffi) is loaded
 * with a seeded person's card, e-certificate and ID data; the reader's result is mapped to 1101 input
 * (protocol.md §4.5) and sent through the counter app, and the 安全控件 medium goes out as dev_safe_info.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterApp } from '../../src-main/app/counter-app';
import { createReader } from '../../src-main/devices/create-reader';
import { personInfoInputOf } from '../../src-main/devices/person-info';
import { devSafeInfoFor } from '../../src-main/devices/safe-medium';
import type { Reader } from '../../src-main/devices/types';
import type { PersonRow } from '../../src-main/sandbox/store';
import { buildNativeDouble, DoubleControl, personState, type NativeBuild } from '../helpers/devices-native';
import { OPERATOR, personsOf } from '../helpers/sandbox-fixtures';
import { startHarness, type Harness } from '../helpers/sandbox-harness';

let h: Harness;
let app: CounterApp;
let native: NativeBuild;
let double: DoubleControl;
let person: PersonRow;
let reader: Reader;

beforeAll(async () => {
  native = buildNativeDouble();
  h = await startHarness();
  double = new DoubleControl(h.dir);
  app = await h.openApp({
    devices: {
      driver: 'dll',
      dll: { path: native.reader, charset: 'gbk', initUser: '420100', safeMediumFunction: 'GetSafeMedium' },
      timeoutMs: 5000,
    },
  });
  // Someone with a card, a multi-character name (GBK on the wire from the double) and insured locally.
  person = personsOf(h.sandbox.center.store, 'emp-active').find((p) => p.cardNo && p.cardSn && p.ecToken) as PersonRow;
  double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
  // The reader comes from the app's own config, as the counter's screens will get it.
  reader = createReader(app.loaded.config, { env: double.env });
}, 120_000);
afterAll(async () => {
  await reader?.close();
  await h.close();
});

interface PersonInfoOutput {
  baseinfo: { psn_no: string; certno: string; psn_name: string };
  insuinfo: { insuplc_admdvs: string }[];
}

describe('card read → 1101 at the sandbox', () => {
  it('social-security card (03): card number, card_sn, ID number and name from the card', async () => {
    const read = await reader.read({ credential: 'card' });
    const input = personInfoInputOf(read.credential);
    expect(input.data).toEqual({
      mdtrt_cert_type: '03',
      mdtrt_cert_no: person.cardNo,
      card_sn: person.cardSn,
      psn_cert_type: '01',
      certno: person.certno,
      psn_name: person.psnName,
    });
    const out = (await app.callAs(OPERATOR, '1101', input)).output as PersonInfoOutput;
    expect(out.baseinfo.psn_no).toBe(person.psnNo);
    expect(out.baseinfo.psn_name).toBe(person.psnName);
  });

  it('e-certificate (01) through GetQRBase: the ecToken', async () => {
    const read = await reader.read({ credential: 'ec' });
    const input = personInfoInputOf(read.credential);
    expect(input.data).toMatchObject({ mdtrt_cert_type: '01', mdtrt_cert_no: person.ecToken, certno: person.certno });
    const out = (await app.callAs(OPERATOR, '1101', input)).output as PersonInfoOutput;
    expect(out.baseinfo.psn_no).toBe(person.psnNo);
  });

  it('ID card (02) through ReadSFZ', async () => {
    const read = await reader.read({ credential: 'id' });
    const input = personInfoInputOf(read.credential);
    expect(input.data).toMatchObject({ mdtrt_cert_type: '02', mdtrt_cert_no: person.certno });
    const out = (await app.callAs(OPERATOR, '1101', input)).output as PersonInfoOutput;
    expect(out.baseinfo.psn_no).toBe(person.psnNo);
  });

  it('the 安全控件 medium for the sale (2102) goes out as dev_safe_info of 1101', async () => {
    const read = await reader.read({ credential: 'card', infno: '2102' });
    expect(read.safeInfo).toMatchObject({ source: 'safe-medium', infno: '2102' });
    const session = await app.sessions.ensure(app.client, OPERATOR);
    const devSafeInfo = devSafeInfoFor(read.safeInfo, '1101');
    const result = await app.client.callAny('1101', personInfoInputOf(read.credential), {
      operator: session,
      signNo: session.signNo,
      devSafeInfo,
    });
    expect((result.output as PersonInfoOutput).baseinfo.psn_no).toBe(person.psnNo);
    const logged = h.sandbox.center.store.messages.query({ infno: '1101', newest: true, limit: 1 })[0];
    expect(logged?.msgid).toBe(result.msgid);
    expect(JSON.parse(logged?.requestJson ?? '{}').dev_safe_info).toBe(read.safeInfo?.value);
  });

  it('a card the center does not know is the center’s refusal, not a device error', async () => {
    double.set({ mode: 'present', ...personState(person), card_sn: `${person.cardSn?.slice(0, 6)}D156000005FFFFFFFFFFFFFFFF` });
    const read = await reader.read({ credential: 'card' });
    await expect(app.callAs(OPERATOR, '1101', personInfoInputOf(read.credential))).rejects.toMatchObject({
      kind: 'rejected',
    });
    double.set({ mode: 'present', charset: 'gbk', ...personState(person) });
  });
});
