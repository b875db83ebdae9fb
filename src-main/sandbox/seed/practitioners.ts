/**
 * The 医师 / 护士 / 药师 registered at each sandbox institution (5102), a pure function of the
 * seed: the same seed always lists the same people. 7206 accepts only a pharmacist listed here
 * for the pharmacy that reviews.
 */
import { SANDBOX_INSTITUTIONS } from '../center/institutions';
import { makeIdNumber } from './id-number';
import { chineseName } from './names';
import { Prng } from './prng';

export interface Practitioner {
  fixmedinsCode: string;
  /** medins_psn_type: 1 医师, 2 护士, 3 药师. */
  pracPsnType: '1' | '2' | '3';
  pracPsnCode: string;
  pracPsnName: string;
  psnCertType: '01';
  certno: string;
  pracCertNo: string;
  hiDrFlag: '0' | '1';
  begntime: string;
}

/** How many of each kind: a pharmacy has pharmacists (and one nurse), a clinic mostly doctors. */
function staffPlan(type: '1' | '2'): Record<'1' | '2' | '3', number> {
  return type === '2' ? { '1': 0, '2': 1, '3': 3 } : { '1': 4, '2': 2, '3': 1 };
}

const CODE_PREFIX = { '1': 'D', '2': 'N', '3': 'Y' } as const;

export function practitionersOf(seed: number, fixmedinsCode: string): Practitioner[] {
  const inst = SANDBOX_INSTITUTIONS.find((i) => i.code === fixmedinsCode);
  if (!inst) return [];
  const prng = Prng.derive(seed, 'practitioners', fixmedinsCode);
  const out: Practitioner[] = [];
  let serial = 0;
  for (const kind of ['1', '2', '3'] as const) {
    for (let i = 0; i < staffPlan(inst.type)[kind]; i++) {
      serial++;
      const gend = prng.percent(50) ? '1' : '2';
      const brdy = `${prng.int(1965, 1998)}-${String(prng.int(1, 12)).padStart(2, '0')}-${String(prng.int(1, 28)).padStart(2, '0')}`;
      out.push({
        fixmedinsCode,
        pracPsnType: kind,
        // 医保医师/护士/药师编码: kind letter + the institution's area and serial (C20).
        pracPsnCode: `${CODE_PREFIX[kind]}${inst.admdvs}${fixmedinsCode.slice(-4)}${String(serial).padStart(3, '0')}`,
        pracPsnName: chineseName(prng, gend),
        psnCertType: '01',
        certno: makeIdNumber(inst.admdvs.slice(0, 4) + '02', brdy, prng.int(1, 499), gend),
        pracCertNo: `${kind === '3' ? 'YS' : 'ZY'}${prng.digits(12)}`,
        hiDrFlag: '1',
        begntime: '2024-01-01 00:00:00',
      });
    }
  }
  return out;
}
