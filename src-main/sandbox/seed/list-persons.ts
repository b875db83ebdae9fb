/** The seeded persons as `yibao sandbox persons` shows them: credentials, insurance and category. */
import type { Fen } from '../amounts';
import { ageOn } from '../../core/time';
import type { InsuRegion } from '../policy/types';
import type { SandboxStore } from '../store/store';
import { seedCategory } from './categories';
import { DEFAULT_REFERENCE_DATE } from './persons';
import { META } from './seed';

export interface SandboxPersonListing {
  psnNo: string;
  psnName: string;
  gend: string;
  brdy: string;
  /** Full years at `asOf`. */
  age: number;
  certno: string;
  cardNo: string | null;
  cardSn: string | null;
  ecToken: string | null;
  insutype: string;
  psnType: string;
  balc: Fen;
  psnInsuStas: string;
  insuplcAdmdvs: string;
  insuRegion: InsuRegion;
  category: string;
  categoryLabel: string;
  /** 职工 / 城乡居民 / 离休 / 医疗救助 / 其他 */
  group: string;
}

export interface ListOptions {
  /** Only this category key (e.g. `emp-retired`) or group (e.g. `医疗救助`). */
  category?: string;
  /** yyyy-MM-dd for the age column; default the seed's reference date. */
  asOf?: string;
}

export function listSandboxPersons(store: SandboxStore, options: ListOptions = {}): SandboxPersonListing[] {
  const asOf = options.asOf ?? store.meta.get(META.referenceDate) ?? DEFAULT_REFERENCE_DATE;
  const out: SandboxPersonListing[] = [];
  for (const p of store.persons.list()) {
    const group = seedCategory(p.category)?.group ?? '其他';
    if (options.category !== undefined && options.category !== p.category && options.category !== group) continue;
    const insurance = store.persons.insurance(p.psnNo)[0];
    if (!insurance) continue;
    out.push({
      psnNo: p.psnNo,
      psnName: p.psnName,
      gend: p.gend,
      brdy: p.brdy,
      age: ageOn(p.brdy, asOf),
      certno: p.certno,
      cardNo: p.cardNo,
      cardSn: p.cardSn,
      ecToken: p.ecToken,
      insutype: insurance.insutype,
      psnType: insurance.psnType,
      balc: insurance.balc,
      psnInsuStas: insurance.psnInsuStas,
      insuplcAdmdvs: insurance.insuplcAdmdvs,
      insuRegion: insurance.insuRegion,
      category: p.category,
      categoryLabel: p.categoryLabel,
      group,
    });
  }
  return out;
}
