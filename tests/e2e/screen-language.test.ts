/**
 * Issue 17 point 8: no English, field names or paths on any screen. Walks every screen of the
 * sidebar for a pharmacy and for a clinic, and the states a cashier meets often (a person read,
 * a search with and without hits, a wrong name, a bad scan, an error notice, a settled sale, the
 * 交班单), at 1366×768, and lists every Latin word on screen that is not a code or a unit
 * (tests/e2e/screen-words.ts says which are allowed and why).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PersonRow } from '../../src-main/sandbox/store';
import { personsOf, pharmacyItems } from '../helpers/sandbox-fixtures';
import { ControlDouble, controlDevices } from '../helpers/control-double';
import {
  addItem,
  chooseInstitution,
  readCard,
  readThroughControl,
  registerByHand,
  signIn,
  startCounterE2E,
  UI_TIMEOUT,
  type CounterE2E,
} from './counter-e2e';
import { misplacedWords, screenPieces } from './screen-words';

let e: CounterE2E;
let person: PersonRow;
/** After the switch to 四川 the person is read through the 安全控件 (the DLL double). */
let control: ControlDouble;

/** Screen → the Latin words found on it that should not be there, each with where it was seen. */
type Findings = Record<string, string[]>;

async function look(found: Findings, name: string): Promise<void> {
  await e.page.waitForTimeout(300); // antd transitions: a closing modal's text is still in the body
  const words = misplacedWords(await screenPieces(e.page));
  if (words.length > 0) found[name] = words;
}

/** Opens a screen from the sidebar, as the cashier does with the mouse, and looks at it. */
async function visit(found: Findings, label: string, ready: string): Promise<void> {
  await e.page.getByTestId('menu').getByText(label, { exact: false }).click();
  await e.page.locator(ready).first().waitFor();
  await look(found, label);
}

beforeAll(async () => {
  e = await startCounterE2E({ devices: controlDevices() });
  control = new ControlDouble(e.h.dir);
  await e.page.setViewportSize({ width: 1366, height: 768 });
  person = personsOf(e.h.sandbox.center.store, 'emp-retired', 20_000)[0] as PersonRow;
}, 180_000);
afterAll(async () => {
  control?.close();
  await e?.close();
});

describe('issue 17.8: only Chinese, codes and units on screen', () => {
  it('pharmacy: reading, searching, errors, a settled sale and every screen of the sidebar', async () => {
    const { page } = e;
    const found: Findings = {};
    const { a } = pharmacyItems(e.h.sandbox.center.store);

    await look(found, '签到 (未签到)');
    await signIn(page);
    await look(found, '读卡');

    // A name that does not go with the ID number: the center refuses the read.
    await page.keyboard.press('F1');
    await page.getByTestId('id-number').fill(person.certno);
    await page.getByTestId('id-name').fill('王不对');
    await page.getByTestId('id-name').press('Enter');
    await page.getByTestId('read-error').waitFor();
    await look(found, '读卡: 姓名不符');
    await e.shot('17-8-wrong-name', { window: true });

    // A raw 电子凭证 QR code (not decoded by the certificate component) typed by the scanner.
    await page.getByTestId('read-mode').getByText('扫码', { exact: false }).click();
    await page.getByTestId('scan-text').fill('');
    await page.getByTestId('scan-text').press('Enter');
    await page.getByTestId('scan-text').fill('6A2F0C93B1D84E7A9C5510FE3B7D2A41');
    await page.getByTestId('scan-text').press('Enter');
    await page.getByTestId('read-error').waitFor();
    await look(found, '读卡: 二维码无法识别');
    await e.shot('17-8-bad-scan', { window: true });

    await page.getByTestId('read-mode').getByText('身份证号', { exact: false }).click();
    await readCard(page, person);
    await look(found, '收费: 读卡后');
    await page.keyboard.press('F1');
    await look(found, '读卡: 人员信息');

    await page.keyboard.press('F2');
    const box = page.getByTestId('item-search');
    await box.click();
    await box.fill(a.code);
    await page.locator('.search-option').first().waitFor();
    await look(found, '收费: 查找有结果');
    await box.fill('没有这种药品');
    await page.getByTestId('item-search-empty').waitFor();
    await look(found, '收费: 查找无结果');
    await box.fill('');
    await page.keyboard.press('Escape');

    await addItem(page, a.code, a.code, '12.5');
    await look(found, '收费: 明细');
    await page.keyboard.press('F5');
    await page.getByTestId('pre-settlement').waitFor();
    await look(found, '收费: 预结算');
    await page.keyboard.press('F6');
    await page.getByTestId('sale-done').waitFor();
    await look(found, '收费: 结算成功');
    await page.keyboard.press('F8');
    await page.locator('[data-testid="sale-history"] tbody tr.ant-table-row').first().waitFor();
    await look(found, '收费: 历史');
    await page.keyboard.press('F8');

    await visit(found, '交易流水', '[data-testid="journal-rows"] tbody tr.ant-table-row');
    await page.locator('[data-testid="journal-rows"] tbody tr.ant-table-row').first().click();
    await page.getByTestId('journal-detail').waitFor();
    await look(found, '交易流水: 详情');
    // The raw request and answer (the auditor's record) only when asked for, in the marked element.
    const rawToggle = page.getByTestId('raw-message').getByText('原始报文');
    if ((await page.locator('[data-raw-message]').count()) > 0 || (await rawToggle.count()) === 0) {
      found['交易流水: 原始报文'] = ['(raw message not in a collapsed 「原始报文」 element)'];
    } else {
      await rawToggle.click();
      await expect.poll(() => page.locator('[data-raw-message]').textContent(), { timeout: UI_TIMEOUT }).toContain('"infno"');
      await look(found, '交易流水: 详情与原始报文');
    }
    await page.keyboard.press('Escape');
    await page.getByTestId('journal-detail').waitFor({ state: 'hidden' });

    await visit(found, '电子处方', 'text=电子处方');
    await visit(found, '对账与报表', 'text=对账');
    await visit(found, '价目表', 'text=价目表');
    await visit(found, '目录对照', 'text=目录对照');
    await visit(found, '进销存上传', 'text=进销存');
    await visit(found, '设置', '[data-testid="devices"]');
    await e.shot('17-8-settings');
    await page.getByTestId('profile').locator('.ant-select').click();
    await page.locator('.ant-select-item-option').first().waitFor();
    await look(found, '设置: 地区列表');
    await page.keyboard.press('Escape');
    await visit(found, '接口清单', 'text=接口');

    // The 交班单 at sign-out.
    await page.keyboard.press('F4');
    await page.keyboard.press('F8');
    await page.getByTestId('confirm-sign-out').waitFor();
    await look(found, '签退: 确认');
    await page.keyboard.press('Enter');
    await page.getByTestId('handover-slip').waitFor();
    await look(found, '交班单');

    expect(found).toEqual({});
    expect(e.pageErrors).toEqual([]);
  }, 300_000);

  it('clinic: 挂号, 就诊信息, a settled bill and every screen of the sidebar', async () => {
    const { page } = e;
    const found: Findings = {};
    const { a } = pharmacyItems(e.h.sandbox.center.store);

    await page.keyboard.press('F10');
    await chooseInstitution(page, 'H42010000002');
    await page.getByTestId('profile').locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '四川' }).click();
    await page.keyboard.press('F6');
    await page.getByTestId('confirm-save').waitFor();
    await look(found, '设置: 保存确认');
    await page.keyboard.press('Enter');
    await page.getByTestId('settings-saved').waitFor();
    await page.locator('.ant-modal').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('status-bar').textContent(), { timeout: UI_TIMEOUT }).toContain('H42010000002');
    await look(found, '设置: 已保存');

    await signIn(page, 'OP002', '李收费');
    await readThroughControl(page, control, person);
    await page.keyboard.press('F2');
    await page.getByTestId('dept-code').waitFor();
    await look(found, '门诊收费: 挂号');
    await registerByHand(page);
    await look(found, '门诊收费: 就诊信息');
    await page.getByTestId('main-cond').fill('咳嗽三天');
    await page.getByTestId('diag-code-0').fill('J06.900');
    await page.getByTestId('diag-name-0').fill('急性上呼吸道感染');
    await page.getByTestId('diag-name-0').press('Enter');
    await page.getByTestId('item-search').waitFor();
    await addItem(page, a.code, a.code, '12.5');
    await page.keyboard.press('F5');
    await page.getByTestId('clinic-pre-settlement').waitFor();
    await look(found, '门诊收费: 预结算');
    await page.keyboard.press('F6');
    await page.getByTestId('clinic-done').waitFor();
    await look(found, '门诊收费: 结算成功');

    await visit(found, '交易流水', '[data-testid="journal-rows"] tbody tr.ant-table-row');
    await visit(found, '对账与报表', 'text=对账');
    await visit(found, '价目表', 'text=价目表');
    await visit(found, '目录对照', 'text=目录对照');
    await visit(found, '进销存上传', 'text=进销存');
    await visit(found, '设置', '[data-testid="devices"]');
    await visit(found, '接口清单', 'text=接口');

    expect(found).toEqual({});
    expect(e.pageErrors).toEqual([]);
  }, 300_000);
});
