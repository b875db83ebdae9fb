/**
 * The seeded sandbox database: deterministic from the seed, covering every person category
 * of seed 004's matrix with valid credentials, a 100k-row versioned catalogue with valid
 * barcodes and 拼音首字母, the 1901 dictionaries, seeded once and fast.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageOn } from '../../src-main/core/time';
import Database from 'better-sqlite3';
import {
  AGE_RANGES,
  CATALOGUE_PLAN,
  CATALOGUE_VERSION_DATES,
  DEFAULT_REFERENCE_DATE,
  DRUG_BASE_ROWS,
  SANDBOX_ADMDVS,
  SEED_CATEGORIES,
  isValidEan13,
  isValidIdNumber,
  listSandboxPersons,
  matrixAgeBand,
  openSandboxStore,
  parseIdNumber,
  sandboxDbPath,
  seedCategory,
  versionCode,
  type SandboxPersonListing,
  type SeedReport,
} from '../../src-main/sandbox/seed';
import { idCheckChar, makeIdNumber } from '../../src-main/sandbox/seed/id-number';
import { ean13CheckDigit } from '../../src-main/sandbox/seed/ean13';
import { SURNAMES } from '../../src-main/sandbox/seed/names';
import {
  type SandboxStore,
  SeedMismatchError,
  buildCatalogueFile,
  contentFingerprint,
  readCatalogueFile,
  type Fingerprint,
} from '../../src-main/sandbox/store';
import { makeTempDir } from '../helpers/temp-dir';

const SEED = 20261123;
const OTHER_SEED = 7;

let temp: { dir: string; cleanup: () => void };
let store: SandboxStore;
let report: SeedReport | undefined;
let fingerprint: Fingerprint;
let persons: SandboxPersonListing[];

beforeAll(() => {
  temp = makeTempDir('sandbox-seed-');
  store = openSandboxStore(`${temp.dir}/a`, { seed: SEED, onSeeded: (r) => (report = r) });
  fingerprint = contentFingerprint(store.db);
  persons = listSandboxPersons(store);
});

afterAll(() => {
  store.close();
  temp.cleanup();
});

describe('seeding', () => {
  it('seeds a new file quickly and in one go', () => {
    expect(report?.seeded).toBe(true);
    // Target is under ~10 s on a 2-core machine; measured ~3.5 s. Allow for a loaded CI box.
    console.log(`sandbox seed: ${report?.ms} ms, ${JSON.stringify(report?.catalogueRows)}`);
    expect(report?.ms).toBeLessThan(20_000);
    expect(report?.persons).toBe(persons.length);
  });

  it('is deterministic: the same seed gives identical content, another seed different data', () => {
    const same = openSandboxStore(`${temp.dir}/b`, { seed: SEED });
    const other = openSandboxStore(`${temp.dir}/c`, { seed: OTHER_SEED });
    try {
      const sameFp = contentFingerprint(same.db);
      expect(sameFp.total).toBe(fingerprint.total);
      expect(listSandboxPersons(same)).toEqual(persons);
      const otherFp = contentFingerprint(other.db);
      expect(otherFp.tables['person']?.sha256).not.toBe(fingerprint.tables['person']?.sha256);
      expect(otherFp.tables['catalogue_item']?.sha256).not.toBe(fingerprint.tables['catalogue_item']?.sha256);
      expect(otherFp.tables['catalogue_item']?.rows).toBe(fingerprint.tables['catalogue_item']?.rows);
      // Dictionaries do not depend on the seed.
      expect(otherFp.tables['dictionary']?.sha256).toBe(fingerprint.tables['dictionary']?.sha256);
    } finally {
      same.close();
      other.close();
    }
  });

  it('seeds only once and refuses to reopen with another seed', () => {
    let reseeded = false;
    const again = openSandboxStore(`${temp.dir}/a`, { onSeeded: () => (reseeded = true) });
    expect(reseeded).toBe(false);
    expect(contentFingerprint(again.db, ['person', 'catalogue_version']).total).toBe(
      contentFingerprint(store.db, ['person', 'catalogue_version']).total,
    );
    again.close();
    expect(() => openSandboxStore(`${temp.dir}/a`, { seed: SEED + 1 })).toThrow(SeedMismatchError);
    const db = new Database(sandboxDbPath(`${temp.dir}/a`), { readonly: true });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'seed'").get()).toEqual({ value: String(SEED) });
    db.close();
  });
});

describe('persons', () => {
  it('has at least 200 persons and every category of the matrix with a few people', () => {
    expect(persons.length).toBeGreaterThanOrEqual(200);
    for (const c of SEED_CATEGORIES) {
      expect(persons.filter((p) => p.category === c.key).length, c.key).toBe(c.count);
      expect(c.count, c.key).toBeGreaterThanOrEqual(3);
    }
  });

  it('covers 职工 在职/退休, 居民 tiers and 大学生, 离休 kinds and 医疗救助 categories', () => {
    const rows = SEED_CATEGORIES.length; // sanity: the table is what we iterate
    expect(rows).toBeGreaterThan(10);
    const insurance = persons.map((p) => ({ p, i: store.persons.insurance(p.psnNo)[0] }));
    const count = (pred: (x: (typeof insurance)[number]) => boolean) => insurance.filter(pred).length;
    expect(count(({ i }) => i?.insutype === '310' && i.psnType === '11')).toBeGreaterThanOrEqual(10);
    expect(count(({ i }) => i?.insutype === '310' && i.psnType === '21')).toBeGreaterThanOrEqual(10);
    for (const tier of ['high', 'low', 'student'] as const) {
      expect(
        count(({ i }) => i?.insutype === '390' && i.residentTier === tier),
        tier,
      ).toBeGreaterThanOrEqual(5);
    }
    expect(count(({ i }) => i?.collegeStudent === true && i.psnType === '43')).toBeGreaterThanOrEqual(3);
    for (const kind of ['enterprise', 'organ', 'institution'] as const) {
      expect(
        count(({ i }) => i?.insutype === '340' && i.retiredCadreKind === kind && i.psnType === '31'),
        kind,
      ).toBeGreaterThanOrEqual(3);
    }
    for (const a of ['tekun', 'kunjingChild', 'dibaoDisabled', 'dibaoOther'] as const) {
      expect(
        count(({ i }) => i?.assistance === a),
        a,
      ).toBeGreaterThanOrEqual(3);
    }
    // 医疗救助 sits on top of a base insurance, with the identity rows 1101 reports.
    for (const { p, i } of insurance.filter(({ i }) => i?.assistance)) {
      expect(['310', '390']).toContain(i?.insutype);
      expect(store.persons.identities(p.psnNo).length).toBeGreaterThan(0);
    }
    const disabled = insurance
      .filter(({ p }) => p.category === 'aid-dibao-mental')
      .flatMap(({ p }) => store.persons.identities(p.psnNo));
    expect(disabled.some((d) => d.psnTypeLv === '1') && disabled.some((d) => d.psnTypeLv === '2')).toBe(true);
    expect(count(({ i }) => i?.cvlservFlag === '1')).toBeGreaterThanOrEqual(3);
    expect(count(({ i }) => i?.psnInsuStas === '2' && i.pausInsuDate !== null)).toBeGreaterThanOrEqual(1);
  });

  it('covers the age bands 50岁以下, 50-60, 60-70 and 100岁以上 for 职工 and 居民, including the 门特 cases', () => {
    for (const group of ['职工', '城乡居民'] as const) {
      for (const band of ['under50', '50-60', '60-70', 'over100'] as const) {
        const n = persons.filter((p) => p.group === group && matrixAgeBand(p.age) === band).length;
        expect(n, `${group} ${band}`).toBeGreaterThanOrEqual(3);
      }
    }
    for (const band of ['under50', '50-60', '60-70', 'over100'] as const) {
      expect(persons.filter((p) => p.category === 'emp-chronic' && matrixAgeBand(p.age) === band).length).toBeGreaterThanOrEqual(
        3,
      );
    }
    expect(persons.filter((p) => p.psnType === '31').every((p) => p.age >= 90)).toBe(true);
  });

  it('puts each person in an age range of their category at the reference date', () => {
    for (const p of persons) {
      const c = seedCategory(p.category);
      expect(c, p.category).toBeDefined();
      const fits = (c?.ageBands ?? []).some((b) => p.age >= AGE_RANGES[b][0] && p.age <= AGE_RANGES[b][1]);
      expect(fits, `${p.category} age ${p.age}`).toBe(true);
    }
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('gives valid 18-digit ID numbers whose birth date and gender match the person', () => {
    for (const p of persons) {
      expect(isValidIdNumber(p.certno), p.certno).toBe(true);
      const parsed = parseIdNumber(p.certno);
      expect(parsed.brdy).toBe(p.brdy);
      expect(parsed.gend).toBe(p.gend);
      expect(p.certno.slice(0, 2)).toBe(p.insuplcAdmdvs.slice(0, 2));
    }
    expect(new Set(persons.map((p) => p.certno)).size).toBe(persons.length);
  });

  it('checks ID numbers against GB 11643 reference values and rejects bad ones', () => {
    // Published example of the standard: 11010519491231002X.
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('11010519490231002X')).toBe(false); // no 31 February… and no 31st in Feb
    expect(makeIdNumber('420102', '1990-05-17', 124, '1')[16]).toMatch(/[13579]/);
    expect(makeIdNumber('420102', '1990-05-17', 124, '2')[16]).toMatch(/[02468]/);
  });

  it('gives card numbers, 32-hex card identification codes of the insured area and e-certificate tokens, all unique', () => {
    for (const p of persons) {
      expect(p.cardNo).toMatch(/^[A-Z]\d{8}$/);
      expect(p.cardSn).toMatch(/^[0-9A-F]{32}$/);
      expect(p.cardSn?.slice(0, 6)).toBe(p.insuplcAdmdvs);
      expect(p.ecToken?.length).toBeGreaterThanOrEqual(30);
    }
    for (const key of ['cardNo', 'cardSn', 'ecToken', 'psnNo'] as const) {
      expect(new Set(persons.map((p) => p[key])).size, key).toBe(persons.length);
    }
  });

  it('uses Chinese names from the surname table', () => {
    for (const p of persons) {
      expect(p.psnName).toMatch(/^[\u4e00-\u9fff]{2,4}$/);
      expect(SURNAMES.some((s) => p.psnName.startsWith(s))).toBe(true);
    }
  });

  it('spreads persons over 本地, 省内异地 and 跨省异地 with the local area 420100', () => {
    expect(SANDBOX_ADMDVS).toBe('420100');
    for (const insutype of ['310', '390']) {
      const regions = new Set(persons.filter((p) => p.insutype === insutype).map((p) => p.insuRegion));
      expect([...regions].sort()).toEqual(['cross-province', 'in-province', 'local']);
    }
    for (const p of persons) expect(p.insuRegion === 'local').toBe(p.insuplcAdmdvs === SANDBOX_ADMDVS);
  });

  it('gives employees account balances and a handful tiny ones for account exhaustion', () => {
    const employees = persons.filter((p) => p.insutype === '310');
    expect(employees.filter((p) => p.balc > 10_000).length).toBeGreaterThan(50);
    expect(employees.filter((p) => p.balc === 500).length).toBeGreaterThanOrEqual(4);
    expect(employees.some((p) => p.balc === 0)).toBe(true);
    expect(persons.filter((p) => p.insutype !== '310').every((p) => p.balc === 0)).toBe(true);
  });

  it('gives the 门慢门特 categories filings of every disease category', () => {
    const filings = persons
      .filter((p) => p.category === 'emp-chronic' || p.category === 'res-chronic')
      .map((p) => store.persons.chronicFilings(p.psnNo));
    expect(filings.every((f) => f.length === 1)).toBe(true);
    expect(new Set(filings.map((f) => f[0]?.chronicCategory))).toEqual(new Set([1, 2, 3, 4]));
  });

  it('lists persons by category key or group for the CLI', () => {
    expect(listSandboxPersons(store, { category: 'cadre-organ' })).toHaveLength(5);
    expect(listSandboxPersons(store, { category: '医疗救助' }).every((p) => p.group === '医疗救助')).toBe(true);
    expect(listSandboxPersons(store, { category: '医疗救助' }).length).toBeGreaterThanOrEqual(20);
    const later = listSandboxPersons(store, { category: 'emp-active', asOf: '2036-01-01' });
    const now = listSandboxPersons(store, { category: 'emp-active', asOf: DEFAULT_REFERENCE_DATE });
    expect(later.map((p) => p.age)).toEqual(now.map((p) => p.age + 10));
  });
});

describe('catalogue', () => {
  it('has at least 100,000 西药中成药 rows and the other catalogues', () => {
    expect(store.catalogue.countByListType('101')).toBeGreaterThanOrEqual(100_000);
    for (const lt of ['102', '201', '301']) expect(store.catalogue.countByListType(lt), lt).toBeGreaterThan(50);
    expect(store.catalogue.count('1307')).toBeGreaterThan(200);
    expect(store.catalogue.count('1308')).toBeGreaterThan(10);
    expect(store.catalogue.count('1309')).toBeGreaterThan(10);
  });

  it('publishes five versions per catalogue with increasing ver; later ones add and change rows', () => {
    for (const plan of CATALOGUE_PLAN) {
      const versions = store.catalogue.versions(plan.infno);
      expect(versions.map((v) => v.ver)).toEqual(CATALOGUE_VERSION_DATES.map(versionCode));
      expect(versions.map((v) => v.ver)).toEqual([...versions.map((v) => v.ver)].sort());
      expect(versions.reduce((n, v) => n + v.rowCount, 0)).toBe(store.catalogue.count(plan.infno));
      for (const v of versions.slice(1)) expect(v.rowCount).toBe(plan.add + plan.change);
    }
    const v1 = store.catalogue.versions('1301')[0];
    expect(v1?.rowCount).toBe(DRUG_BASE_ROWS);
    const v5 = versionCode(CATALOGUE_VERSION_DATES[4]);
    const v4 = versionCode(CATALOGUE_VERSION_DATES[3]);
    const latest = store.catalogue.rowsAfter('1301', v4);
    const changed = latest.filter(
      (r) => (store.db.prepare('SELECT count(*) AS n FROM catalogue_item WHERE code = ?').pluck().get(r.code) as number) > 1,
    );
    expect(changed).toHaveLength(100);
    for (const r of changed.slice(0, 10)) expect(store.catalogue.current(r.code)?.ver).toBe(v5);
    expect(changed.some((r) => r.valiFlag === '0') || changed.some((r) => r.memo === '调整限价')).toBe(true);
  });

  it('gives codes of realistic shapes', () => {
    const sample = (infno: string, n = 200) =>
      store.db.prepare('SELECT code, name FROM catalogue_item WHERE catalogue = ? ORDER BY rid LIMIT ?').all(infno, n) as {
        code: string;
        name: string;
      }[];
    for (const r of sample('1301', 5000)) expect(r.code).toMatch(/^[XZ][A-Z0-9]{22}$/);
    expect(sample('1301', 5000).some((r) => r.code.startsWith('Z'))).toBe(true);
    for (const r of sample('1305')) expect(r.code).toMatch(/^\d{15}-\d{9}$/);
    for (const r of sample('1306')) expect(r.code).toMatch(/^C\d{19}$/);
    for (const r of sample('1307')) expect(r.code).toMatch(/^[A-Z]\d{2}\.\d{3}(x\d{3})?$/);
    expect(
      new Set(
        store.db
          .prepare('SELECT code FROM catalogue_item WHERE ver = ?')
          .pluck()
          .all(versionCode(CATALOGUE_VERSION_DATES[0])) as string[],
      ).size,
    ).toBe(
      store.db.prepare('SELECT count(*) FROM catalogue_item WHERE ver = ?').pluck().get(versionCode(CATALOGUE_VERSION_DATES[0])),
    );
  });

  it('gives every barcode a valid EAN-13 check digit', () => {
    const codes = store.db.prepare('SELECT barcode FROM catalogue_item WHERE barcode IS NOT NULL').pluck().all() as string[];
    expect(codes.length).toBeGreaterThan(100_000);
    expect(codes.filter((c) => !isValidEan13(c))).toEqual([]);
    expect(ean13CheckDigit('690123456789')).toBe('2'); // worked example: 6901234567892
    expect(isValidEan13('6901234567893')).toBe(false);
  });

  it('gives 拼音首字母 with one letter per Chinese character, matching known names', () => {
    const rows = store.db.prepare('SELECT name, pinyin FROM catalogue_item').all() as { name: string; pinyin: string }[];
    const bad = rows.filter(
      (r) => r.pinyin.length !== (r.name.match(/[\u4e00-\u9fff]|[A-Za-z0-9]/g) ?? []).length || !/^[A-Z0-9]+$/.test(r.pinyin),
    );
    expect(bad.slice(0, 5)).toEqual([]);
    const known: Record<string, string> = {
      阿莫西林胶囊: 'AMXLJN',
      连花清瘟胶囊: 'LHQWJN',
      普通门诊诊查费: 'PTMZZCF',
      造口袋: 'ZKD',
      炙甘草: 'ZGC',
      特发性高血压: 'TFXGXY',
      腹腔镜胆囊切除术: 'FQJDNQCS',
    };
    for (const [name, pinyin] of Object.entries(known)) {
      const found = rows.find((r) => r.name === name);
      if (found) expect(found.pinyin, name).toBe(pinyin);
    }
    expect(rows.filter((r) => r.name in known).length).toBeGreaterThanOrEqual(5);
  });

  it('keeps 先自付比例 consistent with the level and prices as integers', () => {
    const rows = store.db
      .prepare(
        'SELECT chrgitm_lv AS lv, selfpay_prop AS sp, pric_uplmt_amt AS cap, ref_pric AS ref FROM catalogue_item WHERE list_type IS NOT NULL',
      )
      .all() as {
      lv: string;
      sp: number;
      cap: number | null;
      ref: number;
    }[];
    expect(rows.filter((r) => r.lv === '01' && r.sp !== 0)).toEqual([]);
    expect(rows.filter((r) => r.lv === '03' && r.sp !== 10000)).toEqual([]);
    expect(rows.filter((r) => r.lv === '02' && (r.sp <= 0 || r.sp >= 10000))).toEqual([]);
    expect(rows.every((r) => Number.isInteger(r.ref) && r.ref > 0 && (r.cap === null || Number.isInteger(r.cap)))).toBe(true);
    expect(rows.filter((r) => r.cap !== null).length).toBeGreaterThan(1000);
  });

  it('serves the 1901 dictionaries with the protocol labels', () => {
    const types = store.dictionary.types();
    for (const t of [
      'med_type',
      'insutype',
      'psn_type',
      'chrgitm_lv',
      'med_chrgitm_type',
      'fund_pay_type',
      'clr_type',
      'psn_cert_type',
      'gend',
      'naty',
      'psn_idet_type',
    ]) {
      expect(types, t).toContain(t);
    }
    expect(store.dictionary.label('insutype', '310')).toBe('职工基本医疗保险');
    expect(store.dictionary.label('med_type', '41')).toBe('定点药店购药');
    expect(store.dictionary.label('fund_pay_type', '610100')).toBe('医疗救助基金');
    expect(store.dictionary.entries('naty')).toHaveLength(56);
    // Every code the seed uses is in its dictionary.
    for (const p of persons) {
      expect(store.dictionary.label('psn_type', p.psnType), p.psnType).toBeDefined();
      expect(store.dictionary.label('insutype', p.insutype)).toBeDefined();
    }
  });

  it('builds the 1301 download file: 100,000 rows for version 1, then each later version', () => {
    const started = Date.now();
    const first = buildCatalogueFile(store.catalogue, '1301', '0');
    const ms = Date.now() - started;
    console.log(`1301 version-1 file: ${first.rowCount} rows, ${first.zip.byteLength} bytes zipped, ${ms} ms`);
    expect(first.rowCount).toBe(DRUG_BASE_ROWS);
    const rows = readCatalogueFile(first.zip);
    expect(rows).toHaveLength(DRUG_BASE_ROWS);
    const dbFirst = store.catalogue.rowsAfter('1301', '0', 3);
    expect(rows.slice(0, 3).map((r) => [r.code, r.name, r.pinyin, r.barcode])).toEqual(
      dbFirst.map((r) => [r.code, r.name, r.pinyin, r.barcode]),
    );
    let ver = first.maxVer;
    let total = first.rowCount;
    for (;;) {
      const next = buildCatalogueFile(store.catalogue, '1301', ver);
      if (next.rowCount === 0) break;
      expect(next.maxVer > ver).toBe(true);
      expect(readCatalogueFile(next.zip)).toHaveLength(next.rowCount);
      total += next.rowCount;
      ver = next.maxVer;
    }
    expect(ver).toBe(versionCode(CATALOGUE_VERSION_DATES[4]));
    expect(total).toBe(store.catalogue.count('1301'));
  });

  it('answers 1312 pages over the seeded 医保目录', () => {
    const since = `${CATALOGUE_VERSION_DATES[4]} 08:00:00`;
    const page = store.catalogue.queryHilist({ updtTime: since, pageNum: 1, pageSize: 1000 });
    expect(page.total).toBe(
      CATALOGUE_PLAN.filter((p) => ['1301', '1302', '1304', '1305', '1306'].includes(p.infno)).reduce(
        (n, p) => n + p.add + p.change,
        0,
      ),
    );
    expect(page.rows.every((r) => r.updtTime === since && r.listType !== null)).toBe(true);
    const amx = store.catalogue.queryHilist({ updtTime: '2000-01-01 00:00:00', pageNum: 1, pageSize: 50, pinyin: 'AMXL' });
    expect(amx.total).toBeGreaterThan(100);
    expect(amx.rows.every((r) => r.pinyin.startsWith('AMXL'))).toBe(true);
  });
});
