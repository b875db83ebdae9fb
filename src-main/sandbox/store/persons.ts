/**
 * Insured persons as the center knows them: demographics and credentials (ID number,
 * social-security card number + card identification code, e-certificate token), one
 * insurance row per insutype (1101 insuinfo), identities (1101 idetinfo) and 门慢门特
 * filings. Lookups cover the three credential types of 1101 (mdtrt_cert_type 01/02/03).
 */
import type { Fen } from '../amounts';
import type { AssistanceCategory, InsuRegion, ResidentTier, RetiredCadreKind } from '../policy/types';
import { insertSql, selectList, toParams } from './columns';
import type { Db } from './db';

export interface PersonRow {
  psnNo: string;
  psnName: string;
  /** gend dictionary: 1 男, 2 女. */
  gend: string;
  /** naty dictionary, two digits ('01' 汉族). */
  naty: string;
  /** yyyy-MM-dd */
  brdy: string;
  /** psn_cert_type: '01' 居民身份证. */
  psnCertType: string;
  certno: string;
  /** Social-security card number (mdtrt_cert_type 03). */
  cardNo: string | null;
  /** Card identification code, 32 upper-case hex (required with card_no). */
  cardSn: string | null;
  /** E-certificate token (mdtrt_cert_type 01). */
  ecToken: string | null;
  /** Insured area (参保地) admdvs. */
  insuAdmdvs: string;
  /** Seed category key, e.g. `emp-active-under50`. */
  category: string;
  /** Seed category in Chinese, for `yibao sandbox persons`. */
  categoryLabel: string;
}

export interface InsuranceRow {
  psnNo: string;
  insutype: string;
  psnType: string;
  /** Personal-account balance in fen. */
  balc: Fen;
  /** psn_insu_stas: 1 正常参保, 2 暂停参保, 4 终止参保. */
  psnInsuStas: string;
  psnInsuDate: string | null;
  pausInsuDate: string | null;
  cvlservFlag: '0' | '1';
  insuplcAdmdvs: string;
  empName: string | null;
  residentTier: ResidentTier | null;
  collegeStudent: boolean;
  /** 大学生: the 首诊医疗机构 (fixmedins_code) of the 人员定点 record; null for everyone else. */
  firstContactFixmedins: string | null;
  retiredCadreKind: RetiredCadreKind | null;
  assistance: AssistanceCategory | null;
  insuRegion: InsuRegion;
}

export interface IdentityRow {
  psnNo: string;
  psnIdetType: string;
  psnTypeLv: string | null;
  memo: string | null;
  begntime: string;
  endtime: string | null;
}

export interface ChronicFilingRow {
  psnNo: string;
  opspDiseCode: string;
  opspDiseName: string;
  /** 1 and 4: no deductible; 2 and 3: one deductible a year (seed 004). */
  chronicCategory: 1 | 2 | 3 | 4;
  begndate: string;
  enddate: string | null;
}

/** Everything the center keeps about one person. */
export interface PersonRecord {
  person: PersonRow;
  insurance: InsuranceRow[];
  identities: IdentityRow[];
  chronicFilings: ChronicFilingRow[];
}

export type CredentialType = '01' | '02' | '03';

const PERSON_COLUMNS = [
  'psn_no',
  'psn_name',
  'gend',
  'naty',
  'brdy',
  'psn_cert_type',
  'certno',
  'card_no',
  'card_sn',
  'ec_token',
  'insu_admdvs',
  'category',
  'category_label',
] as const;
const INSURANCE_COLUMNS = [
  'psn_no',
  'insutype',
  'psn_type',
  'balc',
  'psn_insu_stas',
  'psn_insu_date',
  'paus_insu_date',
  'cvlserv_flag',
  'insuplc_admdvs',
  'emp_name',
  'resident_tier',
  'college_student',
  'first_contact_fixmedins',
  'retired_cadre_kind',
  'assistance',
  'insu_region',
] as const;
const IDENTITY_COLUMNS = ['psn_no', 'psn_idet_type', 'psn_type_lv', 'memo', 'begntime', 'endtime'] as const;
const CHRONIC_COLUMNS = ['psn_no', 'opsp_dise_code', 'opsp_dise_name', 'chronic_category', 'begndate', 'enddate'] as const;

type InsuranceDbRow = Omit<InsuranceRow, 'collegeStudent'> & { collegeStudent: number };

export class PersonRepo {
  private readonly byKey;
  private readonly insuranceOf;
  private readonly identitiesOf;
  private readonly filingsOf;
  private readonly insertPerson;
  private readonly insertInsurance;
  private readonly insertIdentity;
  private readonly insertFiling;
  private readonly listAll;
  private readonly countAll;

  constructor(private readonly db: Db) {
    const select = `SELECT ${selectList(PERSON_COLUMNS)} FROM person`;
    this.byKey = {
      psnNo: db.prepare<[string], PersonRow>(`${select} WHERE psn_no = ?`),
      certno: db.prepare<[string], PersonRow>(`${select} WHERE certno = ?`),
      cardNo: db.prepare<[string], PersonRow>(`${select} WHERE card_no = ?`),
      ecToken: db.prepare<[string], PersonRow>(`${select} WHERE ec_token = ?`),
    };
    this.listAll = db.prepare<[], PersonRow>(`${select} ORDER BY category, psn_no`);
    this.countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM person');
    this.insuranceOf = db.prepare<[string], InsuranceDbRow>(
      `SELECT ${selectList(INSURANCE_COLUMNS)} FROM insurance WHERE psn_no = ? ORDER BY insutype`,
    );
    this.identitiesOf = db.prepare<[string], IdentityRow>(
      `SELECT ${selectList(IDENTITY_COLUMNS)} FROM identity WHERE psn_no = ? ORDER BY id`,
    );
    this.filingsOf = db.prepare<[string], ChronicFilingRow>(
      `SELECT ${selectList(CHRONIC_COLUMNS)} FROM chronic_filing WHERE psn_no = ? ORDER BY id`,
    );
    this.insertPerson = db.prepare(insertSql('person', PERSON_COLUMNS));
    this.insertInsurance = db.prepare(insertSql('insurance', INSURANCE_COLUMNS));
    this.insertIdentity = db.prepare(insertSql('identity', IDENTITY_COLUMNS));
    this.insertFiling = db.prepare(insertSql('chronic_filing', CHRONIC_COLUMNS));
  }

  getByPsnNo(psnNo: string): PersonRow | undefined {
    return this.byKey.psnNo.get(psnNo);
  }
  getByCertno(certno: string): PersonRow | undefined {
    return this.byKey.certno.get(certno);
  }
  getByCardNo(cardNo: string): PersonRow | undefined {
    return this.byKey.cardNo.get(cardNo);
  }
  getByEcToken(ecToken: string): PersonRow | undefined {
    return this.byKey.ecToken.get(ecToken);
  }

  /** 1101's lookup: 01 → e-certificate token, 02 → ID number, 03 → card number. */
  getByCredential(type: string, number: string): PersonRow | undefined {
    if (type === '01') return this.getByEcToken(number);
    if (type === '02') return this.getByCertno(number);
    if (type === '03') return this.getByCardNo(number);
    return undefined; // not a 就诊凭证类型 of the dictionary (protocol.md §3)
  }

  insurance(psnNo: string): InsuranceRow[] {
    return this.insuranceOf.all(psnNo).map((r) => ({ ...r, collegeStudent: r.collegeStudent === 1 }));
  }

  insuranceFor(psnNo: string, insutype: string): InsuranceRow | undefined {
    return this.insurance(psnNo).find((r) => r.insutype === insutype);
  }

  identities(psnNo: string): IdentityRow[] {
    return this.identitiesOf.all(psnNo);
  }

  chronicFilings(psnNo: string): ChronicFilingRow[] {
    return this.filingsOf.all(psnNo);
  }

  /** Person with all their rows, or undefined. */
  record(psnNo: string): PersonRecord | undefined {
    const person = this.getByPsnNo(psnNo);
    if (!person) return undefined;
    return {
      person,
      insurance: this.insurance(psnNo),
      identities: this.identities(psnNo),
      chronicFilings: this.chronicFilings(psnNo),
    };
  }

  /** Every person, ordered by category then psn_no. */
  list(): PersonRow[] {
    return this.listAll.all();
  }

  count(): number {
    return this.countAll.get()?.n ?? 0;
  }

  /** Inserts persons with their rows (the seed, admin tools); wrap in a transaction for bulk. */
  insert(records: readonly PersonRecord[]): void {
    this.db.transaction(() => {
      for (const r of records) {
        this.insertPerson.run(toParams(PERSON_COLUMNS, r.person));
        for (const i of r.insurance) this.insertInsurance.run(toParams(INSURANCE_COLUMNS, i));
        for (const i of r.identities) this.insertIdentity.run(toParams(IDENTITY_COLUMNS, i));
        for (const f of r.chronicFilings) this.insertFiling.run(toParams(CHRONIC_COLUMNS, f));
      }
    })();
  }
}
