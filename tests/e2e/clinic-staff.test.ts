/**
 * Issue 17 point 10, at a clinic counter (1366×768): 挂号 offers the institution's doctors (5102)
 * and departments kept in the counter's database, found by 拼音首字母; a department typed once is
 * kept and is the next registration's default (not the browser's localStorage); the 就诊信息 form
 * says up front that there is no local 疾病与诊断 catalogue and what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { deriveInitials } from '../../src-main/catalogue/initials';
import { practitionersOf } from '../../src-main/sandbox/seed/practitioners';
import { CLINIC } from '../helpers/sandbox-harness';
import { OPERATOR, personsOf } from '../helpers/sandbox-fixtures';
import { centerPort } from '../../src-main/catalogue/center-port';
import { LocalCatalogue } from '../../src-main/catalogue/local-catalogue';
import { syncCatalogue } from '../../src-main/catalogue/sync';
import type { DiagnosisView } from '../../src-main/api/contract';
import { DIAGNOSIS_SEARCH_SHOWN } from '../../src-main/api/search-limits';
import { appReady, readCard, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';
import { waitFocus } from './till-keys';

let e: CounterE2E;
let people: PersonRow[];

beforeAll(async () => {
  e = await startCounterE2E({ institution: CLINIC });
  await e.page.setViewportSize({ width: 1366, height: 768 });
  people = personsOf(e.h.sandbox.center.store, 'emp-retired', 20_000).slice(0, 3);
}, 180_000);
afterAll(async () => {
  await e?.close();
});

const value = (testId: string) => e.page.getByTestId(testId).inputValue();

describe('挂号 with the institution’s departments and doctors', () => {
  it('offers the 5102 doctors by 拼音首字母 and keeps a department typed by hand', async () => {
    const { page } = e;
    const doctor = practitionersOf(Number(e.h.sandbox.center.store.meta.get('seed')), CLINIC.fixmedinsCode).find(
      (p) => p.pracPsnType === '1',
    );
    if (!doctor) throw new Error('the sandbox clinic lists no 医师');
    await signIn(page, 'OP002', '李收费');
    await readCard(page, people[0] as PersonRow);
    await page.keyboard.press('F2');
    await expect.poll(() => page.getByTestId('staff-note').textContent(), { timeout: UI_TIMEOUT }).toContain('还没有科室');

    await page.getByTestId('sync-doctors').click();
    await expect.poll(() => page.getByTestId('staff-note').textContent(), { timeout: UI_TIMEOUT }).toContain('本次列出医师 4 位');
    await page.getByTestId('doctor-code').fill(deriveInitials(doctor.pracPsnName).toLowerCase());
    await page.getByTestId('doctor-code-option').filter({ hasText: doctor.pracPsnCode }).waitFor();
    await e.shot('17-10-doctor-pick', { window: true });
    await page.getByTestId('doctor-code').press('Enter');
    await expect.poll(() => value('doctor-name')).toBe(doctor.pracPsnName);
    expect(await value('doctor-code')).toBe(doctor.pracPsnCode);
    // Enter with the department still empty: said under each empty field, the cursor in the first, no 2201.
    await page.getByTestId('doctor-code').press('Enter');
    await page.getByRole('alert').filter({ hasText: '请输入科室编码' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '请输入科别' }).count()).toBe(1);
    await waitFocus(page, 'dept-code');
    expect(await page.getByTestId('diag-code-0').isVisible()).toBe(false);
    await e.shot('17-10-register-problems', { window: true });

    await page.getByTestId('dept-code').fill('NK01');
    await page.getByTestId('dept-name').fill('内科');
    await page.getByTestId('caty').fill('A03');
    await page.getByTestId('caty').press('Enter');
    await page.getByTestId('diag-code-0').waitFor();
    const rows = e.web.app.lightDb
      .prepare('SELECT code, name, caty, initials FROM clinic_department WHERE fixmedins_code = ?')
      .all(CLINIC.fixmedinsCode);
    expect(rows).toEqual([{ code: 'NK01', name: '内科', caty: 'A03', initials: 'NK' }]);
    expect(await page.evaluate("Object.keys(localStorage).filter((k) => k.includes('clinic')).length")).toBe(0);
  }, 120_000);

  it('says before any typing that there is no local diagnosis catalogue, and what to do', async () => {
    const note = e.page.getByTestId('diag-search-note');
    await expect.poll(() => note.textContent(), { timeout: UI_TIMEOUT }).toContain('本地还没有疾病与诊断目录');
    expect(await note.textContent()).toContain('请直接填写诊断编码和名称');
    await e.shot('17-10-no-diagnosis-catalogue', { window: true });
  }, 60_000);

  it('the next registration defaults to the last department and doctor and finds 内科 by "nk"', async () => {
    const { page } = e;
    // A fresh page load: nothing is remembered by the browser, the defaults come from the counter.
    await page.reload();
    await appReady(page);
    await readCard(page, people[1] as PersonRow);
    await page.keyboard.press('F2');
    await page.getByTestId('dept-code').waitFor();
    expect(await value('dept-code')).toBe('NK01');
    expect(await value('caty')).toBe('A03');
    expect(await value('doctor-name')).not.toBe('');

    await page.getByTestId('dept-code').fill('nk');
    await page.getByTestId('dept-name').fill('');
    await page.getByTestId('caty').fill('');
    await page.getByTestId('dept-code').click();
    await page.getByTestId('dept-code-option').filter({ hasText: '内科' }).waitFor();
    await e.shot('17-10-dept-pick', { window: true });
    await page.getByTestId('dept-code').press('Enter');
    await expect.poll(() => value('dept-name')).toBe('内科');
    expect(await value('caty')).toBe('A03');
    expect(await value('dept-code')).toBe('NK01');
  }, 120_000);
});

describe('就诊信息: a diagnosis found by letters and Enter typed without waiting (bench:till)', () => {
  it('Enter after more letters takes the first hit for all of them, not one of the list still shown', async () => {
    const { page } = e;
    const local = LocalCatalogue.open(e.web.app.db.name);
    try {
      await syncCatalogue(local, centerPort(e.web.app, OPERATOR), e.web.app.client.profile, { only: ['1307'] });
    } finally {
      local.close();
    }
    const answer = async (query: string): Promise<DiagnosisView> => {
      const r = await e.web.runtime.invoke('diagnosis.search', { query, limit: DIAGNOSIS_SEARCH_SHOWN });
      const top = r.ok ? (r.value as readonly DiagnosisView[])[0] : undefined;
      if (!top) throw new Error(`no diagnosis for ${query}`);
      return top;
    };
    const [whole, shown] = [await answer('gxy'), await answer('g')];
    // Otherwise this test could not tell the two lists apart.
    expect(whole.code).not.toBe(shown.code);

    await readCard(page, people[2] as PersonRow);
    await page.keyboard.press('F2');
    await page.getByTestId('dept-code').waitFor();
    expect(await value('dept-code')).toBe('NK01');
    await page.getByTestId('dept-code').focus();
    await page.keyboard.press('Enter');
    await waitFocus(page, 'diag-code-0');
    await page.keyboard.type('g');
    await page.locator('.search-list [data-testid="diag-option"]').first().waitFor();
    // "xy" and Enter as fast as a cashier who knows the letters: the list of "g" is still on screen.
    await page.keyboard.type('xy');
    await page.keyboard.press('Enter');
    await expect.poll(() => value('diag-name-0'), { timeout: UI_TIMEOUT }).toBe(whole.name);
    expect(await value('diag-code-0')).toBe(whole.code);
    await e.shot('17-bench-diagnosis-typed-ahead', { window: true });
    // The dropdown is shut: the next Enter uploads 就诊信息 (2203) and goes on to fee entry.
    await page.keyboard.press('Enter');
    await waitFocus(page, 'item-search');
  }, 300_000);
});
