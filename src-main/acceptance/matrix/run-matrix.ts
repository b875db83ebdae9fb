/**
 * `yibao acceptance --matrix`: settles every outpatient and pharmacy row of seed 004's matrix through
 * the counter's own services (1101 → 2201 → 2203 → 2204 → 2206 → 2207 at a clinic, 1101 → 2101 → 2102
 * at a pharmacy, in the profile's variants) against the embedded sandbox, and compares the center's
 * answer with the row's hand-computed split to the fen. One counter app per institution level, the
 * rows of each in matrix order.
 */
import { YibaoError, isYibaoError } from '../../core/errors';
import { formatYuan, type Fen } from '../../core/money';
import { loadConfig } from '../../config/load';
import { openCounterApp } from '../../app/counter-app';
import { CounterEvents } from '../../counter/events';
import { createCounterServices, type CounterServices } from '../../counter/counter-services';
import type { SettlementView } from '../../counter/views';
import type { Operator } from '../../protocol/center-client';
import { isCenterCallError } from '../../protocol/call-errors';
import { enrolItems, enrolPersons, institutionOf, type EnrolledPerson } from './enrol';
import { ITEMS } from './items';
import { MATRIX_NOT_APPLICABLE, MATRIX_PERSONS, MATRIX_ROWS } from './rows';
import type { MatrixReport, MatrixRow, MatrixRowResult, MatrixSite, MatrixSplit } from './types';

export interface MatrixOptions {
  readonly configPath?: string;
  readonly centerUrl?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly operator: Operator;
  /** The rows to run (default: all of MATRIX_ROWS); their persons must be in MATRIX_PERSONS. */
  readonly rows?: readonly MatrixRow[];
  readonly onRow?: (result: MatrixRowResult, index: number, total: number) => void;
}

const OUTPATIENT_DIAGNOSIS = { code: 'J06.900', name: '急性上呼吸道感染' };

export async function runMatrix(options: MatrixOptions): Promise<MatrixReport> {
  const { config } = loadConfig({ path: options.configPath, env: options.env });
  if (options.centerUrl || config.center.url) {
    throw new YibaoError(
      'E_ACCEPTANCE_MATRIX',
      '验收矩阵的应付金额按内置沙箱中心公布的结算政策 (POLICY.md) 手算, 只能对接内置沙箱中心运行; 请去掉 --center 或配置中的中心地址',
    );
  }
  const rows = options.rows ?? MATRIX_ROWS;
  const t0 = performance.now();
  const results: MatrixRowResult[] = [];
  let persons: Map<string, EnrolledPerson> | null = null;
  for (const site of sitesOf(rows)) {
    const institution = institutionOf(site);
    const app = await openCounterApp({
      configPath: options.configPath,
      env: options.env,
      institution: {
        fixmedinsCode: institution.code,
        fixmedinsName: institution.name,
        mdtrtareaAdmvs: institution.admdvs,
        kind: site === 'pharmacy' ? 'pharmacy' : 'clinic',
      },
    });
    const services = createCounterServices(app, new CounterEvents());
    try {
      const store = app.sandbox?.center.store;
      if (!store) throw new YibaoError('E_ACCEPTANCE_MATRIX', '内置沙箱中心未启动');
      if (persons === null) {
        const now = new Date();
        enrolItems(store, Object.values(ITEMS), now);
        persons = enrolPersons(store, MATRIX_PERSONS, now);
      }
      await app.sessions.signIn(app.client, options.operator);
      for (const row of rows.filter((r) => r.site === site)) {
        const person = persons.get(row.person);
        if (!person) throw new YibaoError('E_ACCEPTANCE_MATRIX', `矩阵行 ${row.id} 的人员 ${row.person} 未定义`);
        const mark = app.journal.activity().maxId;
        const result = await runRow(services, row, person);
        const infnos: string[] = [];
        for (let id = mark + 1; id <= app.journal.activity().maxId; id++) {
          const e = app.journal.get(id);
          if (e) infnos.push(e.infno);
        }
        const full = { ...result, infnos };
        results.push(full);
        options.onRow?.(full, results.length - 1, rows.length);
      }
      await app.sessions.signOut(app.client, options.operator.opter);
    } finally {
      await services.stop();
      await app.close();
    }
  }
  // Report in matrix order, whatever order the sites ran in.
  const ordered = rows.map((r) => results.find((x) => x.id === r.id)).filter((r): r is MatrixRowResult => r !== undefined);
  const passed = ordered.filter((r) => r.ok).length;
  return {
    rows: ordered,
    notApplicable: MATRIX_NOT_APPLICABLE,
    passed,
    total: rows.length,
    ok: passed === rows.length,
    elapsedMs: Math.round(performance.now() - t0),
  };
}

function sitesOf(rows: readonly MatrixRow[]): MatrixSite[] {
  return [...new Set(rows.map((r) => r.site))];
}

async function runRow(
  services: CounterServices,
  row: MatrixRow,
  person: EnrolledPerson,
): Promise<Omit<MatrixRowResult, 'infnos'>> {
  try {
    const settlement = await settleRow(services, row, person);
    const got = splitOf(settlement);
    const ok = (Object.keys(row.expected) as (keyof MatrixSplit)[]).every((k) => row.expected[k] === got[k]);
    return { id: row.id, title: row.title, ok, expected: row.expected, got, detail: `结算ID ${settlement.setlId ?? ''}` };
  } catch (error) {
    return { id: row.id, title: row.title, ok: false, expected: row.expected, got: null, detail: describe(error) };
  }
}

async function settleRow(services: CounterServices, row: MatrixRow, person: EnrolledPerson): Promise<SettlementView> {
  const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.name });
  const lines = row.lines.map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));
  if (row.site === 'pharmacy') {
    const req = { basketId: basketId(), personKey: ctx.key, acctUsed: row.acctUsed, lines };
    await services.pharmacy.preSettle(req);
    return (await services.pharmacy.settle(req)).settlement;
  }
  const chronic = MATRIX_PERSONS.find((p) => p.key === row.person)?.chronic;
  const diagnosis = row.medType === '14' && chronic ? { code: chronic.code, name: chronic.name } : OUTPATIENT_DIAGNOSIS;
  const visit = await services.clinic.register({
    personKey: ctx.key,
    medType: row.medType,
    deptCode: 'NK01',
    deptName: '内科',
    caty: 'A03',
    doctorCode: 'D420100000001',
    doctorName: '验收医生',
  });
  await services.clinic.visitInfo({ mdtrtId: visit.mdtrtId, medType: row.medType, diagnoses: [diagnosis] });
  const { chrgBchno } = await services.clinic.uploadBill({ mdtrtId: visit.mdtrtId, lines });
  await services.clinic.preSettle({ mdtrtId: visit.mdtrtId, chrgBchno, acctUsed: row.acctUsed });
  return (await services.clinic.settle({ mdtrtId: visit.mdtrtId, chrgBchno, acctUsed: row.acctUsed })).result.settlement;
}

const yuan = (f: number) => formatYuan(f as Fen);

function splitOf(s: SettlementView): MatrixSplit {
  return { medfee: yuan(s.medfeeFen), fund: yuan(s.fundPaySumFen), acct: yuan(s.acctPayFen), cash: yuan(s.psnCashPayFen) };
}

let basketSerial = 0;
const basketId = () => `YSM${Date.now().toString(36)}${(basketSerial++).toString(36)}`.slice(0, 24);

function describe(error: unknown): string {
  if (isCenterCallError(error)) return `[${error.code}] ${error.messageZh}`;
  if (isYibaoError(error)) return `[${error.code}] ${error.messageZh}`;
  return `[E_INTERNAL] ${(error as Error)?.message ?? String(error)}`;
}

/** One line per row for the terminal: ✓/✗, id, title, and expected vs got when they differ. */
export function describeRow(r: MatrixRowResult): string {
  const fmt = (s: MatrixSplit) => `总额 ${s.medfee} 基金 ${s.fund} 个账 ${s.acct} 现金 ${s.cash}`;
  if (r.ok) return `✓ ${r.id} ${r.title}: ${fmt(r.expected)}`;
  return `✗ ${r.id} ${r.title}: 应为 ${fmt(r.expected)}; 实得 ${r.got ? fmt(r.got) : r.detail}`;
}
