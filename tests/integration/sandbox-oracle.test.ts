/**
 * The sandbox center judges requests by protocol.md's field table and its own, not by the
 * client's schemas: a field the client renamed everywhere (its schema and its builders, so the
 * client itself is content) is refused by the center, naming the field. Before issue 22 the
 * center validated with the client's `schemaFor`, and such a rename passed on both sides.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import type { PersonRow } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { feeUploadInput, registrationInput } from '../helpers/clinic-fixtures';

let h: Harness;
let person: PersonRow;
let pharmacy: RequestEnvelope;
let clinic: RequestEnvelope;
let seq = 0;

beforeAll(async () => {
  h = await startHarness();
  person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[3] as PersonRow;
  pharmacy = (await (await h.openApp()).callAs(OPERATOR, '1101', personInfoInput(person))).envelope;
  clinic = (await (await h.openApp({ institution: CLINIC })).callAs(OPERATOR, '1101', personInfoInput(person))).envelope;
}, 120_000);
afterAll(async () => {
  await h.close();
});

/** Posts an envelope as the client would have built it (no client-side checks on the way). */
async function post(template: RequestEnvelope, infno: string, input: unknown) {
  seq += 1;
  const msgid = `${template.fixmedins_code}20260101000000${String(seq).padStart(4, '0')}`;
  const res = await fetch(h.sandbox.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    // The person is insured where the counter is (the sandbox's seed); 1101's own envelope carries no insured area.
    body: JSON.stringify({ ...template, insuplc_admdvs: template.mdtrtarea_admvs, infno, msgid, input }),
  });
  return (await res.json()) as { infcode: number; err_msg: string | null };
}

/** The same input with one field of one node renamed, as a client-wide rename would send it. */
function renamed(input: Record<string, unknown>, node: string, from: string, to: string): Record<string, unknown> {
  const rename = (row: Record<string, unknown>) => {
    const { [from]: value, ...rest } = row;
    return { ...rest, [to]: value };
  };
  const value = input[node];
  return { ...input, [node]: Array.isArray(value) ? value.map(rename) : rename(value as Record<string, unknown>) };
}

describe('the center refuses a renamed field, naming it', () => {
  const sale = () => pharmacySaleInput(h.sandbox.center.store, person, typicalBasket(h.sandbox.center.store));

  it.each([
    ['a required field', 'druginfo', 'medfee_sumamt', 'medfee_sum_amt', /druginfo\.(medfee_sumamt 不正确: 必填|medfee_sum_amt)/],
    ['an optional field', 'druginfo', 'dise_codg', 'dise_code', /druginfo\.dise_code 不正确: 接口规范中没有这个字段/],
    ['a line field', 'drugdetail', 'med_list_codg', 'med_list_code', /drugdetail\[0\]\.(med_list_codg|med_list_code)/],
  ])('2101: %s (%s.%s → %s)', async (_what, node, from, to, message) => {
    const input = { ...sale(), druginfo: { ...sale().druginfo, dise_codg: 'M01600' } };
    expect((await post(pharmacy, '2101', input)).infcode).toBe(0); // as the client sends it today
    const answer = await post(pharmacy, '2101', renamed(input, node, from, to));
    expect(answer.infcode).toBe(-1);
    expect(answer.err_msg).toMatch(message);
  });

  it('2201 and 2204 of a clinic: a renamed field is refused, the original accepted', async () => {
    const reg = registrationInput(person);
    const ok = await post(clinic, '2201', reg);
    expect(ok.infcode).toBe(0);
    const bad = await post(clinic, '2201', renamed(registrationInput(person), 'data', 'ipt_otp_no', 'ipt_otpno'));
    expect(bad.err_msg).toMatch(/data\.(ipt_otp_no 不正确: 必填|ipt_otpno)/);
    const fees = feeUploadInput(person, 'MD-NONE', 'CB1', typicalBasket(h.sandbox.center.store));
    const badFees = await post(clinic, '2204', renamed(fees, 'feedetail', 'det_item_fee_sumamt', 'det_item_fee_sum_amt'));
    expect(badFees.err_msg).toMatch(/feedetail\[0\]\.(det_item_fee_sumamt 不正确: 必填|det_item_fee_sum_amt)/);
  });

  it('2601: the reversal keys as protocol.md §2.13 names them', async () => {
    const answer = await post(pharmacy, '2601', { data: { psn_no: person.psnNo, o_msgid: 'X', oinfno: '2102' } });
    expect(answer.err_msg).toMatch(/data\.(omsgid 不正确: 必填|o_msgid)/);
  });
});

describe('the center shares no schema with the client', () => {
  it('no file under src-main/sandbox imports protocol/transactions, protocol/envelope or core/money', () => {
    const root = join(__dirname, '..', '..', 'src-main', 'sandbox');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (name.endsWith('.ts')) files.push(path);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) =>
      /from '[./]*(protocol\/transactions|protocol\/envelope|core\/money)'/.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
