/**
 * A settlement whose answer the sandbox drops after committing it (commit-then-drop): the counter
 * shows the unknown outcome in plain Chinese with what to do, reverses it automatically (2601),
 * and 交易流水 shows the settlement as reversed with its reversal attempt — live, without reloading.
 * 交易流水 also pages back (300 at a time, keyset by id) through more entries than one page holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { requestEnvelope } from '../helpers/journal-entry';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { addItem, readCard, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;
let person: PersonRow;

beforeAll(async () => {
  e = await startCounterE2E();
  person = personsOf(e.h.sandbox.center.store, 'emp-active', 50_000)[2] as PersonRow;
}, 180_000);
afterAll(async () => {
  await e?.close();
});

describe('a settlement whose answer is lost', () => {
  it('is reversed and visible in 交易流水', async () => {
    const { page } = e;
    const { a } = pharmacyItems(e.h.sandbox.center.store);
    await signIn(page);
    // 交易流水 open first: the rows must arrive through the live event stream.
    await page.keyboard.press('F3');
    await page.getByTestId('journal-rows').waitFor();
    await readCard(page, person);
    await page.keyboard.press('F2');
    await addItem(page, a.code, a.code, '9.9', '3');
    await page.keyboard.press('F5');
    await page.getByTestId('pre-settlement').waitFor();

    e.h.sandbox.center.addFault('2102', 'commit-then-drop', 1);
    await page.keyboard.press('F6');
    const error = page.getByTestId('sale-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('自动冲正');
    await e.shot('20-settle-answer-lost');
    expect(await page.getByTestId('sale-done').count()).toBe(0);

    const entry = e.web.app.journal.list({ infno: '2102' })[0];
    expect(entry?.state).toBe('reversed');

    await page.keyboard.press('F3');
    const state = page.getByTestId(`state-${entry?.msgid}`).first();
    await expect.poll(() => state.textContent(), { timeout: UI_TIMEOUT }).toBe('已冲正');
    await e.shot('21-journal');
    await page
      .locator('[data-testid="journal-rows"] tr', { hasText: entry?.msgid ?? '' })
      .first()
      .click();
    await page.getByTestId('reversal-attempts').waitFor();
    expect(await page.getByTestId('reversal-attempts').textContent()).toContain('成功');
    await e.shot('22-journal-detail');
    await page.keyboard.press('Escape');

    // 开始日期 is typed as yyyy-mm-dd (not the browser's mm/dd/yyyy) and filters the list.
    const since = page.locator('input[data-testid="filter-since"], [data-testid="filter-since"] input').first();
    const rowOf = page.locator('[data-testid="journal-rows"] tr', { hasText: entry?.msgid ?? '' });
    await since.click();
    await since.fill('2099-01-01');
    await since.press('Enter');
    await expect.poll(() => rowOf.count(), { timeout: UI_TIMEOUT }).toBe(0);
    expect(await since.inputValue()).toBe('2099-01-01');
    await since.click();
    await since.fill('2000-01-01');
    await since.press('Enter');
    await expect.poll(() => rowOf.count(), { timeout: UI_TIMEOUT }).toBeGreaterThan(0);
    expect(e.pageErrors).toEqual([]);
  }, 180_000);

  it('a reversal the center refuses at first is retried with backoff; 交易流水 shows its progress live', async () => {
    const { page } = e;
    await page.keyboard.press('F2');
    await page.getByTestId('pre-settlement').waitFor();
    e.h.sandbox.center.addFault('2102', 'commit-then-drop', 1);
    e.h.sandbox.center.addFault('2601', 'reject:-1:中心系统繁忙, 请稍后重试', 2);
    await page.keyboard.press('F6');
    await page.getByTestId('sale-error').filter({ hasText: '正在自动冲正' }).waitFor();
    const entry = e.web.app.journal.list({ infno: '2102' })[0];
    expect(entry?.state).toBe('reversing');

    await page.keyboard.press('F3');
    const pending = page.getByTestId('pending');
    await pending.filter({ hasText: '冲正中' }).waitFor();
    expect(await pending.textContent()).toMatch(/冲正第 [12] 次未成功/);
    await e.shot('23-journal-pending-reversal');

    // The reversal driver retries after the backoff; the screen follows through the event stream.
    const state = page.getByTestId(`state-${entry?.msgid}`).first();
    await expect.poll(() => state.textContent(), { timeout: 60_000, interval: 500 }).toBe('已冲正');
    await expect.poll(() => pending.count(), { timeout: UI_TIMEOUT }).toBe(0);
    const done = e.web.app.journal.byMsgid(entry?.msgid ?? '');
    expect(done?.attempts).toBe(3);
    expect(e.web.app.journal.reversalsOf(done?.id ?? 0).map((r) => r.state)).toEqual(['rejected', 'rejected', 'ok']);
    expect(e.pageErrors).toEqual([]);
  }, 180_000);

  it('pages back through a journal longer than one page, and a live update keeps the older pages', async () => {
    const { page } = e;
    const journal = e.web.app.journal;
    // Answered calls written through the real journal, as years of counter work leave them.
    const write = (n: number, tag: string) => {
      for (let i = 0; i < n; i++) {
        const msgid = `PAGE${tag}${String(i).padStart(5, '0')}`;
        journal.prepare(requestEnvelope(msgid, '9002'));
        journal.finish(msgid, 'ok', { response: { infcode: 0, output: {} } });
      }
    };
    write(650, 'A');
    await page.keyboard.press('F3');
    const count = page.getByTestId('journal-count');
    await expect.poll(() => count.textContent(), { timeout: UI_TIMEOUT }).toContain('已显示最近 300 笔');
    await page.getByTestId('journal-older').click();
    await expect.poll(() => count.textContent(), { timeout: UI_TIMEOUT }).toContain('已显示最近 600 笔');
    await page.getByTestId('journal-older').click();
    await expect.poll(() => count.textContent(), { timeout: UI_TIMEOUT }).toMatch(/^共 \d+ 笔/);
    expect(await page.getByTestId('journal-older').count()).toBe(0);
    // Every entry is listed now: the 650 written here and the calls of the tests before (sign-in, sale, 2601s).
    const total = Number(/^共 (\d+) 笔/.exec((await count.textContent()) ?? '')?.[1]);
    expect(total).toBeGreaterThan(650);

    // A new entry arrives live: it is listed first and nothing paged back to is dropped.
    write(1, 'B');
    await expect.poll(() => count.textContent(), { timeout: UI_TIMEOUT }).toContain(`共 ${total + 1} 笔`);
    expect(e.pageErrors).toEqual([]);
  }, 180_000);
});
