/**
 * End-to-end harness: a real sandbox center, the counter in web mode on it (temp config, the
 * built renderer from out/renderer), and Chromium driven by playwright-core. Screenshots go to
 * tests/e2e/artifacts/ for a person to look at.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, errors, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { startWebMode, type WebMode } from '../../src-main/host/web-mode';
import type { ConfigFile } from '../../src-main/config/schema';
import type { PersonRow } from '../../src-main/sandbox/store';
import { PHARMACY, startHarness, type Harness } from '../helpers/sandbox-harness';
import { personsOf, typicalBasket } from '../helpers/sandbox-fixtures';
import type { SettlementView } from '../../src-main/api/contract';
import { signInByKeys } from './till-keys';
import type { ControlDouble } from '../helpers/control-double';

export { chooseInstitution, saveSettingsByKeys } from './till-keys';

export const ARTIFACTS = resolve('tests/e2e/artifacts');
const RENDERER = resolve('out/renderer');

/** Generous: two cores shared with other test runs. */
export const UI_TIMEOUT = 30_000;

export interface CounterE2E {
  readonly h: Harness;
  readonly web: WebMode;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught errors in the page (must stay empty). */
  readonly pageErrors: string[];
  /** `window`: only what the window shows (no scrolling), as the cashier sees it at this size. */
  shot(name: string, options?: { window?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export async function startCounterE2E(
  config: Partial<ConfigFile> = {},
  center: Parameters<typeof startHarness>[0] = {},
  /** The environment the counter starts with (e.g. YIBAO_CENTER_URL; none by default). */
  env: (h: Harness) => NodeJS.ProcessEnv = () => ({}),
): Promise<CounterE2E> {
  if (!existsSync(join(RENDERER, 'index.html'))) {
    throw new Error(`renderer not built: run "npm run build:renderer" (expected ${RENDERER}/index.html)`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const h = await startHarness(center);
  const dir = join(h.dir, 'web-counter');
  mkdirSync(dir, { recursive: true });
  const configPath = join(dir, 'config.json');
  // The background catalogue fill at sign-in (a minute of center calls) only where a test asks for it.
  const file: ConfigFile = {
    catalogue: { fillAtSignIn: false },
    ...config,
    center: { url: h.sandbox.url, ...config.center },
    institution: { ...PHARMACY, ...config.institution },
  };
  writeFileSync(configPath, JSON.stringify(file, null, 2));
  let web: WebMode | undefined;
  let browser: Browser | undefined;
  try {
    web = await startWebMode({ configPath, env: env(h), rendererDir: RENDERER, port: 0, version: 'e2e' });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
    page.setDefaultTimeout(UI_TIMEOUT);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('crash', () => pageErrors.push('the page crashed (its renderer process died)'));
    await page.goto(web.url);
    await appReady(page);
    const started = { web, browser };
    return {
      h,
      web,
      browser,
      page,
      pageErrors,
      async shot(name, options) {
        // Stays: only for the picture (no assertion follows), antd's transitions finishing.
        await page.waitForTimeout(300);
        if (options?.window) {
          await screenshot(page, join(ARTIFACTS, `${name}.png`));
          return;
        }
        // The whole screen as the cashier scrolls through it: a viewport as tall as the page, so the
        // key bar (sticky at the bottom of the window) sits at the end instead of over the content.
        const size = page.viewportSize() ?? { width: 1366, height: 900 };
        const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
        await page.setViewportSize({ width: size.width, height: Math.max(size.height, height) });
        try {
          await screenshot(page, join(ARTIFACTS, `${name}.png`));
        } finally {
          // A tall viewport left behind would make every later step of the file draw the whole page.
          await page.setViewportSize(size);
        }
      },
      async close() {
        await started.browser.close().catch(() => {});
        await started.web.close().catch(() => {});
        await h.close();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    await web?.close().catch(() => {});
    await h.close();
    throw error;
  }
}

/** How long a screenshot may wait for a frame before the compositor is woken once. */
const SHOT_FIRST_TRY_MS = 10_000;

/**
 * A screenshot, with one wake-up of the page's compositor if no frame comes. Chromium's full headless
 * mode (Debian's /usr/bin/chromium, not the headless shell Playwright ships) has been seen to stop
 * drawing a page: CI on cfaba3c, `page.screenshot` waited 30 s after "fonts loaded" and every later
 * step that needs a frame (a click's stability check, antd's open animation) waited too, while the
 * DOM kept answering. A short screencast makes Chromium produce frames again (the same stall and
 * remedy: browser-use/browser-harness#812). If that does not help either, the error says so.
 */
async function screenshot(page: Page, path: string): Promise<void> {
  try {
    await page.screenshot({ path, timeout: SHOT_FIRST_TRY_MS });
    return;
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error;
  }
  const frames = await framesComing(page);
  // In the test log: how often this happens, and whether the page still had frames.
  console.warn(
    `screenshot ${path}: no frame in ${SHOT_FIRST_TRY_MS} ms (requestAnimationFrame ${frames ? 'fires' : 'does not fire'}); waking the compositor`,
  );
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Page.startScreencast', { format: 'jpeg', quality: 10, everyNthFrame: 1 });
    await page.waitForTimeout(250);
    await cdp.send('Page.stopScreencast');
  } finally {
    await cdp.detach().catch(() => {});
  }
  try {
    await page.screenshot({ path, timeout: UI_TIMEOUT - SHOT_FIRST_TRY_MS });
  } catch (error) {
    throw new Error(
      `screenshot ${path}: no frame within ${UI_TIMEOUT} ms, nor after waking the compositor ` +
        `(requestAnimationFrame ${frames ? 'still fired' : 'had stopped firing'} before the wake-up)`,
      { cause: error },
    );
  }
}

/** Whether the page still gets animation frames (one within 2 s). */
async function framesComing(page: Page): Promise<boolean> {
  // A string: the test side has no DOM types.
  const ask = 'new Promise((done) => { requestAnimationFrame(() => done(true)); setTimeout(() => done(false), 2000); })';
  return (await page.evaluate(ask).catch(() => false)) === true;
}

/**
 * Waits after a page load until the status bar shows: the app's first API answer arrived, so
 * its key handlers are in place (a key pressed while a loaded machine still mounts React is lost).
 */
export async function appReady(page: Page): Promise<void> {
  await page.getByTestId('status-bar').waitFor();
}

export async function signIn(page: Page, opter = 'OP001', name = '张收费'): Promise<void> {
  await signInByKeys(page, opter, name);
}

/** 读卡 by ID number and name; waits for the person on screen. */
export async function readCard(page: Page, person: PersonRow): Promise<void> {
  await page.keyboard.press('F1');
  await page.getByTestId('id-number').fill(person.certno);
  await page.getByTestId('id-name').fill(person.psnName);
  await page.getByTestId('id-name').press('Enter');
  await personShown(page, person);
}

/**
 * 读卡器读卡 (F5) through the 安全控件 at a counter whose profile needs one (四川): `person`'s card on the
 * DLL double, read on the 读卡 screen; waits for the person and the medium's note.
 */
export async function readThroughControl(page: Page, control: ControlDouble, person: PersonRow): Promise<void> {
  await page.keyboard.press('F1');
  control.present(person);
  await page.getByTestId('read-device').click();
  await page.getByTestId('person-name').filter({ hasText: person.psnName }).waitFor();
  await page.getByTestId('safe-medium').waitFor();
}

/**
 * Waits until the read person is on screen: the full card on 读卡, or the compact one on 收费
 * where a read with nothing to look at goes on by itself.
 */
export async function personShown(page: Page, person: PersonRow): Promise<void> {
  await page
    .locator('[data-testid="person-name"], [data-testid="person-compact"]')
    .filter({ hasText: person.psnName })
    .first()
    .waitFor();
}

/** Finds an item with the search box and types its price (and quantity). */
export async function addItem(page: Page, query: string, code: string, pric: string, cnt = '1'): Promise<void> {
  const box = page.getByTestId('item-search');
  await box.click();
  await box.fill(query);
  await page.locator('.search-option').filter({ hasText: code }).first().waitFor();
  await box.press('Enter');
  const rows = page.locator('[data-testid="lines"] tbody tr[data-row-key]');
  const last = rows.last();
  await expect.poll(() => last.textContent(), { timeout: UI_TIMEOUT }).toContain(code);
  // The cursor is in the new line's price field already: type as a cashier would.
  await page.keyboard.type(pric);
  if (cnt !== '1') await last.locator('input[data-field="cnt"]').fill(cnt);
}

/**
 * An init script for every frame: print() records the frame's page in the top window instead of
 * opening a dialog (headless Chromium has none to show). Read them back with recordedPrints.
 */
export const RECORD_PRINTS = `
  window.print = function () {
    try {
      var top = window.top;
      top.__prints = (top.__prints || []).concat([document.documentElement.outerHTML]);
    } catch (e) {}
  };
`;

/** The pages printed so far (RECORD_PRINTS must have been added before the page loaded). */
export function recordedPrints(page: Page): Promise<string[]> {
  return page.evaluate('window.__prints || []') as Promise<string[]>;
}

/** F5, then F6 on the pharmacy sale screen; waits for the settlement. */
export async function preSettleAndSettle(page: Page): Promise<void> {
  await page.keyboard.press('F5');
  await page.getByTestId('pre-settlement').waitFor();
  await page.keyboard.press('F6');
  await page.getByTestId('sale-done').waitFor();
}

/**
 * 挂号 (内科, 张医生) and 就诊信息 (J06.900) at a clinic counter with the person read and the
 * screen on 收费; waits until the fee entry has the cursor.
 */
export async function registerVisit(page: Page): Promise<void> {
  await registerByHand(page);
  await page.getByTestId('diag-code-0').fill('J06.900');
  await page.getByTestId('diag-name-0').fill('急性上呼吸道感染');
  await page.getByTestId('diag-name-0').press('Enter');
  await page.getByTestId('item-search').waitFor();
}

/** Clinic 挂号 by hand (department, 科别, doctor) and Enter; waits for the 就诊信息 step. */
export async function registerByHand(page: Page): Promise<void> {
  await submitRegistration(page);
  await page.getByTestId('diag-code-0').waitFor();
}

/** The 挂号 form filled by hand (内科, A03, 张医生) and Enter, without waiting for the outcome. */
export async function submitRegistration(page: Page): Promise<void> {
  await page.getByTestId('dept-code').fill('NK01');
  await page.getByTestId('dept-name').fill('内科');
  await page.getByTestId('caty').fill('A03');
  await page.getByTestId('doctor-code').fill('D420100000001');
  await page.getByTestId('doctor-name').fill('张医生');
  await page.getByTestId('doctor-name').press('Enter');
}

/**
 * Pharmacy sales through the same services the sale screen calls (no typing): the first n lines
 * of the sandbox's typical basket to one insured person, pre-settled and settled.
 */
export async function serviceSeller(e: CounterE2E): Promise<(basketId: string, n: number) => Promise<SettlementView>> {
  const { services } = e.web.runtime;
  const store = e.h.sandbox.center.store;
  const person = personsOf(store, 'emp-active', 50_000)[3] as PersonRow;
  const lines = typicalBasket(store).map((l) => ({ code: l.item.code, name: l.item.name, cntText: l.cnt, pricText: l.pric }));
  const ctx = await services.persons.read({ kind: 'id', idNumber: person.certno, name: person.psnName });
  return async (basketId, n) => {
    const req = { basketId, personKey: ctx.key, acctUsed: true, lines: lines.slice(0, n) };
    await services.pharmacy.preSettle(req);
    return (await services.pharmacy.settle(req)).settlement;
  };
}
