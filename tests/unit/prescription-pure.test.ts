/** The prescription state machine, the 7204 parser and the basket it yields, without a center. */
import { describe, expect, it } from 'vitest';
import { canStep, nextState as nextIn, rxNextHint, RX_LOCAL_STATES, RX_STEPS } from '../../src-main/prescription/rx-state';
import { getProfile } from '../../src-main/registry/profile';
import { basketLinesOf, parseDownloadedRx } from '../../src-main/prescription/rx-parse';
import { lineAmount, parsePrice, parseQty, priceNumber, qtyNumber } from '../../src-main/core/money';
import { parseContinue } from '../../src-main/cli/commands/audit';

const NATIONAL = getProfile('national').rxCodes;
const HUBEI = getProfile('hubei').rxCodes;
const nextState = (state: Parameters<typeof nextIn>[0], step: Parameters<typeof nextIn>[1], hiRxno = '') =>
  nextIn(state, step, hiRxno, NATIONAL);

const answer = (lines: { cnt: number; pric: number; sumamt: number }[]) => ({
  rxinfo: {
    hi_rxno: 'RX1',
    rx_trace_code: 'TR1',
    fixmedins_code: 'H42010000004',
    fixmedins_name: '沙箱区人民医院',
    prsc_time: '2026-01-01 08:00:00',
    valid_end_time: '2026-01-04 08:00:00',
    rx_stas_codg: '3',
    rx_drug_nums: lines.length,
  },
  mdtrtinfo: {
    psn_no: 'P1',
    patn_name: '张三',
    prsc_dept_name: '内科',
    prsc_dr_name: '李医生',
    diag_code: 'I10.x00',
    diag_name: '原发性高血压',
  },
  rxdetlinfo: lines.map((l, i) => ({
    rx_detl_no: `RX1-${i + 1}`,
    med_list_codg: `XA01${i}`,
    drug_genname: `药${i}`,
    drug_cnt: l.cnt,
    drug_cnt_unit: '盒',
    drug_pric: l.pric,
    drug_sumamt: l.sumamt,
    medc_way_dscr: '口服',
    used_frqu_name: '一日三次',
  })),
});

describe('prescription state machine', () => {
  it('walks the whole flow in order', () => {
    let s = nextState('new', 'authorize');
    for (const step of ['download', 'verify', 'auditPass', 'settle', 'saleUpload', 'deliver', 'deliver', 'sign'] as const) {
      s = nextState(s, step);
    }
    expect(s).toBe('signed');
  });

  it('refuses a step out of order with the state and the next step in the message', () => {
    expect(() => nextState('downloaded', 'auditPass', 'RX9')).toThrow(
      /RX9 当前已下载, 不能审方 \(7206\); 下一步: 核验处方 \(7205\)/,
    );
    expect(() => nextState('new', 'download')).toThrow(/先授权/);
    expect(() => nextState('refused', 'settle')).toThrow(/E_RX_STATE|审方/);
  });

  it("names the region's codes: 湖北 downloads with 7203 and audits with 7204 (seed 002), 核验 rides on the audit", () => {
    expect(() => nextIn('authorized', 'verify', 'RX8', HUBEI)).toThrow(
      /RX8 当前已授权, 不能核验 \(随审核 7204\); 下一步: 下载处方 \(7203\)/,
    );
    expect(() => nextIn('new', 'download', 'RX8', HUBEI)).toThrow(/先授权 \(7202\)/);
    expect(rxNextHint('verified', HUBEI)).toBe('药师审方 (7204)');
    expect(rxNextHint('settled', HUBEI)).toBe('上传销售出库明细 (本地区无此交易)');
    expect(rxNextHint('sold', HUBEI)).toBe('如需配送, 同步配送信息 (7205)');
    // Every hint under 湖北 names only 湖北's codes: no national 7201 / 7206–7210 left in a message.
    for (const state of RX_LOCAL_STATES) expect(rxNextHint(state, HUBEI)).not.toMatch(/720[16-9]|7210/);
    expect(rxNextHint('authorized', NATIONAL)).toBe('下载处方 (7204)');
  });

  it('refund after 7207 waits for 7208; before 7207 it goes straight back to audited', () => {
    expect(nextState('sold', 'refund')).toBe('refunded');
    expect(nextState('refunded', 'saleRevoke')).toBe('audited');
    expect(nextState('settled', 'refund')).toBe('audited');
    expect(canStep('delivering', 'refund')).toBe(false);
  });

  it('every state allows at least one step except the final ones', () => {
    const dead = RX_LOCAL_STATES.filter((s) => !RX_STEPS.some((step) => canStep(s, step)));
    expect(dead).toEqual(['refused', 'signed']);
  });
});

describe('7204 answer', () => {
  it('converts quantities and prices exactly and sums in fen', () => {
    const rx = parseDownloadedRx(
      answer([
        { cnt: 2, pric: 12.345678, sumamt: 24.69 },
        { cnt: 0.5, pric: 3.3, sumamt: 1.65 },
      ]),
    );
    expect(rx.lines.map((l) => l.amount)).toEqual([2469, 165]);
    expect(rx.totalFen).toBe(2634);
    expect(rx.diagnosis).toBe('I10.x00 原发性高血压');
    const basket = basketLinesOf(rx);
    expect(basket.map((l) => [l.cntText, l.pricText])).toEqual([
      ['2', '12.345678'],
      ['0.5', '3.3'],
    ]);
    // The basket line prices to the same amount as the prescription line.
    for (const [i, l] of basket.entries())
      expect(lineAmount(parseQty(l.cntText), parsePrice(l.pricText))).toBe(rx.lines[i]?.amount);
    expect(qtyNumber(rx.lines[0]!.cnt)).toBe(2);
    expect(priceNumber(rx.lines[0]!.pric)).toBe(12.345678);
  });

  it('refuses a line whose amount is not quantity × price, and a malformed answer', () => {
    expect(() => parseDownloadedRx(answer([{ cnt: 2, pric: 10, sumamt: 21 }]))).toThrow(/第 1 行金额/);
    expect(() => parseDownloadedRx({ rxinfo: {} })).toThrow(/E_RX_ANSWER|格式不正确/);
  });
});

describe('audit feedback option', () => {
  it('splits JR id and reason at the first colon and needs both', () => {
    expect(parseContinue('JR1:病情需要: 已告知')).toEqual({ jrId: 'JR1', action: 'continue', reason: '病情需要: 已告知' });
    expect(() => parseContinue('JR1')).toThrow(/违规标识:理由/);
    expect(() => parseContinue('JR1:')).toThrow(/违规标识:理由/);
  });
});
