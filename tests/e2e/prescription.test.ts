/**
 * 电子处方 in the browser (web mode on the sandbox): read the card, authorise and download the
 * person's prescription, check it, review it as a registered pharmacist, 转入购药, pre-settle and
 * settle on the 药店购药 screen; 7207 follows by itself and the prescription shows 已销售出库.
 * Once nationally (7201 → 7204 → 7205 → 7206 → 7207) and once as a Hubei counter on a center playing
 * Hubei (seeds 002 / 004: 7202 → 7203 → 7204 审核, no 7207): the codes at the center are compared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatYuan, fen, sumFen } from '../../src-main/sandbox/amounts';
import { formatDateTime } from '../../src-main/core/time';
import { ensurePrescriptions } from '../../src-main/sandbox/seed/prescriptions';
import { PrescriptionRepo, type RxPrescription } from '../../src-main/sandbox/store/prescriptions';
import type { PersonRow } from '../../src-main/sandbox/store';
import type { ProfileId } from '../../src-main/registry/profile';
import { readCard, signIn, startCounterE2E, UI_TIMEOUT, type CounterE2E } from './counter-e2e';

const REGIONS: readonly { profile: ProfileId; codes: string[]; centerState: string; saleNo: boolean }[] = [
  { profile: 'national', codes: ['7201', '7204', '7205', '7206', '7207'], centerState: 'sold', saleNo: true },
  { profile: 'hubei', codes: ['7202', '7203', '7204'], centerState: 'audited', saleNo: false },
];

describe.each(REGIONS)('电子处方 screen ($profile)', ({ profile, codes, centerState, saleNo }) => {
  let e: CounterE2E;
  let rx: RxPrescription;
  let person: PersonRow;
  let repo: PrescriptionRepo;

  beforeAll(async () => {
    e = await startCounterE2E({ profile }, { numbering: profile });
    const store = e.h.sandbox.center.store;
    ensurePrescriptions(store, new Date());
    repo = new PrescriptionRepo(store.db);
    const now = formatDateTime(new Date());
    rx = repo
      .all()
      .find((r) => store.persons.getByPsnNo(r.psnNo)?.category === 'emp-active' && r.validEndTime > now) as RxPrescription;
    person = store.persons.getByPsnNo(rx.psnNo) as PersonRow;
  }, 180_000);
  afterAll(async () => {
    await e?.close();
  });

  it("takes a prescription from authorisation to a settled sale with the region's codes", async () => {
    const { page } = e;
    await page.getByTestId('opter').waitFor();
    await signIn(page);
    await readCard(page, person);
    await page.getByTestId('menu').getByText('电子处方').click();
    await page.getByTestId('rx-screen').waitFor();
    await page.getByTestId('rx-number').fill(rx.hiRxno);
    await page.getByTestId('rx-authorize').click();
    await page.getByTestId('rx-detail').waitFor();
    await page.getByTestId('rx-download').click();
    await page.getByTestId('rx-verify').waitFor();
    const total = sumFen(repo.lines(rx.hiRxno).map((l) => l.sumamt));
    expect(await page.getByTestId('rx-total').textContent()).toBe(formatYuan(fen(total)));
    expect(await page.getByTestId('rx-detail').textContent()).not.toContain(person.psnName);
    await e.shot(`rx-01-downloaded-${profile}`);

    await page.getByTestId('rx-verify').click();
    await page.getByTestId('rx-pharmacist').click();
    await page.locator('.ant-select-item-option').first().click();
    await e.shot(`rx-02-review-${profile}`);
    await page.getByTestId('rx-audit').click();
    await page.getByTestId('rx-to-basket').waitFor();
    expect(repo.get(rx.hiRxno)?.state).toBe('audited');

    await page.getByTestId('rx-to-basket').click();
    const rows = page.locator('[data-testid="lines"] tbody tr[data-row-key]');
    await expect.poll(() => rows.count(), { timeout: UI_TIMEOUT }).toBe(repo.lines(rx.hiRxno).length);
    await expect.poll(() => page.getByTestId('lines-total').textContent(), { timeout: UI_TIMEOUT }).toBe(formatYuan(fen(total)));
    await page.keyboard.press('F5');
    await page.getByTestId('pre-settlement').waitFor();
    await page.keyboard.press('F6');
    await page.getByTestId('sale-done').waitFor();
    await e.shot(`rx-03-settled-${profile}`);

    await expect.poll(() => repo.get(rx.hiRxno)?.state, { timeout: UI_TIMEOUT }).toBe(centerState);
    await page.getByTestId('menu').getByText('电子处方').click();
    await page.getByTestId('rx-list').getByText('已销售出库').waitFor();
    await page.getByTestId('rx-list').getByText(rx.hiRxno).click();
    if (saleNo) {
      await expect.poll(() => page.getByTestId('rx-settlement').textContent(), { timeout: UI_TIMEOUT }).toContain('出库单号 SL');
    }
    await e.shot(`rx-04-sold-${profile}`);
    const sent = e.h.sandbox.center.store.messages
      .query({ limit: 10_000 })
      .filter((m) => m.infno.startsWith('72') && m.infcode === 0)
      .map((m) => m.infno);
    expect(sent).toEqual(codes);
    expect(e.pageErrors).toEqual([]);
  }, 180_000);
});
