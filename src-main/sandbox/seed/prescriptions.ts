/**
 * 医保电子处方 the sandbox's hospital issued to seeded persons. Who gets one and what is on it
 * is a pure function of the seed (persons in store order, drugs from the 1301 catalogue); the
 * times are set when the prescriptions are first needed, so they are valid now. One of them
 * (a retired employee's) is already expired, to exercise 7205. Stores seeded before migration 003 get theirs the
 * first time a 72xx transaction arrives.
 */
import { formatDateTime } from '../../core/time';
import { formatYuan, lineAmount, parseQty, sumFen, type UnitPrice } from '../amounts';
import type { CatalogueItemRow } from '../store';
import { PrescriptionRepo, type RxLine, type RxPrescription } from '../store/prescriptions';
import type { SandboxStore } from '../store/store';
import { Prng } from './prng';

const ISSUED_KEY = 'rx_issued';
/** The issuing hospital (a sandbox institution that is not a pharmacy). */
export const RX_ISSUER = { code: 'H42010000004', name: '沙箱区人民医院' } as const;
const VALID_DAYS = 3;
const DAY_MS = 24 * 60 * 60 * 1000;
const DEPTS = ['内科门诊', '心血管内科', '内分泌科', '呼吸内科', '全科门诊'] as const;
const DIAGNOSES = [
  ['I10.x00', '原发性高血压'],
  ['E11.900', '2型糖尿病'],
  ['J06.900', '急性上呼吸道感染'],
  ['K29.700', '胃炎'],
  ['M54.500', '腰痛'],
] as const;
const FREQUENCIES = ['一日一次', '一日两次', '一日三次'] as const;

/** Drugs a prescription can carry: valid 甲/乙 class western drugs with a reference price and no price cap. */
function prescribableDrugs(store: SandboxStore): CatalogueItemRow[] {
  const page = store.catalogue.queryHilist({ updtTime: '2000-01-01 00:00:00', pageNum: 1, pageSize: 500, listType: '101' });
  return page.rows.filter(
    (r) => r.valiFlag === '1' && r.pricUplmtAmt === null && r.refPric !== null && (r.chrgitmLv === '01' || r.chrgitmLv === '02'),
  );
}

/** Issues the seed's prescriptions once; later calls do nothing. */
export function ensurePrescriptions(store: SandboxStore, now: Date): void {
  if (store.meta.get(ISSUED_KEY) !== undefined) return;
  const seed = Number(store.meta.get('seed') ?? 0);
  const repo = new PrescriptionRepo(store.db);
  const drugs = prescribableDrugs(store);
  if (drugs.length < 3) return;
  const prng = Prng.derive(seed, 'prescriptions');
  const candidates = store.persons.list().filter((p) => store.persons.insurance(p.psnNo)[0]?.psnInsuStas === '1');
  let serial = 0;
  let expiredIssued = false;
  store.transaction(() => {
    for (const person of candidates) {
      // Every in-service employee (the persons training and the acceptance self-test use) has one;
      // about a third of the others; and the first retired employee one that has already expired.
      const drawn = prng.percent(35);
      const expired = !expiredIssued && person.category === 'emp-retired';
      if (!drawn && !expired && person.category !== 'emp-active') continue;
      expiredIssued ||= expired;
      serial++;
      const issuedAt = new Date(now.getTime() - (expired ? 7 * DAY_MS : prng.int(1, 20) * 60 * 60 * 1000));
      const hiRxno = `RX${RX_ISSUER.code.slice(-8)}${String(seed % 10000).padStart(4, '0')}${String(serial).padStart(6, '0')}`;
      const [diagCode, diagName] = prng.pick(DIAGNOSES);
      const rx: RxPrescription = {
        hiRxno,
        rxTraceCode: `TR${prng.hex(24)}`,
        psnNo: person.psnNo,
        issuerCode: RX_ISSUER.code,
        issuerName: RX_ISSUER.name,
        mdtrtId: `MDRX${String(seed % 10000).padStart(4, '0')}${String(serial).padStart(8, '0')}`,
        deptName: prng.pick(DEPTS),
        drName: `医师${prng.int(1, 40)}`,
        diagCode,
        diagName,
        prscTime: formatDateTime(issuedAt),
        validEndTime: formatDateTime(new Date(issuedAt.getTime() + VALID_DAYS * DAY_MS)),
        state: 'issued',
        authRxno: null,
        pharmacyCode: null,
        pharName: null,
        pharPracCertNo: null,
        rxChkOpnn: null,
        selNo: null,
        setlId: null,
        delvNo: null,
        delvStasCodg: null,
        updatedAt: formatDateTime(issuedAt),
      };
      const lines: RxLine[] = prng.sample(drugs, prng.int(1, 3)).map((d, i) => {
        const cnt = parseQty(prng.int(1, 3));
        const pric = d.refPric as UnitPrice;
        return {
          hiRxno,
          rxDetlNo: `${hiRxno}-${i + 1}`,
          medListCodg: d.code,
          drugGenname: d.gennm ?? d.name,
          drugSpec: d.spec,
          drugDosform: d.dosform,
          cnt,
          cntUnit: d.pacunt,
          pric,
          sumamt: lineAmount(cnt, pric),
          medcWayDscr: '口服',
          usedFrquName: prng.pick(FREQUENCIES),
          sinDoscnt: '1片',
          medcDays: prng.int(3, 14),
        };
      });
      repo.insert(rx, lines);
    }
    store.meta.set(ISSUED_KEY, String(serial));
  });
}

/** The issued prescriptions with their person and state (yibao sandbox prescriptions, for training and tests). */
export function prescriptionListing(store: SandboxStore, now = new Date()): Record<string, unknown>[] {
  ensurePrescriptions(store, now);
  const repo = new PrescriptionRepo(store.db);
  return repo.all().map((rx) => {
    const person = store.persons.getByPsnNo(rx.psnNo);
    const lines = repo.lines(rx.hiRxno);
    return {
      hi_rxno: rx.hiRxno,
      state: rx.state,
      psn_no: rx.psnNo,
      psn_name: person?.psnName ?? '',
      certno: person?.certno ?? '',
      category: person?.category ?? '',
      prsc_time: rx.prscTime,
      valid_end_time: rx.validEndTime,
      drugs: lines.length,
      total: formatYuan(sumFen(lines.map((l) => l.sumamt))),
      pharmacy: rx.pharmacyCode ?? '',
    };
  });
}
