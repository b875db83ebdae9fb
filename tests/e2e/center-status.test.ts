/**
 * Issue 17 point 11 (1366×768): with YIBAO_CENTER_URL set, 设置 shows the file's center URL in the
 * field and the override as an override (saving does not write it into config.json, and a URL
 * then saved is said to be unused); the header's center badge says whether the center answered
 * the last calls, turning red when the center stops accepting connections.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf } from '../helpers/sandbox-fixtures';
import { readCard, saveSettingsByKeys, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

/** What config.json names; the sandbox (the override) is what runs. */
const FILE_URL = 'http://127.0.0.1:9/file-center';
const TYPED_URL = 'http://127.0.0.1:9/typed-center';

let e: CounterE2E;
let person: PersonRow;

beforeAll(async () => {
  e = await startCounterE2E({ center: { url: FILE_URL } }, {}, (h) => ({ YIBAO_CENTER_URL: h.sandbox.url }));
  await e.page.setViewportSize({ width: 1366, height: 768 });
  person = personsOf(e.h.sandbox.center.store, 'emp-retired', 20_000)[0] as PersonRow;
}, 180_000);
afterAll(async () => {
  await e?.close();
});

const fileUrl = () => (JSON.parse(readFileSync(e.web.app.loaded.path, 'utf8')) as { center: { url: string | null } }).center.url;
const badge = () => e.page.getByTestId('center-status');

describe('the center: override in 设置 and reachability in the header', () => {
  it('设置 shows the file’s URL, names the override, and never saves it into config.json', async () => {
    const { page } = e;
    expect(e.web.app.centerUrl).toBe(e.h.sandbox.url);
    await page.keyboard.press('F10');
    await expect.poll(() => page.getByTestId('center-url').inputValue(), { timeout: UI_TIMEOUT }).toBe(FILE_URL);
    const note = page.getByTestId('center-override');
    // The address in a read-only field, not in the text (issue 17.8).
    expect(await note.getByTestId('override-center-url').inputValue()).toBe(e.h.sandbox.url);
    expect(await note.textContent()).toContain('被覆盖');

    await page.getByTestId('center-url').fill(TYPED_URL);
    await saveSettingsByKeys(page);
    expect(fileUrl()).toBe(TYPED_URL);
    // Reopened: the override still runs, the saved URL is said to be unused.
    expect(e.web.app.centerUrl).toBe(e.h.sandbox.url);
    await expect.poll(() => page.getByTestId('center-url').inputValue(), { timeout: UI_TIMEOUT }).toBe(TYPED_URL);
    expect(await page.getByTestId('center-override').textContent()).toContain('目前被覆盖、未被使用');
    await e.shot('17-11-center-override', { window: true });
  }, 120_000);

  it('the badge turns red after calls the stopped center does not answer, and green again', async () => {
    const { page } = e;
    await signIn(page);
    await expect.poll(() => badge().getAttribute('data-reach'), { timeout: UI_TIMEOUT }).toBe('up');
    expect(await badge().textContent()).toContain('可连通');

    e.h.sandbox.center.addFault('*', 'refuse', null);
    await expect.poll(() => e.h.sandbox.accepting(), { timeout: UI_TIMEOUT }).toBe(false);
    await page.keyboard.press('F1');
    await page.getByTestId('id-number').fill(person.certno);
    await page.getByTestId('id-name').fill(person.psnName);
    await page.getByTestId('id-name').press('Enter');
    await expect.poll(() => badge().getAttribute('data-reach'), { timeout: UI_TIMEOUT }).toBe('down');
    expect(await badge().textContent()).toContain('连不上');
    await e.shot('17-11-center-down', { window: true });

    e.h.sandbox.center.clearFaults();
    await expect.poll(() => e.h.sandbox.accepting(), { timeout: UI_TIMEOUT }).toBe(true);
    await readCard(page, person);
    await expect.poll(() => badge().getAttribute('data-reach'), { timeout: UI_TIMEOUT }).toBe('up');
  }, 120_000);
});
