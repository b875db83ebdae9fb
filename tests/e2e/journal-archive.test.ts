/**
 * 流水归档 on the screens (issue 19): a counter whose journal had 2022 and 2023 archived shows 年份
 * in 交易流水; an archive year lists its entries read-only (归档流水只读, no 立即重试冲正), an archived
 * entry's detail opens with its 2601; 设置 shows the archive folder, the years and the last run.
 * Screenshots at 1366×768.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { archiveFolderOf, writeLastRun } from '../../src-main/journal/archive/archive-files';
import { archiveOldYears } from '../../src-main/journal/archive/archive-run';
import { openLiveJournal, writeYearsJournal, type YearsJournal } from '../helpers/archive-journal';
import { makeTempDir } from '../helpers/temp-dir';
import { signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

let e: CounterE2E;
let layout: YearsJournal;
const temp = makeTempDir('yibao-archive-e2e-');

beforeAll(async () => {
  const dataDir = join(temp.dir, 'data');
  layout = writeYearsJournal(join(dataDir, 'yibao.sqlite'));
  const live = openLiveJournal(join(dataDir, 'yibao.sqlite'));
  const folder = archiveFolderOf(dataDir);
  // Archived today: the app's own daily run at start is then not due, and 设置 shows this run.
  writeLastRun(folder, await archiveOldYears({ db: live.db, folder, afterYears: 2 }));
  live.close();
  e = await startCounterE2E({ dataDir, journal: { archiveAfterYears: 2 } });
  await e.page.setViewportSize({ width: 1366, height: 768 });
}, 180_000);
afterAll(async () => {
  await e?.close();
  temp.cleanup();
});

describe('交易流水 of an archive year', () => {
  it('lists the archived entries read-only and opens an archived entry with its 2601', async () => {
    const { page } = e;
    await signIn(page);
    await page.keyboard.press('F3');
    await page.getByTestId('journal-rows').waitFor();
    const year = page.getByTestId('journal-year');
    await year.waitFor();
    // 当前: the entries left in the live journal (2023's open one among them), actions as usual.
    const live = page.locator('[data-testid="journal-rows"] tbody tr.ant-table-row');
    await expect.poll(() => page.getByTestId('journal-rows').textContent(), { timeout: UI_TIMEOUT }).toContain('2023-04-01');
    expect(await page.getByTestId('archive-read-only-note').count()).toBe(0);
    expect(await live.filter({ hasText: '2023-03-10 09:00:00' }).count()).toBe(0);

    await year.click();
    await page.getByTitle('2023 年 (归档)').click();
    await page.getByTestId('archive-read-only-note').waitFor();
    expect(await page.getByTestId('archive-read-only-note').textContent()).toContain('归档流水只读');
    await expect.poll(() => live.count(), { timeout: UI_TIMEOUT }).toBe(2);
    expect(await page.getByTestId('journal-rows').textContent()).toContain('2023-03-10 09:00:00');
    expect(await page.getByTestId('journal-count').textContent()).toContain('2023 年归档');
    expect(await page.getByTestId('resolve-now').count()).toBe(0);
    expect(await page.getByText('立即重试冲正').count()).toBe(0);
    await e.shot('90-journal-archive-year', { window: true });

    await live.filter({ hasText: '2023-03-10 11:00:00' }).click();
    await page.getByTestId('journal-detail-archived').waitFor();
    expect(await page.getByTestId('journal-detail-archived').textContent()).toContain('归档流水只读');
    expect(await page.getByTestId('journal-detail').textContent()).toContain('已冲正');
    expect(await page.getByTestId('reversal-attempts').textContent()).toContain('成功');
    await e.shot('91-journal-archive-detail', { window: true });
    await page.keyboard.press('Escape');

    // Back to 当前: the live rows again, the archived ones gone from it.
    await year.click();
    await page.getByTitle('年份: 当前').click();
    await expect.poll(() => page.getByTestId('archive-read-only-note').count(), { timeout: UI_TIMEOUT }).toBe(0);
    await expect.poll(() => live.filter({ hasText: '2023-03-10 09:00:00' }).count(), { timeout: UI_TIMEOUT }).toBe(0);
    expect(e.pageErrors).toEqual([]);
    expect(layout.total).toBe(11);
  });

  it('设置 shows 流水归档: the setting, the folder, the years and what the last run moved', async () => {
    const { page } = e;
    await page.keyboard.press('F10');
    const card = page.getByTestId('archive-settings');
    await card.waitFor();
    await expect
      .poll(() => page.getByTestId('archive-year-list').textContent(), { timeout: UI_TIMEOUT })
      .toBe('2023 年、2022 年');
    expect(await page.getByTestId('archive-last-run').textContent()).toContain('移出 5 条');
    expect(await page.getByTestId('archive-folder').inputValue()).toBe(join(temp.dir, 'data', 'archive'));
    expect(await card.textContent()).toContain('2 年前的流水归档');
    await card.scrollIntoViewIfNeeded();
    await e.shot('92-settings-archive', { window: true });
    expect(e.pageErrors).toEqual([]);
  });
});
