/**
 * Puts the matrix's persons and items into the embedded sandbox center, as a real center's test
 * environment provides test persons and catalogue entries. Persons are new at every run (fresh
 * psn_no and certno), so each run starts from an empty year-to-date whatever earlier runs settled;
 * items are enrolled once and must then keep the attributes the matrix states.
 */
import { YibaoError } from '../../core/errors';
import { parsePrice, parseRatio, parseYuan, type Fen } from '../../sandbox/amounts';
import { formatDate, formatDateTime } from '../../core/time';
import { SANDBOX_INSTITUTIONS } from '../../sandbox/center/institutions';
import { emptyItem } from '../../sandbox/seed/catalogue/item-draft';
import { makeIdNumber } from '../../sandbox/seed/id-number';
import type { SandboxStore } from '../../sandbox/store';
import type { PersonRecord } from '../../sandbox/store/persons';
import type { MatrixItem, MatrixPerson, MatrixSite } from './types';

/** A person as the runner reads them at the counter (1101 by 身份证号 + 姓名). */
export interface EnrolledPerson {
  readonly certno: string;
  readonly name: string;
  readonly psnNo: string;
}

export function institutionOf(site: MatrixSite) {
  const found = SANDBOX_INSTITUTIONS.find((i) => i.level === site);
  if (!found) throw new YibaoError('E_ACCEPTANCE_MATRIX', `内置沙箱没有 ${site} 级别的机构`);
  return found;
}

export function enrolItems(store: SandboxStore, items: readonly MatrixItem[], now: Date): void {
  for (const item of items) {
    const current = store.catalogue.current(item.code);
    if (current) {
      const same =
        current.chrgitmLv === item.chrgitmLv &&
        current.medChrgitmType === item.medChrgitmType &&
        current.selfpayProp === parseRatio(item.selfpayProp) &&
        current.pricUplmtAmt === (item.pricUplmt === null ? null : parsePrice(item.pricUplmt)) &&
        current.valiFlag === '1';
      if (!same) {
        throw new YibaoError(
          'E_ACCEPTANCE_MATRIX',
          `沙箱目录中的 ${item.code} ${item.name} 与验收矩阵所述属性不同, 不能按矩阵核对金额`,
          {
            code: item.code,
          },
        );
      }
      continue;
    }
    const latest = store.catalogue.versions(item.catalogue).at(-1);
    if (!latest) throw new YibaoError('E_ACCEPTANCE_MATRIX', `沙箱未发布目录 ${item.catalogue}, 无法登记验收项目`);
    store.catalogue.insertItems([
      {
        ...emptyItem(item.code, item.name, 'YSJZ'),
        catalogue: item.catalogue,
        listType: item.listType,
        chrgitmLv: item.chrgitmLv,
        medChrgitmType: item.medChrgitmType,
        selfpayProp: parseRatio(item.selfpayProp),
        pricUplmtAmt: item.pricUplmt === null ? null : parsePrice(item.pricUplmt),
        memo: '验收矩阵项目',
        begndate: '2020-01-01',
        enddate: null,
        valiFlag: '1',
        ver: latest.ver,
        updtTime: formatDateTime(now),
      },
    ]);
  }
}

/** Birth date that makes the person exactly `age` (40 days past the birthday) on `now` in China time. */
function birthDateFor(age: number, now: Date): string {
  const [y, m, d] = formatDate(now).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - age, m - 1, d - 40)).toISOString().slice(0, 10);
}

const NAME_CHARS = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥';

export function enrolPersons(store: SandboxStore, persons: readonly MatrixPerson[], now: Date): Map<string, EnrolledPerson> {
  const tag = now.getTime().toString(36).toUpperCase();
  const out = new Map<string, EnrolledPerson>();
  const records: PersonRecord[] = [];
  let sequence = Number.parseInt(tag.slice(-3), 36) % 1000;
  persons.forEach((p, index) => {
    const brdy = birthDateFor(p.age, now);
    const gend: '1' | '2' = index % 2 === 0 ? '1' : '2';
    let certno = makeIdNumber('420106', brdy, sequence, gend);
    for (let tries = 0; store.persons.getByCertno(certno) || records.some((r) => r.person.certno === certno); tries++) {
      if (tries > 1000) throw new YibaoError('E_ACCEPTANCE_MATRIX', '无法为验收人员生成不重复的身份证号');
      sequence = (sequence + 2) % 1000;
      certno = makeIdNumber('420106', brdy, sequence, gend);
    }
    sequence = (sequence + 2) % 1000;
    const name = `验收${NAME_CHARS[index % NAME_CHARS.length] ?? '甲'}${NAME_CHARS[Math.floor(index / NAME_CHARS.length)] ?? '甲'}`;
    const psnNo = `YS${tag}${String(index).padStart(3, '0')}`;
    const admdvs = '420100';
    records.push({
      person: {
        psnNo,
        psnName: name,
        gend,
        naty: '01',
        brdy,
        psnCertType: '01',
        certno,
        cardNo: null,
        cardSn: null,
        ecToken: null,
        insuAdmdvs: admdvs,
        category: 'acceptance-matrix',
        categoryLabel: `验收矩阵-${p.label}`,
      },
      insurance: [
        {
          psnNo,
          insutype: p.insutype,
          psnType: p.psnType,
          balc: parseYuan(p.balance) as Fen,
          psnInsuStas: '1',
          psnInsuDate: '2020-01-01',
          pausInsuDate: null,
          cvlservFlag: '0',
          insuplcAdmdvs: admdvs,
          empName: null,
          residentTier: p.residentTier ?? null,
          collegeStudent: p.collegeStudent === true,
          firstContactFixmedins: p.firstContact ? institutionOf(p.firstContact).code : null,
          retiredCadreKind: p.retiredCadreKind ?? null,
          assistance: p.assistance ?? null,
          insuRegion: 'local',
        },
      ],
      identities: (p.identities ?? []).map((i) => ({
        psnNo,
        psnIdetType: i.type,
        psnTypeLv: i.lv ?? null,
        memo: i.memo,
        begntime: '2024-01-01 00:00:00',
        endtime: null,
      })),
      chronicFilings: p.chronic
        ? [
            {
              psnNo,
              opspDiseCode: p.chronic.code,
              opspDiseName: p.chronic.name,
              chronicCategory: p.chronic.category,
              begndate: `${now.getUTCFullYear() - 1}-01-01`,
              enddate: null,
            },
          ]
        : [],
    });
    out.set(p.key, { certno, name, psnNo });
  });
  store.persons.insert(records);
  return out;
}
