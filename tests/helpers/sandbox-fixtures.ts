/**
 * Seeded persons, catalogue items and ready-made inputs for tests that drive the sandbox
 * through the counter (pharmacy sale, 1101 by ID card).
 */
import { formatDateTime } from '../../src-main/core/time';
import {
  formatQty,
  lineAmount,
  parsePrice,
  parseQty,
  priceNumber,
  sumFen,
  yuanNumber,
  type UnitPrice,
} from '../../src-main/core/money';
import type { CatalogueItemRow, PersonRow, SandboxStore } from '../../src-main/sandbox/store';

export const OPERATOR = { opter: 'OP001', opterName: '张收费' };

/** Persons of a seed category with an active insurance row, in a stable order, optionally with a minimum account balance (fen). */
export function personsOf(store: SandboxStore, category: string, minBalanceFen = 0): PersonRow[] {
  return store.persons.list().filter((p) => {
    if (p.category !== category) return false;
    const ins = store.persons.insurance(p.psnNo)[0];
    return ins !== undefined && ins.psnInsuStas === '1' && ins.balc >= minBalanceFen;
  });
}

/** The valid drugs without a price cap in the first page of the center's 西药中成药 catalogue, in its order. */
export function uncappedDrugs(store: SandboxStore): CatalogueItemRow[] {
  const page = store.catalogue.queryHilist({ updtTime: '2000-01-01 00:00:00', pageNum: 1, pageSize: 500, listType: '101' }).rows;
  return page.filter((r) => r.pricUplmtAmt === null && r.valiFlag === '1');
}

/** One 甲类, one 乙类 (with 先自付比例) and one 丙类 drug without a price cap. */
export function pharmacyItems(store: SandboxStore): { a: CatalogueItemRow; b: CatalogueItemRow; c: CatalogueItemRow } {
  const page = uncappedDrugs(store);
  const find = (lv: string, extra: (r: CatalogueItemRow) => boolean = () => true) => {
    const row = page.find((r) => r.chrgitmLv === lv && extra(r));
    if (!row) throw new Error(`no ${lv} item in the first catalogue page`);
    return row;
  };
  return { a: find('01'), b: find('02', (r) => (r.selfpayProp ?? 0) > 0), c: find('03') };
}

export interface SaleLine {
  readonly item: CatalogueItemRow;
  /** Decimal text, e.g. "2" or "0.5". */
  readonly cnt: string;
  /** Decimal text with up to 6 places. */
  readonly pric: string;
}

export function identityOf(person: PersonRow, psnType: string) {
  return {
    psn_no: person.psnNo,
    mdtrt_cert_type: '02' as const,
    mdtrt_cert_no: person.certno,
    psn_cert_type: '01',
    certno: person.certno,
    psn_type: psnType,
    psn_name: person.psnName,
  };
}

/** 1101 input reading the person by ID card number. */
export function personInfoInput(person: PersonRow) {
  return {
    data: {
      mdtrt_cert_type: '02' as const,
      mdtrt_cert_no: person.certno,
      psn_cert_type: '01',
      certno: person.certno,
      psn_name: person.psnName,
    },
  };
}

/** 2101/2102 input for a sale of `lines` to `person` (insurance row = the person's first). */
export function pharmacySaleInput(
  store: SandboxStore,
  person: PersonRow,
  lines: readonly SaleLine[],
  acctUsed = true,
  now = new Date(),
) {
  const ins = store.persons.insurance(person.psnNo)[0];
  if (!ins) throw new Error(`${person.psnNo} has no insurance`);
  const time = formatDateTime(now);
  const amounts = lines.map((l) => lineAmount(parseQty(l.cnt), parsePrice(l.pric)));
  return {
    druginfo: {
      ...identityOf(person, ins.psnType),
      begntime: time,
      medfee_sumamt: yuanNumber(sumFen(amounts)),
      insutype: ins.insutype,
      acct_used_flag: acctUsed ? '1' : '0',
      med_type: '41',
    },
    drugdetail: lines.map((l, i) => ({
      feedetl_sn: String(i + 1),
      rx_circ_flag: '0',
      fee_ocur_time: time,
      med_list_codg: l.item.code,
      medins_list_codg: `LOCAL-${l.item.rid}`,
      det_item_fee_sumamt: yuanNumber(amounts[i] ?? sumFen([])),
      cnt: Number(formatQty(parseQty(l.cnt))),
      pric: priceNumber(parsePrice(l.pric) as UnitPrice),
    })),
  };
}

/** A small, typical basket: 2 × 甲类, 1 × 乙类, 0.5 × 丙类. */
export function typicalBasket(store: SandboxStore): SaleLine[] {
  const { a, b, c } = pharmacyItems(store);
  return [
    { item: a, cnt: '2', pric: '12.5' },
    { item: b, cnt: '1', pric: '38.8' },
    { item: c, cnt: '0.5', pric: '21.37' },
  ];
}
