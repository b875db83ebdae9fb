/**
 * Receipts from real settlements: a pharmacy sale and a clinic visit with two bills against the
 * sandbox center, then `yibao receipt <setl_id> --pdf` (the built CLI, a separate process reading
 * the same journal) rendered by Chromium; the PDF's text (pdftotext) must carry the institution,
 * the ids, every fund amount and the item names, and its page (pdfinfo) the paper's width.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan, type Fen } from '../../src-main/core/money';
import type { CounterApp } from '../../src-main/app/counter-app';
import { CounterEvents } from '../../src-main/counter/events';
import { createCounterServices, type CounterServices } from '../../src-main/counter/counter-services';
import type { SettlementView } from '../../src-main/counter/views';
import { renderReceiptPdf } from '../../src-main/receipts/receipt-pdf';
import { renderReceiptHtml } from '../../src-main/receipts/receipt-html';
import { layoutFor } from '../../src-main/receipts/receipt-layout';
import type { PersonRow } from '../../src-main/sandbox/store';
import { createApiHandlers } from '../../src-main/api/handlers';
import { runCli } from '../helpers/cli';
import { CLINIC, startHarness, type Harness } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf, typicalBasket, type SaleLine } from '../helpers/sandbox-fixtures';
import { makeTempDir } from '../helpers/temp-dir';
import { OUTPATIENT_VISIT } from '../helpers/clinic-fixtures';

let h: Harness;
let out: { dir: string; cleanup: () => void };

beforeAll(async () => {
  h = await startHarness();
  out = makeTempDir('yibao-receipts-');
}, 120_000);
afterAll(async () => {
  await h.close();
  out.cleanup();
});

async function counter(config: Parameters<Harness['openApp']>[0] = {}) {
  const app = await h.openApp(config);
  const services = createCounterServices(app, new CounterEvents());
  await app.sessions.signIn(app.client, OPERATOR);
  return { app, services };
}

/** The cashier finds each item at the center (1312, journaled) and takes its name from the hit. */
async function searchedLines(services: CounterServices, basket: readonly SaleLine[]) {
  const lines = [];
  for (const l of basket) {
    const hit = (await services.items.search(l.item.code, 5)).hits.find((x) => x.code === l.item.code);
    expect(hit?.name).toBe(l.item.name);
    lines.push({ code: l.item.code, name: hit!.name, cntText: l.cnt, pricText: l.pric });
  }
  return lines;
}

const text = (pdf: string) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
/** Page width and height in points (pdfinfo "Page size: 164.41 x 425.2 pts"). */
function pageSize(pdf: string): { width: number; height: number; pages: number } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const pages = /Pages:\s+(\d+)/.exec(info);
  return { width: Number(size?.[1]), height: Number(size?.[2]), pages: Number(pages?.[1]) };
}
const y = (fen: number) => formatYuan(fen as Fen);

/** Every amount of the settlement as the paper must print it. */
function amountsOf(s: SettlementView): string[] {
  return [
    y(s.medfeeFen),
    y(s.fundPaySumFen),
    y(s.hifpPayFen),
    y(s.acctPayFen),
    y(s.psnCashPayFen),
    y(s.balanceAfterFen),
    ...s.funds.map((f) => y(f.amountFen)),
  ];
}

async function receiptCli(app: CounterApp, args: readonly string[]) {
  return runCli(['--config', app.loaded.path, 'receipt', ...args]);
}

describe('pharmacy sale receipt', () => {
  let app: CounterApp;
  let services: CounterServices;
  let person: PersonRow;
  let settled: SettlementView;
  let basket: SaleLine[];

  beforeAll(async () => {
    ({ app, services } = await counter());
    person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[0] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    basket = typicalBasket(h.sandbox.center.store);
    const req = {
      basketId: `R${Date.now().toString(36)}`,
      personKey: ctx.key,
      acctUsed: true,
      lines: await searchedLines(services, basket),
    };
    await services.pharmacy.preSettle(req);
    settled = (await services.pharmacy.settle(req)).settlement;
  }, 60_000);

  it('58 mm PDF through the CLI: institution, ids, every fund amount, item names with their class, masked ID number', async () => {
    const pdf = join(out.dir, 'sale-58.pdf');
    const r = await receiptCli(app, [settled.setlId!, '--format', '58', '--pdf', pdf]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已生成 PDF');
    const t = text(pdf);
    expect(t).toContain('沙箱演示大药房');
    expect(t).toContain('医保购药结算小票');
    expect(t).toContain(settled.setlId);
    expect(t).toContain(settled.msgid);
    for (const amount of amountsOf(settled)) expect(t).toContain(amount);
    for (const l of basket) expect(t.replace(/\s+/g, '')).toContain(l.item.name.replace(/\s+/g, ''));
    expect(t).toContain('甲类');
    expect(t).toContain('丙类');
    expect(t).toContain(person.psnName);
    expect(t).not.toContain(person.certno);
    expect(t).toContain(`${person.certno.slice(0, 6)}********${person.certno.slice(-4)}`);
    expect(t).toContain(OPERATOR.opterName);
    expect(t).not.toContain('已退费');
    const size = pageSize(pdf);
    expect(Math.abs(size.width - 164.4)).toBeLessThan(1.5);
    expect(size.pages).toBe(1);
    expect(size.height).toBeGreaterThan(300); // one page as long as the slip
  }, 60_000);

  it('the API renders a receipt and, without a desktop printer, hands the page to the browser', async () => {
    const invoke = createApiHandlers({
      app,
      services,
      version: 'test',
      applySettings: () => Promise.reject(new Error('not used')),
    });
    const rendered = await invoke('receipt.render', { setlId: settled.setlId, format: '58', reprint: true });
    expect(rendered).toMatchObject({
      ok: true,
      value: { setlId: settled.setlId, format: '58', widthMm: 58, roll: true, refunded: false },
    });
    const html = rendered.ok ? (rendered.value as { html: string }).html : '';
    expect(html).toContain('补打');
    for (const amount of amountsOf(settled)) expect(html).toContain(amount);
    // The configured paper (80 mm by default) when none is asked for; web mode prints in the browser.
    expect(await invoke('receipt.print', { setlId: settled.setlId })).toMatchObject({
      ok: true,
      value: { printed: false, receipt: { format: '80', widthMm: 80 } },
    });
    expect(await invoke('receipt.printers', {})).toEqual({ ok: true, value: [] });
    expect(await invoke('receipt.render', { setlId: '' })).toMatchObject({ ok: false, error: { code: 'E_API_ARGS' } });
    expect(await invoke('receipt.render', { setlId: 'NOPE1' })).toMatchObject({
      ok: false,
      error: { code: 'E_RECEIPT_NOT_FOUND' },
    });
    expect(await invoke('app.status', {})).toMatchObject({ ok: true, value: { printer: { paper: '80', autoPrint: false } } });
  });

  it('the text preview masks the name; a refunded sale prints 已退费 on 80 mm', async () => {
    const preview = await receiptCli(app, [settled.setlId!]);
    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain(settled.setlId);
    expect(preview.stdout).not.toContain(person.psnName);
    expect(preview.stdout).toContain(y(settled.psnCashPayFen));

    const history = services.history.list('pharmacy').find((x) => x.setlId === settled.setlId)!;
    await services.pharmacy.refund(history.msgid);
    const pdf = join(out.dir, 'sale-80.pdf');
    const r = await receiptCli(app, [settled.setlId!, '--format', '80', '--pdf', pdf, '--reprint']);
    expect(r.code).toBe(0);
    const t = text(pdf);
    expect(t).toContain('已退费');
    expect(t).toContain('补打');
    expect(t).toContain('2103');
    expect(Math.abs(pageSize(pdf).width - 226.8)).toBeLessThan(1.5);
  }, 60_000);

  it('A4 医疗收费结算单 is an A4 page with the item table', async () => {
    const pdf = join(out.dir, 'sale-a4.pdf');
    const html = join(out.dir, 'sale-a4.html');
    const r = await receiptCli(app, [settled.setlId!, '--format', 'a4', '--pdf', pdf, '--html', html]);
    expect(r.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<table class="sheet items">');
    const t = text(pdf);
    expect(t).toContain('医疗收费结算单');
    expect(t).toContain('基本医疗保险统筹基金支出');
    for (const l of basket) expect(t).toContain(l.item.code);
    const size = pageSize(pdf);
    expect(Math.abs(size.width - 595)).toBeLessThan(1.5);
    expect(Math.abs(size.height - 842)).toBeLessThan(1.5);
  }, 60_000);

  it('an unknown setl_id is refused with its code', async () => {
    const r = await receiptCli(app, ['NOSUCHSETTLEMENT1', '--pdf', join(out.dir, 'none.pdf')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_RECEIPT_NOT_FOUND');
    expect(r.stderr).toContain('NOSUCHSETTLEMENT1');
    const bad = await receiptCli(app, [settled.setlId!, '--format', '76']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('E_USAGE');
  }, 60_000);

  it('a missing Chromium is said so with its code', async () => {
    const r = await receiptCli(app, [settled.setlId!, '--pdf', join(out.dir, 'x.pdf'), '--chromium', '/nonexistent/chromium']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('E_RECEIPT_CHROMIUM_MISSING');
  }, 60_000);
});

describe('clinic visit with two bills', () => {
  it('each bill has its own receipt with its own lines, categories and the visit', async () => {
    const { app, services } = await counter({ institution: CLINIC });
    const person = personsOf(h.sandbox.center.store, 'emp-active', 50_000)[2] as PersonRow;
    const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
    const visit = await services.clinic.register({
      personKey: ctx.key,
      ...OUTPATIENT_VISIT,
    });
    const mdtrtId = visit.mdtrtId;
    await services.clinic.visitInfo({ mdtrtId, medType: '11', diagnoses: [{ code: 'J06.900', name: '急性上呼吸道感染' }] });
    const basket = typicalBasket(h.sandbox.center.store);
    const lines = await searchedLines(services, basket);
    const one = await services.clinic.uploadBill({ mdtrtId, lines: lines.slice(0, 2) });
    const two = await services.clinic.uploadBill({ mdtrtId, lines: lines.slice(2) });
    await services.clinic.preSettle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true });
    const s1 = (await services.clinic.settle({ mdtrtId, chrgBchno: one.chrgBchno, acctUsed: true })).result.settlement;
    await services.clinic.preSettle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false });
    const s2 = (await services.clinic.settle({ mdtrtId, chrgBchno: two.chrgBchno, acctUsed: false })).result.settlement;

    const pdf = join(out.dir, 'clinic-two-80.pdf');
    const r = await receiptCli(app, [s2.setlId!, '--format', '80', '--pdf', pdf]);
    expect(r.code).toBe(0);
    const t = text(pdf);
    expect(t).toContain('沙箱演示诊所');
    expect(t).toContain('门诊医保结算小票');
    expect(t).toContain(two.chrgBchno);
    expect(t).toContain('急性上呼吸道感染');
    expect(t).toContain('内科');
    for (const amount of amountsOf(s2)) expect(t).toContain(amount);
    expect(t).toContain(basket[2]!.item.name);
    expect(t).not.toContain(basket[0]!.item.name);

    // The first bill through the module directly, as the API renders it, on A4.
    const model = services.receipts.model(s1.setlId!);
    expect(model.chrgBchno).toBe(one.chrgBchno);
    expect(model.lines.map((l) => l.name)).toEqual(basket.slice(0, 2).map((l) => l.item.name));
    expect(model.categories.map((c) => c.category.label)).toContain('西药费');
    const a4 = await renderReceiptPdf(
      renderReceiptHtml(model, layoutFor('a4'), { printedAt: '2026-11-23 10:00:00' }),
      layoutFor('a4'),
    );
    const file = join(out.dir, 'clinic-one-a4.pdf');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, a4.pdf);
    const ta = text(file);
    expect(ta).toContain(s1.setlId);
    for (const amount of amountsOf(s1)) expect(ta).toContain(amount);
    expect(Math.abs(pageSize(file).width - 595)).toBeLessThan(1.5);
  }, 120_000);
});
