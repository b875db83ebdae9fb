/**
 * bench/years, part 1: the data. Years of a busy pharmacy and a busy clinic written THROUGH the
 * counter's own stores — JournalStore.prepare/finish (entry, business keys, FULL commits),
 * MsgIdGenerator on the msgid sequence, ReconcileStore for each day's 对账, the real catalogue
 * sync from the embedded sandbox center for the 105,000-item catalogue — with an injected clock
 * that walks through the past. No raw INSERT into the journal.
 *
 * One transaction per simulated day (better-sqlite3 nests the stores' own transactions as
 * savepoints): a day is in the file whole or not at all, so an interrupted generation resumes at
 * the day after the newest one in the journal.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCounterApp } from '../src-main/app/counter-app';
import { syncCatalogue } from '../src-main/catalogue/sync';
import { LocalCatalogue } from '../src-main/catalogue/local-catalogue';
import { centerPort } from '../src-main/catalogue/center-port';
import { formatDateTime } from '../src-main/core/time';
import { shiftDay } from '../src-main/journal/day-window';
import { JournalStore } from '../src-main/journal/journal-store';
import { buildEnvelope, type EnvelopeContext } from '../src-main/protocol/envelope';
import { MsgIdGenerator, SqliteMsgIdSequence } from '../src-main/protocol/msgid';
import { groupLedger } from '../src-main/reconcile/grouping';
import { readLedger } from '../src-main/reconcile/local-ledger';
import { ReconcileStore } from '../src-main/reconcile/reconcile-store';
import { startSandboxCenter } from '../src-main/sandbox/server';
import { Prng } from '../src-main/sandbox/seed/prng';
import { CLIENT_MIGRATIONS } from '../src-main/storage/client/migrations';
import { openDatabase, type Db } from '../src-main/storage/sqlite';

export type Kind = 'pharmacy' | 'clinic';

export interface Site {
  readonly kind: Kind;
  readonly fixmedinsCode: string;
  readonly fixmedinsName: string;
  /** Sales (pharmacy) or visits (clinic) per day at scale 1. */
  readonly perDay: number;
}

export const SITES: readonly Site[] = [
  { kind: 'pharmacy', fixmedinsCode: 'P42010000001', fixmedinsName: '压测大药房', perDay: 300 },
  { kind: 'clinic', fixmedinsCode: 'H42010000002', fixmedinsName: '压测诊所', perDay: 110 },
];

/** The center URL the generated entries name and the measuring app is configured with (never called). */
export const BENCH_CENTER = 'http://127.0.0.1:9/fsi/api';

export const dataDirOf = (cache: string, site: Site): string => join(cache, site.kind);
export const dbFileOf = (cache: string, site: Site): string => join(dataDirOf(cache, site), 'yibao.sqlite');

export function writeConfig(cache: string, site: Site): string {
  const dir = dataDirOf(cache, site);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'config.json');
  writeFileSync(
    path,
    JSON.stringify({
      institution: {
        fixmedinsCode: site.fixmedinsCode,
        fixmedinsName: site.fixmedinsName,
        mdtrtareaAdmvs: '420100',
        kind: site.kind,
      },
      center: { url: BENCH_CENTER },
    }),
  );
  return path;
}

/** China-time wall clock of a generated call. */
const at = (day: string, secondOfDay: number): Date => new Date(new Date(`${day}T00:00:00+08:00`).getTime() + secondOfDay * 1000);

const yuan = (fen: number): number => Math.round(fen) / 100;

const SURNAMES = Array.from('王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕');
const GIVEN = Array.from('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕');
const DRUGS = [
  ['XA02BCA211A001010100260', '奥美拉唑肠溶胶囊', '20mg*14粒', '粒'],
  ['XC09AAB152A001010101817', '卡托普利片', '25mg*100片', '片'],
  ['XJ01CAA040E001010300953', '阿莫西林胶囊', '0.25g*24粒', '粒'],
  ['XN02BEA011A001020101445', '对乙酰氨基酚片', '0.5g*12片', '片'],
  ['XA10BAA108A001010101234', '盐酸二甲双胍片', '0.5g*48片', '片'],
  ['XC10AAA113A001010100852', '阿托伐他汀钙片', '20mg*7片', '片'],
  ['ZA04BAA0287010102431', '连花清瘟胶囊', '0.35g*24粒', '粒'],
  ['XR05CBA045B002010100301', '盐酸氨溴索口服溶液', '100ml:0.6g', '瓶'],
] as const;

/** 20,000 regular customers / patients of one site. */
function people(site: Site): { psnNo: string; name: string; certno: string; gend: string; age: number }[] {
  const p = Prng.derive(2026, site.fixmedinsCode, 'people');
  return Array.from({ length: 20_000 }, (_, i) => {
    const age = p.int(3, 92);
    const birthYear = 2026 - age;
    return {
      psnNo: `4201000${String(100_000_000 + i * 37).padStart(13, '0')}`,
      name: p.pick(SURNAMES) + p.pick(GIVEN) + (p.percent(60) ? p.pick(GIVEN) : ''),
      certno: `420102${birthYear}${String(p.int(1, 12)).padStart(2, '0')}${String(p.int(1, 28)).padStart(2, '0')}${String(p.int(1000, 9999))}`,
      gend: p.percent(50) ? '1' : '2',
      age,
    };
  });
}

type Person = ReturnType<typeof people>[number];

function personAnswer(who: Person, balcFen: number) {
  return {
    baseinfo: {
      psn_no: who.psnNo,
      psn_cert_type: '01',
      certno: who.certno,
      psn_name: who.name,
      gend: who.gend,
      naty: '01',
      brdy: `${who.certno.slice(6, 10)}-${who.certno.slice(10, 12)}-${who.certno.slice(12, 14)}`,
      age: who.age,
    },
    insuinfo: [
      {
        balc: yuan(balcFen),
        insutype: '310',
        psn_type: '11',
        psn_insu_stas: '1',
        psn_insu_date: '2012-07-01',
        paus_insu_date: null,
        cvlserv_flag: '0',
        insuplc_admdvs: '420100',
        emp_name: '武汉市某某有限公司',
      },
    ],
    idetinfo: [],
  };
}

interface Line {
  code: string;
  name: string;
  spec: string;
  unit: string;
  cnt: number;
  pricFen: number;
}

function basket(p: Prng): Line[] {
  return Array.from({ length: p.int(1, 6) }, () => {
    const [code, name, spec, unit] = p.pick(DRUGS);
    return { code, name, spec, unit, cnt: p.int(1, 3), pricFen: p.int(350, 8900) };
  });
}

const sumFen = (lines: readonly Line[]): number => lines.reduce((s, l) => s + l.cnt * l.pricFen, 0);

function setlinfo(who: Person, ids: { setlId: string; mdtrtId: string }, time: string, medfeeFen: number, balcFen: number) {
  const acctFen = Math.min(balcFen, medfeeFen);
  return {
    setl_id: ids.setlId,
    mdtrt_id: ids.mdtrtId,
    psn_no: who.psnNo,
    psn_name: who.name,
    psn_cert_type: '01',
    certno: who.certno,
    gend: who.gend,
    naty: '01',
    brdy: `${who.certno.slice(6, 10)}-${who.certno.slice(10, 12)}-${who.certno.slice(12, 14)}`,
    age: who.age,
    insutype: '310',
    psn_type: '11',
    cvlserv_flag: '0',
    setl_time: time,
    mdtrt_cert_type: '02',
    med_type: '41',
    medfee_sumamt: yuan(medfeeFen),
    fulamt_ownpay_amt: 0,
    overlmt_selfpay: 0,
    preselfpay_amt: 0,
    inscp_scp_amt: yuan(medfeeFen),
    act_pay_dedc: 0,
    hifp_pay: 0,
    pool_prop_selfpay: 0,
    cvlserv_pay: 0,
    hifes_pay: 0,
    hifmi_pay: 0,
    hifob_pay: 0,
    maf_pay: 0,
    oth_pay: 0,
    fund_pay_sumamt: 0,
    psn_part_amt: yuan(medfeeFen),
    acct_pay: yuan(acctFen),
    psn_cash_pay: yuan(medfeeFen - acctFen),
    hosp_part_amt: 0,
    balc: yuan(balcFen - acctFen),
    acct_mulaid_pay: 0,
    medins_setl_id: ids.mdtrtId,
    clr_optins: '420100',
    clr_way: '1',
    clr_type: '41',
  };
}

function drugdetail(lines: readonly Line[], sn: string) {
  return lines.map((l, i) => ({
    feedetl_sn: `${sn}${String(i + 1).padStart(2, '0')}`,
    med_list_codg: l.code,
    medins_list_codg: `LOCAL${l.code.slice(-8)}`,
    fixmedins_hilist_name: l.name,
    drug_spec: l.spec,
    prodnum: String(l.cnt),
    pric: yuan(l.pricFen),
    det_item_fee_sumamt: yuan(l.cnt * l.pricFen),
    hosp_appr_flag: '1',
    rxno: '',
    rx_circ_flag: '0',
    bchno: `B${sn.slice(-6)}`,
    drug_trac_codg: '',
    sel_retn_flag: '0',
  }));
}

/** One site's generator: days are written one transaction each. */
export class SiteGenerator {
  private readonly db: Db;
  private readonly journal: JournalStore;
  private readonly msgids: MsgIdGenerator;
  private readonly reconcile: ReconcileStore;
  private readonly persons: Person[];
  private now = new Date();
  private second = 0;
  private serial = 0;

  constructor(
    readonly site: Site,
    readonly file: string,
  ) {
    this.db = openDatabase(file, { migrations: CLIENT_MIGRATIONS });
    this.journal = new JournalStore(this.db, file, BENCH_CENTER, null, { clock: () => this.now });
    this.msgids = new MsgIdGenerator(site.fixmedinsCode, new SqliteMsgIdSequence(this.db), 0, () => this.now);
    this.reconcile = new ReconcileStore(this.db, site.fixmedinsCode, BENCH_CENTER);
    this.persons = people(site);
  }

  close(): void {
    this.journal.close();
    this.db.close();
  }

  /** The newest day in the journal (resuming after it), or null. */
  lastDay(): string | null {
    const row = this.db.prepare('SELECT max(prepared_at) AS t FROM journal').get() as { t: string | null };
    return row.t?.slice(0, 10) ?? null;
  }

  entries(): number {
    return (this.db.prepare('SELECT max(id) AS n FROM journal').get() as { n: number | null }).n ?? 0;
  }

  private context(opter: string, opterName: string): EnvelopeContext {
    return {
      fixmedinsCode: this.site.fixmedinsCode,
      fixmedinsName: this.site.fixmedinsName,
      mdtrtareaAdmvs: '420100',
      recerSysCode: 'YBXT',
      infver: 'V1.0',
      opterType: '1',
      opter,
      opterName,
      devNo: '',
      signtype: '',
    };
  }

  /** One journaled call at the day's next second: prepared, then answered (ok / rejected) a second later. */
  private call(
    day: string,
    op: { opter: string; opterName: string; signNo: string },
    infno: string,
    input: Record<string, unknown>,
    answer: { output: unknown } | { reject: string },
    psn?: Person,
  ): string {
    this.second += 1;
    this.now = at(day, this.second);
    const envelope = buildEnvelope(this.context(op.opter, op.opterName), {
      infno,
      msgid: this.msgids.next(),
      input,
      signNo: op.signNo,
      insuplcAdmdvs: psn ? '420100' : '',
      now: this.now,
    });
    this.journal.prepare(envelope);
    this.second += 1;
    this.now = at(day, this.second);
    const respond = {
      inf_refmsgid: `4201${formatDateTime(this.now).replace(/\D/g, '')}${String(this.serial++ % 1e6).padStart(6, '0')}`,
    };
    if ('reject' in answer) {
      this.journal.finish(envelope.msgid, 'rejected', {
        response: { infcode: -1, err_msg: answer.reject, respond_time: formatDateTime(this.now), ...respond, output: null },
        code: '-1',
        message: answer.reject,
      });
    } else {
      this.journal.finish(envelope.msgid, 'ok', {
        response: { infcode: 0, err_msg: '', respond_time: formatDateTime(this.now), ...respond, output: answer.output },
      });
    }
    return envelope.msgid;
  }

  /** One whole day in one transaction: sign-ins, the sales or visits, catalogue pages, uploads, 对账. */
  day(day: string, scale: number): void {
    const p = Prng.derive(7, this.site.fixmedinsCode, day);
    this.db.transaction(() => {
      this.second = 8 * 3600;
      const ops = [
        { opter: 'OP001', opterName: '张收费', signNo: '' },
        { opter: 'OP002', opterName: '李收费', signNo: '' },
      ].map((o, i) => {
        const signNo = `SN${day.replace(/-/g, '')}${i}${String(p.int(1000, 9999))}`;
        this.call(
          day,
          o,
          '9001',
          { signIn: { opter_no: o.opter, mac: '00-16-3E-12-34-56', ip: '192.168.1.20' } },
          {
            output: { signinoutb: { sign_time: formatDateTime(this.now), sign_no: signNo } },
          },
        );
        return { ...o, signNo };
      });
      const count = Math.max(1, Math.round(this.site.perDay * scale));
      const span = 13 * 3600 - 20;
      for (let i = 0; i < count; i++) {
        this.second = Math.max(this.second, 8 * 3600 + 10 + Math.floor((i * span) / count));
        const op = ops[i % 2] as (typeof ops)[number];
        if (this.site.kind === 'pharmacy') this.sale(day, op, p);
        else this.visit(day, op, p);
        if (i % 100 === 50) this.cataloguePage(day, op, p);
      }
      this.upload(day, ops[0] as (typeof ops)[number], p, count);
      this.reconcileDay(day, ops[0] as (typeof ops)[number]);
      for (const op of ops) this.call(day, op, '9002', { signOut: { sign_no: op.signNo, opter_no: op.opter } }, { output: {} });
    })();
  }

  private readonly ids = () => {
    this.serial += 1;
    const t = formatDateTime(this.now).replace(/\D/g, '');
    return { setlId: `S${t}${String(this.serial).padStart(8, '0')}`, mdtrtId: `M${t}${String(this.serial).padStart(8, '0')}` };
  };

  /** A customer and the 1101 that reads their card. */
  private readCard(day: string, op: { opter: string; opterName: string; signNo: string }, p: Prng) {
    const who = p.pick(this.persons);
    const balcFen = p.int(0, 300_000);
    const cert = {
      mdtrt_cert_type: '02',
      mdtrt_cert_no: who.certno,
      psn_cert_type: '01',
      certno: who.certno,
      psn_name: who.name,
    };
    this.call(day, op, '1101', { data: cert }, { output: personAnswer(who, balcFen) }, who);
    return { who, balcFen, cert };
  }

  /** A pharmacy sale: 1101, 2101, 2102 (+ 3505 sold-goods upload), sometimes a re-read card, a rejected pre-settlement, a refund. */
  private sale(day: string, op: { opter: string; opterName: string; signNo: string }, p: Prng): void {
    const { who, balcFen, cert } = this.readCard(day, op, p);
    if (p.percent(15)) this.call(day, op, '1101', { data: cert }, { output: personAnswer(who, balcFen) }, who);
    const lines = basket(p);
    const medfee = sumFen(lines);
    const sn = `${day.replace(/-/g, '')}${String(this.serial).padStart(8, '0')}`;
    const druginfo = {
      psn_no: who.psnNo,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: who.certno,
      begntime: formatDateTime(this.now),
      medfee_sumamt: yuan(medfee),
      insutype: '310',
      acct_used_flag: '1',
      psn_setlway: '01',
      fulamt_ownpay_amt: 0,
      overlmt_selfpay: 0,
      preselfpay_amt: 0,
      inscp_scp_amt: yuan(medfee),
    };
    const input = { druginfo, drugdetail: drugdetail(lines, sn) };
    if (p.percent(8)) this.call(day, op, '2101', input, { reject: '药品[奥美拉唑肠溶胶囊]超出限价, 请核对后重新提交' }, who);
    const ids = this.ids();
    this.call(
      day,
      op,
      '2101',
      input,
      { output: { setlinfo: setlinfo(who, { setlId: '', mdtrtId: ids.mdtrtId }, formatDateTime(this.now), medfee, balcFen) } },
      who,
    );
    const s = setlinfo(who, ids, formatDateTime(at(day, this.second + 1)), medfee, balcFen);
    this.call(day, op, '2102', input, { output: { setlinfo: s, setldetail: [] } }, who);
    this.call(
      day,
      op,
      '3505',
      {
        selinfo: lines.map((l, i) => ({
          med_list_codg: l.code,
          fixmedins_hilist_id: `LOCAL${l.code.slice(-8)}`,
          fixmedins_hilist_name: l.name,
          fixmedins_bchno: `B${sn.slice(-6)}${i}`,
          prsc_dr_certno: '',
          phar_certno: '420102198001011234',
          phar_name: '周药师',
          phar_prac_cert_no: 'YS4201000123',
          rx_flag: '0',
          sel_retn_time: formatDateTime(this.now),
          sel_retn_cnt: l.cnt,
          trdn_flag: '0',
          sel_retn_opter_name: op.opterName,
          mdtrt_sn: ids.mdtrtId,
          setl_id: ids.setlId,
          psn_no: who.psnNo,
        })),
      },
      { output: {} },
      who,
    );
    if (p.percent(1)) {
      const r = { ...this.ids(), mdtrtId: ids.mdtrtId };
      const refund = { ...setlinfo(who, r, formatDateTime(at(day, this.second + 1)), medfee, balcFen) };
      this.call(
        day,
        op,
        '2103',
        { data: { setl_id: ids.setlId, psn_no: who.psnNo, mdtrt_id: ids.mdtrtId } },
        { output: { setlinfo: refund } },
        who,
      );
    }
  }

  /** A clinic visit: 1101, 2201 register, 2203 diagnosis, 2204 fee lines, 2206 pre-settlement, 2207 settlement (some steps optional). */
  private visit(day: string, op: { opter: string; opterName: string; signNo: string }, p: Prng): void {
    const { who, balcFen } = this.readCard(day, op, p);
    const ids = this.ids();
    const ipt = `MZ${ids.mdtrtId.slice(1)}`;
    this.call(
      day,
      op,
      '2201',
      {
        data: {
          psn_no: who.psnNo,
          insutype: '310',
          begntime: formatDateTime(this.now),
          mdtrt_cert_type: '02',
          mdtrt_cert_no: who.certno,
          ipt_otp_no: ipt,
          atddr_no: 'D420100001',
          dr_name: '陈医生',
          dept_code: 'A03',
          dept_name: '内科',
          caty: 'A03',
        },
      },
      { output: { data: { mdtrt_id: ids.mdtrtId, psn_no: who.psnNo, ipt_otp_no: ipt } } },
      who,
    );
    if (p.percent(70)) {
      this.call(
        day,
        op,
        '2203',
        {
          mdtrtinfo: {
            mdtrt_id: ids.mdtrtId,
            psn_no: who.psnNo,
            med_type: '11',
            begntime: formatDateTime(this.now),
            main_cond_dscr: '咳嗽三天',
            dise_codg: 'J06.900',
            dise_name: '急性上呼吸道感染',
          },
          diseinfo: [
            {
              diag_type: '1',
              diag_srt_no: 1,
              diag_code: 'J06.900',
              diag_name: '急性上呼吸道感染',
              diag_dept: '内科',
              dise_dor_no: 'D420100001',
              dise_dor_name: '陈医生',
              diag_time: formatDateTime(this.now),
              vali_flag: '1',
            },
          ],
        },
        { output: {} },
        who,
      );
    }
    const lines = basket(p);
    const medfee = sumFen(lines);
    const chrg = `C${ids.mdtrtId.slice(1)}`;
    const feedetail = lines.map((l, i) => ({
      feedetl_sn: `${chrg}${String(i + 1).padStart(2, '0')}`,
      mdtrt_id: ids.mdtrtId,
      psn_no: who.psnNo,
      chrg_bchno: chrg,
      rxno: `RX${ids.mdtrtId.slice(-10)}`,
      fee_ocur_time: formatDateTime(this.now),
      med_list_codg: l.code,
      medins_list_codg: `LOCAL${l.code.slice(-8)}`,
      det_item_fee_sumamt: yuan(l.cnt * l.pricFen),
      cnt: l.cnt,
      pric: yuan(l.pricFen),
      bilg_dept_codg: 'A03',
      bilg_dept_name: '内科',
      bilg_dr_codg: 'D420100001',
      bilg_dr_name: '陈医生',
      hosp_appr_flag: '1',
    }));
    this.call(
      day,
      op,
      '2204',
      { feedetail },
      {
        output: {
          result: feedetail.map((f) => ({
            feedetl_sn: f.feedetl_sn,
            det_item_fee_sumamt: f.det_item_fee_sumamt,
            cnt: f.cnt,
            pric: f.pric,
            chrgitm_lv: '01',
            med_chrgitm_type: '09',
            fulamt_ownpay_amt: 0,
            overlmt_amt: 0,
            preselfpay_amt: 0,
            inscp_scp_amt: f.det_item_fee_sumamt,
          })),
        },
      },
      who,
    );
    const data = {
      psn_no: who.psnNo,
      mdtrt_cert_type: '02',
      mdtrt_cert_no: who.certno,
      med_type: '11',
      medfee_sumamt: yuan(medfee),
      psn_setlway: '01',
      mdtrt_id: ids.mdtrtId,
      chrg_bchno: chrg,
      insutype: '310',
      acct_used_flag: '1',
    };
    if (p.percent(60))
      this.call(
        day,
        op,
        '2206',
        { data },
        { output: { setlinfo: setlinfo(who, { setlId: '', mdtrtId: ids.mdtrtId }, formatDateTime(this.now), medfee, balcFen) } },
        who,
      );
    const s = setlinfo(who, ids, formatDateTime(at(day, this.second + 1)), medfee, balcFen);
    this.call(day, op, '2207', { data }, { output: { setlinfo: s, setldetail: [] } }, who);
  }

  /** A page of the paged catalogue query (1312, 100 rows), as the counter asks during the day. */
  private cataloguePage(day: string, op: { opter: string; opterName: string; signNo: string }, p: Prng): void {
    const page = p.int(1, 1050);
    const data = Array.from({ length: 100 }, (_, i) => {
      const [code, name, spec] = DRUGS[(page + i) % DRUGS.length] as (typeof DRUGS)[number];
      return {
        hilist_code: `${code}${i}`,
        hilist_name: name,
        insu_admdvs: '420100',
        begndate: '2025-01-10',
        enddate: null,
        med_chrgitm_type: '09',
        chrgitm_lv: '01',
        lmt_used_flag: '0',
        list_type: '101',
        med_use_flag: '1',
        matn_used_flag: '0',
        hilist_use_type: '1',
        lmt_cpnd_type: '',
        wubi: '',
        pinyin: '',
        memo: spec,
        vali_flag: '1',
        rid: String(page * 100 + i),
        updt_time: '2025-01-10 08:00:00',
        crter_id: '',
        crter_name: '',
        crte_time: '2025-01-10 08:00:00',
        crte_optins_no: '',
        opter_id: '',
        opter_name: '',
        opt_time: '2025-01-10 08:00:00',
        optins: '',
        poolarea_no: '420100',
      };
    });
    this.call(
      day,
      op,
      '1312',
      {
        data: {
          query_date: '',
          hilist_code: '',
          insu_admdvs: '420100',
          begndate: '',
          hilist_name: '',
          page_num: page,
          page_size: 100,
          updt_time: '2025-01-01 00:00:00',
        },
      },
      {
        output: {
          data,
          recordCounts: 105_000,
          pages: 1050,
          firstPage: page === 1,
          lastPage: page === 1050,
          pageNum: page,
          pageSize: 100,
          size: 100,
          startRow: (page - 1) * 100 + 1,
          endRow: page * 100,
        },
      },
    );
  }

  /** The day's inventory upload (3501), one line per 10 sales. */
  private upload(day: string, op: { opter: string; opterName: string; signNo: string }, p: Prng, sales: number): void {
    const invinfo = Array.from({ length: Math.max(1, Math.round(sales / 10)) }, (_, i) => {
      const [code, name] = p.pick(DRUGS);
      return {
        med_list_codg: code,
        fixmedins_hilist_id: `LOCAL${code.slice(-8)}`,
        fixmedins_hilist_name: name,
        rx_flag: '0',
        invdate: day,
        inv_cnt: p.int(10, 500),
        manu_lotnum: `L${i}`,
        fixmedins_bchno: `B${day.replace(/-/g, '')}${i}`,
        manu_date: '2025-06-01',
        expy_end: '2027-05-31',
        memo: '',
      };
    });
    this.call(day, op, '3501', { invinfo }, { output: {} });
  }

  /** The day's 对账: the real ledger of the journal, one 3201 per group, kept as a balanced run. */
  private reconcileDay(day: string, op: { opter: string; opterName: string; signNo: string }): void {
    const ledger = readLedger(this.journal, this.site.fixmedinsCode, day, day);
    const run = this.reconcile.startRun('daily', day, day, op.opter);
    for (const group of groupLedger(ledger)) {
      const input = {
        data: {
          insutype: group.insutype,
          clr_type: group.clrType,
          setl_optins: group.setlOptins,
          stmt_begndate: day,
          stmt_enddate: day,
          medfee_sumamt: yuan(group.totals.medfee),
          fund_pay_sumamt: yuan(group.totals.fund),
          acct_pay: yuan(group.totals.acct),
          fixmedins_setl_cnt: group.totals.count,
        },
      };
      const stmt = { stmt_rslt: '0', stmt_rslt_dscr: `对账平: ${group.totals.count} 笔` };
      const msgid = this.call(day, op, '3201', input, { output: { stmtinfo: { setl_optins: group.setlOptins, ...stmt } } });
      this.reconcile.addGroup(run, group, { msgid, stmtRslt: stmt.stmt_rslt, stmtRsltDscr: stmt.stmt_rslt_dscr });
    }
    this.reconcile.finishRun(run, 'balanced', null);
  }
}

/**
 * The catalogue (105,000 items over the sandbox's catalogues) through the real sync: the counter
 * app, opened on the embedded sandbox center, downloads every file as `yibao catalogue sync` does.
 * The calls are journaled the evening before the first simulated day (generation resumes after the newest day).
 */
export async function syncCatalogueOnce(cache: string, site: Site, firstDay: string, sandboxDir: string): Promise<number> {
  const probe = openDatabase(dbFileOf(cache, site), { migrations: CLIENT_MIGRATIONS });
  const have = (probe.prepare('SELECT count(*) AS n FROM catalogue_item').get() as { n: number }).n;
  probe.close();
  if (have > 0) return have;
  const sandbox = await startSandboxCenter({ dataDir: sandboxDir, seed: 20261123 });
  try {
    const app = await openCounterApp({
      configPath: writeConfig(cache, site),
      env: {},
      centerUrl: sandbox.url,
      clock: () => at(shiftDay(firstDay, -1), 20 * 3600),
    });
    try {
      const operator = { opter: 'OP001', opterName: '张收费' };
      const local = LocalCatalogue.open(app.db.name);
      try {
        await syncCatalogue(local, centerPort(app, operator), app.client.profile, {});
        return local.items.count();
      } finally {
        local.close();
      }
    } finally {
      await app.close();
    }
  } finally {
    await sandbox.close();
  }
}
