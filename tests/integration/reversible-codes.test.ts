/**
 * Every reversible code of every region profile, under every fault that leaves the outcome
 * unknown, against the real sandbox: the journal entry ends `reversed` (2601 sent for exactly
 * that msgid, or the center saying the original never took effect) and the center's ledger is
 * what it was before the call. Seconds, where the crash harness (tests/crash) takes minutes.
 *
 * The list of codes is written here, not read from the profiles, so that a code dropped from a
 * profile (or from the resolver) fails this table instead of silently leaving it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CounterApp } from '../../src-main/app/counter-app';
import { getProfile } from '../../src-main/registry/profile';
import { isCenterCallError, UnknownOutcomeError } from '../../src-main/protocol/call-errors';
import type { PersonRow } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personInfoInput, personsOf, pharmacySaleInput, typicalBasket } from '../helpers/sandbox-fixtures';
import { feeUploadInput, registrationInput, settleInput, visitInfoInput } from '../helpers/clinic-fixtures';
import { rejectionOf } from '../helpers/rejection';
import { ControlDouble } from '../helpers/control-double';

/** protocol.md §2.13 ([HN] list: 2102, 2103, 2207, 2208, 2304, 2305, 2401) and the A variants the profiles settle with. */
const REVERSIBLE = ['2102', '2102A', '2103', '2207', '2207A', '2208', '2304', '2304A', '2305', '2401'] as const;
const PROFILES = ['national', 'hubei', 'sichuan'] as const;
/** Sandbox fault modes whose outcome the counter cannot know (README: the `unknown` kind). */
const UNKNOWN_FAULTS = ['commit-then-drop', 'drop-before-commit', 'http500', 'garbage', 'timeout'] as const;
type Fault = (typeof UNKNOWN_FAULTS)[number];
/** A `timeout` case: the counter waits connect + read = 300 ms, the center answers after 450 ms. */
const SHORT_TIMEOUTS = { connectMs: 100, readMs: 200 };
const TIMEOUT_DELAY_MS = 450;
/** What the sandbox settles and cancels; it refuses the inpatient codes before any fault that processes first can apply. */
const SIMULATED = new Set(['2102', '2102A', '2103', '2207', '2207A', '2208']);
const PROCESSING_FAULTS = new Set<Fault>(['commit-then-drop', 'garbage', 'timeout']);

let h: Harness;
let person: PersonRow;
const apps = new Map<string, CounterApp>();
/** The 四川 counter's 安全控件 (the DLL double): its visit calls carry the medium read for their code. */
let control: ControlDouble;

beforeAll(async () => {
  h = await startHarness();
  control = new ControlDouble(h.dir);
  person = personsOf(h.sandbox.center.store, 'emp-active', 500_000)[5] as PersonRow;
}, 120_000);
afterAll(async () => {
  control.close();
  await h.close();
});

const center = () => h.sandbox.center;
const insutype = () => center().store.persons.insurance(person.psnNo)[0]?.insutype ?? '';

/** One counter per (profile, institution, timeout): a restart-free journal for each. */
async function appFor(profile: (typeof PROFILES)[number], clinic: boolean, shortTimeout: boolean): Promise<CounterApp> {
  const name = `${profile}-${clinic ? 'clinic' : 'pharmacy'}${shortTimeout ? '-short' : ''}`;
  const known = apps.get(name);
  if (known) return known;
  const app = await h.openApp(
    {
      profile,
      ...(getProfile(profile).safeControl ? { devices: control.devices } : {}),
      ...(clinic ? { institution: CLINIC } : {}),
      ...(shortTimeout ? { center: { url: h.sandbox.url, timeouts: SHORT_TIMEOUTS } } : {}),
    },
    name,
  );
  await app.sessions.signIn(app.client, OPERATOR);
  await app.callAs(OPERATOR, '1101', personInfoInput(person)); // the insured area for later envelopes
  apps.set(name, app);
  return app;
}

/** One call of the visit; under a profile with a 安全控件 with the medium the control gives for this code. */
async function send(app: CounterApp, code: string, input: Record<string, unknown>) {
  if (!app.client.profile.safeControl) return app.callAs(OPERATOR, code, input);
  return app.callAs(OPERATOR, code, input, { devSafeInfo: await control.mediumFor(app.loaded.config, person, code) });
}

/** What a reversal must leave as it was: the account and the year's totals (a total still 0 counts as absent). */
function ledger() {
  const ytd = Object.entries(center().store.ledger.ytd(person.psnNo, new Date().getFullYear())).filter(([, v]) => v !== 0);
  return { balance: center().store.ledger.balance(person.psnNo, insutype()), ytd: Object.fromEntries(ytd) };
}

async function clinicVisit(app: CounterApp) {
  const reg = await send(app, '2201', registrationInput(person));
  const mdtrtId = (reg.output as { data: { mdtrt_id: string } }).data.mdtrt_id;
  await send(app, '2203', visitInfoInput(person, mdtrtId));
  const chrgBchno = `RV${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
  const upload = await send(app, '2204', feeUploadInput(person, mdtrtId, chrgBchno, typicalBasket(center().store)));
  const split = (upload.output as { result: Parameters<typeof settleInput>[4] }).result;
  await send(app, '2206', settleInput(center().store, person, mdtrtId, chrgBchno, split, false));
  return settleInput(center().store, person, mdtrtId, chrgBchno, split);
}

interface Prepared {
  readonly input: Record<string, unknown>;
  /** After the reversal: the center holds nothing of the call (settlements) or the original still stands (cancellations). */
  readonly check: (msgid: string) => void;
}

function settledKey(output: unknown) {
  const s = (output as { setlinfo: { setl_id: string; mdtrt_id: string } }).setlinfo;
  return { setl_id: s.setl_id, mdtrt_id: s.mdtrt_id, psn_no: person.psnNo };
}

const notSettled = (msgid: string) =>
  expect(center().store.settlements.getByMsgid(msgid)?.state ?? 'absent').toMatch(/^(absent|reversed)$/);
const stillSettled = (setlId: string) => () => expect(center().store.settlements.get(setlId)?.state).toBe('settled');

/** Sets up what the code acts on (a sale to refund, a visit to settle) with calls that succeed. */
async function prepare(code: string, app: CounterApp): Promise<Prepared> {
  switch (code) {
    case '2102':
    case '2102A':
      return { input: pharmacySaleInput(center().store, person, typicalBasket(center().store)), check: notSettled };
    case '2103': {
      const sale = await send(app, '2102', pharmacySaleInput(center().store, person, typicalBasket(center().store)));
      const key = settledKey(sale.output);
      return { input: { data: key }, check: stillSettled(key.setl_id) };
    }
    case '2207':
    case '2207A':
      return { input: await clinicVisit(app), check: notSettled };
    case '2208': {
      const settled = await send(app, '2207', await clinicVisit(app));
      const key = settledKey(settled.output);
      return { input: { data: key }, check: stillSettled(key.setl_id) };
    }
    default:
      // Inpatient codes: the sandbox does not simulate them (it refuses them), so only the
      // counter's side can be judged: the unknown outcome still gets its 2601. The inputs follow
      // protocol.md §2.12, which the center checks before anything else.
      return { input: inpatientInput(code), check: notSettled };
  }
}

const isClinic = (code: string) => code.startsWith('22');

function inpatientInput(code: string): Record<string, unknown> {
  const now = '2026-11-23 10:00:00';
  if (code === '2401') {
    return {
      mdtrtinfo: {
        psn_no: person.psnNo,
        insutype: insutype(),
        begntime: now,
        mdtrt_cert_type: '02',
        mdtrt_cert_no: person.certno,
        med_type: '21',
        ipt_no: 'ZY0001',
        atddr_no: 'D420100000001',
        chfpdr_name: '张医生',
        adm_diag_dscr: '肺炎',
        adm_dept_codg: 'NK01',
        adm_dept_name: '内科',
        adm_bed: '12',
        dscg_maindiag_code: 'J18.900',
        dscg_maindiag_name: '肺炎',
      },
      diseinfo: [
        {
          diag_type: '1',
          diag_srt_no: 1,
          diag_code: 'J18.900',
          diag_name: '肺炎',
          diag_dept: '内科',
          dise_dor_no: 'D420100000001',
          dise_dor_name: '张医生',
          diag_time: now,
          vali_flag: '1',
        },
      ],
    };
  }
  if (code === '2305') return { data: { psn_no: person.psnNo, mdtrt_id: 'ZY-NOT-SIMULATED', setl_id: 'S-NOT-SIMULATED' } };
  return { data: { psn_no: person.psnNo, mdtrt_id: 'ZY-NOT-SIMULATED', mid_setl_flag: '0', medfee_sumamt: 0 } };
}

describe('every reversible code ends reversed (or no-effect) with the ledger unchanged', () => {
  it('each profile lists exactly these codes as reversible', () => {
    for (const id of PROFILES) expect([...getProfile(id).reversible].sort()).toEqual([...REVERSIBLE].sort());
  });

  const cases = PROFILES.flatMap((profile) =>
    REVERSIBLE.flatMap((code) =>
      UNKNOWN_FAULTS.filter((f) => SIMULATED.has(code) || !PROCESSING_FAULTS.has(f)).map(
        (fault) => ({ profile, code, fault }) as const,
      ),
    ),
  );
  it.each(cases)(
    '$profile $code under $fault',
    async ({ profile, code, fault }: { profile: (typeof PROFILES)[number]; code: string; fault: Fault }) => {
      const shortTimeout = fault === 'timeout';
      const setupApp = await appFor(profile, isClinic(code), false);
      const prepared = await prepare(code, setupApp);
      const app = await appFor(profile, isClinic(code), shortTimeout);
      const before = ledger();
      center().addFault(code, shortTimeout ? `delay:${TIMEOUT_DELAY_MS}` : fault, 1);
      try {
        const e = await rejectionOf(send(app, code, prepared.input), isCenterCallError);
        expect(e).toBeInstanceOf(UnknownOutcomeError);
        // A fault before the center committed leaves nothing to reverse: 2601 is answered 原交易不存在
        // and the entry ends no-effect; after a commit it ends reversed.
        const endState = PROCESSING_FAULTS.has(fault) ? 'reversed' : 'no-effect';
        expect(e.detail).toMatchObject({ journalState: endState });
        const entry = app.journal.byMsgid(e.call.msgid);
        expect(entry?.state).toBe(endState);
        const reversals = app.journal.reversalsOf(entry?.id ?? -1);
        expect(reversals.length).toBeGreaterThan(0);
        expect(JSON.parse(reversals[0]?.requestJson ?? '{}').input.data).toEqual({
          psn_no: person.psnNo,
          omsgid: e.call.msgid,
          oinfno: code,
        });
        expect(ledger()).toEqual(before);
        prepared.check(e.call.msgid);
      } finally {
        center().clearFaults();
      }
    },
  );
});
