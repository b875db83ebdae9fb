/**
 * 四川's own codes (seed 003 l.204–212, l.259–260) through the counter against the real sandbox center:
 * S3601 结算单数据 of a sale, S3301 / S3302 财政电子票据, S3701 / S5201 / S3702 for a 门慢门特 visit,
 * Z1101 / Z1102 城乡两病备案, S3901 / S5901 无密码结算 — each a round trip and the refusals a center
 * makes (unknown settlement, duplicate, revoke of an unknown filing …); a national counter is told
 * its region has no such transaction; the CLI does the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../src-main/core/time';
import { formatYuan, type Fen } from '../../src-main/core/money';
import { EinvoiceDesk } from '../../src-main/einvoice/einvoice-desk';
import { fetchSettlementSheet } from '../../src-main/region/settlement-sheet';
import { ChronicVisitDesk } from '../../src-main/region/chronic-visit-desk';
import { PersonFilings } from '../../src-main/region/person-filings';
import type { PersonRow, SandboxStore } from '../../src-main/sandbox/store';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';
import { lines, openCounter, readPerson, sell, type Counter } from '../helpers/reconcile-counter';
import { ControlDouble } from '../helpers/control-double';
import { runCli } from '../helpers/cli';

let h: Harness;
let shop: Counter;
let clinic: Counter;
let control: ControlDouble;

beforeAll(async () => {
  h = await startHarness();
  // A 四川 counter settles persons read through its 安全控件: the DLL double is reader and control.
  control = new ControlDouble(h.dir);
  shop = await openCounter(h, 'sichuan-shop', { profile: 'sichuan' }, control);
  clinic = await openCounter(h, 'sichuan-clinic', { profile: 'sichuan', institution: CLINIC }, control);
}, 120_000);
afterAll(async () => {
  control?.close();
  await h?.close();
});

const store = (): SandboxStore => h.sandbox.center.store;
/** Messages of one code the center answered, and how. */
const answered = (infno: string) => store().messages.query({ infno, limit: 1000 });

/** Reads a person at a counter (1101), as the cashier does first: the center's area of the person is known from then on. */
async function read(c: Counter, p: PersonRow): Promise<PersonRow> {
  await readPerson(c, p);
  return p;
}

/** A 城乡居民 (390) in good standing, or an employee without 390. */
function person(resident: boolean, skip = 0): PersonRow {
  const found = store()
    .persons.list()
    .filter((p) => {
      const ins = store().persons.insurance(p.psnNo);
      return ins[0]?.psnInsuStas === '1' && ins.some((i) => i.insutype === '390') === resident;
    })[skip];
  if (!found) throw new Error(`no ${resident ? 'resident' : 'employee'} in the seed`);
  return found;
}

describe('S3601 结算单数据获取', () => {
  it('returns the settlement the counter made, its fund shares and fee lines; refuses an unknown setl_id', async () => {
    const basket = typicalBasket(store());
    const sale = await sell(shop, personsOf(store(), 'emp-active', 50_000)[0] as PersonRow, basket);
    const sheet = await fetchSettlementSheet(shop.app, shop.services.history, sale.settlement.setlId as string);
    expect(sheet).toMatchObject({
      infno: 'S3601',
      setlId: sale.settlement.setlId,
      mdtrtId: sale.settlement.mdtrtId,
      medfeeFen: sale.settlement.medfeeFen,
      fundPayFen: sale.settlement.fundPaySumFen,
      acctPayFen: sale.settlement.acctPayFen,
      cashFen: sale.settlement.psnCashPayFen,
    });
    expect(sheet.lines.map((l) => l.code)).toEqual(basket.map((l) => l.item.code));
    expect(sheet.funds.map((f) => f.amountFen)).toEqual(sale.settlement.funds.map((f) => f.amountFen));
    expect(sheet.psnNameMasked).toMatch(/\*/);
    expect(answered('S3601').at(-1)?.infcode).toBe(0);

    await expect(
      shop.app.callAs(
        shop.app.sessions.require(),
        'S3601',
        {
          data: { setl_id: 'NOSUCHSETL', mdtrt_id: sale.settlement.mdtrtId, psn_no: 'P0' },
        },
        { insuplcAdmdvs: '510100' },
      ),
    ).rejects.toThrow(/结算ID NOSUCHSETL 不存在/);
  }, 60_000);
});

describe('S3301 / S3302 财政电子票据', () => {
  it('uploads the voucher of a settlement once, answers it back, refuses a wrong amount and an unknown settlement', async () => {
    const sale = await sell(shop, personsOf(store(), 'emp-active', 50_000)[1] as PersonRow, typicalBasket(store()));
    const setlId = sale.settlement.setlId as string;
    const desk = new EinvoiceDesk(shop.app, shop.services.history);
    const voucher = { code: '51010126', number: '0000000101', checkCode: 'sc01ab' };

    await expect(desk.fiscalQuery(setlId)).rejects.toThrow(/尚未上传财政电子票据/);
    await expect(desk.fiscalUpload(setlId, { ...voucher, amountText: '0.01' })).rejects.toThrow(/与结算医疗费总额 .* 不符/);
    const up = await desk.fiscalUpload(setlId, voucher);
    expect(up.amountFen).toBe(sale.settlement.medfeeFen);
    expect(answered('S3301').filter((m) => m.infcode === 0)).toHaveLength(1);
    const back = await desk.fiscalQuery(setlId);
    expect(back).toMatchObject({ setl_id: setlId, einv_code: '51010126', einv_no: '0000000101', upld_no: up.upldNo });
    expect(back.amountText).toBe(formatYuan(sale.settlement.medfeeFen as Fen));
    await expect(desk.fiscalUpload(setlId, voucher)).rejects.toThrow(/已上传财政电子票据 .* 不能重复上传/);

    await expect(shop.app.callAs(shop.app.sessions.require(), 'S3302', { data: { setl_id: 'NOSUCHSETL' } })).rejects.toThrow(
      /结算ID NOSUCHSETL 不存在/,
    );
  }, 60_000);
});

describe('S3701 / S5201 / S3702 门慢门特 visit', () => {
  it('uploads the visit prescription from its fee lines, lists it, uploads 血透 indicators; refuses what a center would', async () => {
    const chronic = store()
      .persons.list()
      .find(
        (p) => store().persons.chronicFilings(p.psnNo).length > 0 && store().persons.insurance(p.psnNo)[0]?.psnInsuStas === '1',
      );
    if (!chronic) throw new Error('no person with a 门慢门特 filing in the seed');
    const filing = store().persons.chronicFilings(chronic.psnNo)[0]!;
    const ctx = await readPerson(clinic, chronic);
    const visit = await clinic.services.clinic.register({ personKey: ctx.key, ...OUTPATIENT_VISIT });
    const desk = new ChronicVisitDesk(clinic.app);
    const rx = { mdtrtId: visit.mdtrtId, diseCode: filing.opspDiseCode, diseName: filing.opspDiseName };

    // An ordinary visit is not 门慢门特: the counter says so before asking the center.
    await clinic.services.clinic.visitInfo({
      mdtrtId: visit.mdtrtId,
      medType: '11',
      diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }],
    });
    await expect(desk.uploadRx(rx)).rejects.toMatchObject({ code: 'E_NOT_CHRONIC_VISIT' });

    await clinic.services.clinic.visitInfo({
      mdtrtId: visit.mdtrtId,
      medType: '14',
      diagnoses: [{ code: 'I10.x00', name: '高血压' }],
    });
    await expect(desk.uploadRx(rx)).rejects.toMatchObject({ code: 'E_RX_EMPTY' });
    const basket = typicalBasket(store());
    const bill = await clinic.services.clinic.uploadBill({ mdtrtId: visit.mdtrtId, lines: lines(basket) });

    await expect(desk.uploadRx({ ...rx, diseCode: 'NOFILED' })).rejects.toThrow(/没有病种 NOFILED 的有效门慢门特备案/);
    const up = await desk.uploadRx(rx);
    expect(up).toMatchObject({ infno: 'S3701', rxno: bill.chrgBchno, drugCount: basket.length });
    await expect(desk.uploadRx(rx)).rejects.toThrow(/处方号 .* 已上传/);

    const listed = await desk.listRx(visit.mdtrtId, true);
    expect(listed.map((r) => r.rxno)).toEqual([bill.chrgBchno]);
    expect(listed[0]?.rxdetail.map((l) => l.med_list_codg)).toEqual(basket.map((l) => l.item.code));
    expect(listed[0]?.opsp_dise_code).toBe(filing.opspDiseCode);

    const indicators = [
      { code: 'HB', name: '血红蛋白', value: '110', unit: 'g/L' },
      { code: 'KTV', name: 'Kt/V', value: '1.3' },
    ];
    const dialysis = await desk.uploadDialysis({ ...rx, examDate: formatDate(new Date()), indicators });
    expect(dialysis).toMatchObject({ infno: 'S3702', count: 2 });
    await expect(desk.uploadDialysis({ ...rx, examDate: '2999-01-01', indicators })).rejects.toThrow(/晚于今天/);
    await expect(
      clinic.app.callAs(clinic.app.sessions.require(), 'S3702', {
        data: { mdtrt_id: 'NOSUCHVISIT', psn_no: chronic.psnNo, opsp_dise_code: filing.opspDiseCode, exam_date: '2026-01-01' },
        indxinfo: [{ indx_code: 'HB', indx_name: '血红蛋白', indx_val: '110' }],
      }),
    ).rejects.toThrow(/就诊ID NOSUCHVISIT 不存在/);
  }, 90_000);
});

describe('Z1101 / Z1102 城乡两病备案', () => {
  it('files for a 城乡居民 once, revokes it once; refuses an employee, a duplicate and an unknown serial', async () => {
    const filings = new PersonFilings(clinic.app);
    const resident = await read(clinic, person(true));
    const employee = await read(clinic, person(false));
    const other = await read(clinic, person(true, 1));
    const hypertension = { psnNo: resident.psnNo, diseCode: 'M03900', diseName: '高血压' };

    await expect(filings.fileTwoDisease({ ...hypertension, psnNo: employee.psnNo })).rejects.toThrow(/未参加城乡居民医保/);
    const filed = await filings.fileTwoDisease(hypertension);
    expect(filed.infno).toBe('Z1101');
    await expect(filings.fileTwoDisease(hypertension)).rejects.toThrow(/已有病种 M03900 的两病备案 .* 不能重复备案/);
    // Another 病种 of the same person is its own filing.
    const diabetes = await filings.fileTwoDisease({ ...hypertension, diseCode: 'M01600', diseName: '糖尿病' });
    expect(diabetes.serial).not.toBe(filed.serial);

    await expect(filings.revokeTwoDisease(resident.psnNo, 'NOSUCHSERIAL')).rejects.toThrow(/两病备案 NOSUCHSERIAL 不存在/);
    await expect(filings.revokeTwoDisease(other.psnNo, filed.serial)).rejects.toThrow(/与人员编号不符/);
    expect(await filings.revokeTwoDisease(resident.psnNo, filed.serial)).toMatchObject({ infno: 'Z1102', serial: filed.serial });
    await expect(filings.revokeTwoDisease(resident.psnNo, filed.serial)).rejects.toThrow(/已于报文 .* 撤销/);
    // Revoked, the 病种 can be filed again.
    expect((await filings.fileTwoDisease(hypertension)).serial).not.toBe(filed.serial);
  }, 60_000);
});

describe('S3901 / S5901 无密码结算申请', () => {
  it('applies for a period, lists the application as valid, refuses an overlapping one and an unknown person', async () => {
    const filings = new PersonFilings(shop.app);
    const who = await read(shop, person(false, 2));
    const today = formatDate(new Date());
    const year = Number(today.slice(0, 4)) + 1;
    const applied = await filings.applyNoPassword({
      psnNo: who.psnNo,
      reason: '高龄, 无法输入密码',
      begndate: today,
      enddate: `${year}-12-31`,
      agentName: '家属',
    });
    expect(applied.infno).toBe('S3901');
    await expect(
      filings.applyNoPassword({ psnNo: who.psnNo, reason: '重复', begndate: `${year}-06-01`, enddate: `${year}-06-30` }),
    ).rejects.toThrow(/已有无密码结算申请 .* 期间重叠/);
    const list = await filings.listNoPassword(who.psnNo);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ appy_id: applied.applicationId, vali_flag: '1', enddate: `${year}-12-31` });
    await expect(
      shop.app.callAs(shop.app.sessions.require(), 'S5901', { data: { psn_no: 'NOSUCHPERSON' } }, { insuplcAdmdvs: '510100' }),
    ).rejects.toThrow(/人员编号 NOSUCHPERSON 不存在/);
    await expect(
      filings.applyNoPassword({ psnNo: who.psnNo, reason: 'x', begndate: '2026-02-01', enddate: '2026-01-01' }),
    ).rejects.toMatchObject({ code: 'E_USAGE' });
  }, 60_000);
});

describe('a region without these codes, and the CLI', () => {
  it('a national counter is told its region has no 两病备案, and sends nothing', async () => {
    const national = await openCounter(h, 'national-shop', { profile: 'national' });
    const before = answered('Z1101').length;
    const resident = await read(national, person(true, 2));
    await expect(
      new PersonFilings(national.app).fileTwoDisease({ psnNo: resident.psnNo, diseCode: 'M03900', diseName: '高血压' }),
    ).rejects.toMatchObject({ code: 'E_REGION_CODE_UNUSED' });
    expect(answered('Z1101')).toHaveLength(before);
  }, 60_000);

  it('yibao region two-disease file / revoke and yibao region sheet', async () => {
    const resident = await read(clinic, person(true, 3));
    const filed = await runCli(
      ['region', 'two-disease', 'file', resident.psnNo, '--dise-code', 'M03900', '--dise-name', '高血压', '--json'],
      { YIBAO_CONFIG: clinic.configPath },
    );
    expect(filed.stderr).toBe('');
    expect(filed.code).toBe(0);
    const serial = (JSON.parse(filed.stdout) as { serial: string }).serial;
    expect(answered('Z1101').some((m) => m.msgid === serial && m.infcode === 0)).toBe(true);
    const revoked = await runCli(['region', 'two-disease', 'revoke', resident.psnNo, serial], {
      YIBAO_CONFIG: clinic.configPath,
    });
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`已撤销两病备案 (Z1102) ${serial}`);
    const again = await runCli(['region', 'two-disease', 'revoke', resident.psnNo, serial], { YIBAO_CONFIG: clinic.configPath });
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('已于报文');

    const sale = await sell(shop, personsOf(store(), 'emp-active', 50_000)[2] as PersonRow, typicalBasket(store()));
    const sheet = await runCli(['region', 'sheet', sale.settlement.setlId as string], { YIBAO_CONFIG: shop.configPath });
    expect(sheet.code).toBe(0);
    expect(sheet.stdout).toContain(`结算ID ${sale.settlement.setlId}`);
    expect(sheet.stdout).toContain(`医疗费总额 ${formatYuan(sale.settlement.medfeeFen as Fen)}`);
  }, 120_000);
});
