/**
 * The counter services' pure parts: line arithmetic, the once-only guard, refund views, query
 * classification, insured-area labels, error advice, validation messages.
 */
import { describe, expect, it } from 'vitest';
import { YibaoError } from '../../src-main/core/errors';
import { RejectedError, UnknownOutcomeError, NotSentError } from '../../src-main/protocol/call-errors';
import { priceLines, totalOf, wireLine } from '../../src-main/counter/sale-lines';
import { SettleOnce } from '../../src-main/counter/settle-once';
import { MoneyLane } from '../../src-main/counter/money-lane';
import { asRefundView, fenOf, settlementView } from '../../src-main/counter/settlement-view';
import { catalogueFilter, classifyQuery } from '../../src-main/counter/item-search';
import { defaultInsuranceIndex, regionOf } from '../../src-main/counter/person';
import { adviceFor } from '../../src-main/counter/error-advice';
import { describeIssue } from '../../src-main/api/handlers';
import { apiArgs } from '../../src-main/api/contract';
import type { Insuinfo } from '../../src-main/protocol/transactions/person';

const line = (cntText: string, pricText: string) => ({ code: 'X1', name: '药', cntText, pricText });

describe('sale lines', () => {
  it('computes each line as cnt × pric rounded half-up to the fen, and the total as the sum of lines', () => {
    const lines = priceLines([line('0.5', '21.37'), line('3', '0.333333'), line('2', '12.5')]);
    expect(lines.map((l) => l.amount)).toEqual([1069, 100, 2500]);
    expect(totalOf(lines)).toBe(3669);
    expect(wireLine(lines[0]!, 'B1-1', '2026-01-01 00:00:00')).toMatchObject({
      det_item_fee_sumamt: 10.69,
      cnt: 0.5,
      pric: 21.37,
      medins_list_codg: 'X1',
    });
  });

  it('refuses empty baskets, non-numbers, zero and too many decimals, naming the row', () => {
    expect(() => priceLines([])).toThrow(/至少录入一条明细/);
    expect(() => priceLines([line('1', '12.5'), line('abc', '1')])).toThrow(/第 2 行数量/);
    expect(() => priceLines([line('1', '0')])).toThrow(/第 1 行单价必须大于 0/);
    expect(() => priceLines([line('1.00001', '1')])).toThrow(/第 1 行数量/);
    expect(() => priceLines([line('0.0001', '0.01')])).toThrow(/不足 0.01 元/);
  });
});

describe('SettleOnce', () => {
  it('runs once per key: concurrent callers join, later callers get the remembered result', async () => {
    const once = new SettleOnce<{ id: number; repeated: boolean }>();
    let runs = 0;
    const work = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 20)); // stays: the work's own duration, so callers overlap it
      return { id: runs, repeated: false };
    };
    const repeat = (first: { id: number; repeated: boolean }) => ({ ...first, repeated: true });
    const [a, b] = await Promise.all([once.run('k', work, repeat), once.run('k', work, repeat)]);
    expect(runs).toBe(1);
    expect([a.repeated, b.repeated].sort()).toEqual([false, true]);
    expect(await once.run('k', work, repeat)).toEqual({ id: 1, repeated: true });
    expect((await once.run('other', work, repeat)).id).toBe(2);
  });

  it('forgets a failed run, so the next call tries again', async () => {
    const once = new SettleOnce<number>();
    await expect(
      once.run(
        'k',
        () => Promise.reject(new Error('down')),
        (x) => x,
      ),
    ).rejects.toThrow('down');
    expect(once.busy('k')).toBe(false);
    expect(
      await once.run(
        'k',
        async () => 7,
        (x) => x,
      ),
    ).toBe(7);
  });

  it('with remember = 0 only guards the run in flight', async () => {
    const once = new SettleOnce<number>(0);
    let runs = 0;
    await once.run(
      'k',
      async () => ++runs,
      (x) => x,
    );
    await once.run(
      'k',
      async () => ++runs,
      (x) => x,
    );
    expect(runs).toBe(2);
  });

  it('remembers exactly the last `remember` keys, forgetting the oldest first', async () => {
    const once = new SettleOnce<string>(2);
    const ran: string[] = [];
    const settle = (key: string) =>
      once.run(
        key,
        async () => {
          ran.push(key);
          return key;
        },
        (x) => `${x} again`,
      );
    await settle('a');
    await settle('b');
    expect(await settle('a')).toBe('a again'); // two keys fit
    await settle('c'); // a, the oldest, is forgotten; b and c stay
    expect(await settle('b')).toBe('b again');
    expect(await settle('c')).toBe('c again');
    expect(await settle('a')).toBe('a');
    expect(ran).toEqual(['a', 'b', 'c', 'a']);
  });

  it('counts the runs in flight (what "busy" on the counter screen is made of)', async () => {
    const once = new SettleOnce<number>();
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const first = once.run(
      'x',
      () => gate.then(() => 1),
      (n) => n,
    );
    const second = once.run(
      'y',
      () => gate.then(() => 2),
      (n) => n,
    );
    expect(once.inFlightCount).toBe(2);
    expect(once.busy('x')).toBe(true);
    release();
    await Promise.all([first, second]);
    expect(once.inFlightCount).toBe(0);
    expect(once.busy('x')).toBe(false);
  });
});

describe('MoneyLane', () => {
  it('runs one money-moving call at a time, in order, and goes on after a failure', async () => {
    const lane = new MoneyLane();
    const log: string[] = [];
    const job =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`${name}+`);
        await new Promise((r) => setTimeout(r, ms)); // stays: the job's own duration, not a wait for another step
        log.push(`${name}-`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([lane.run(job('a', 30)), lane.run(job('b', 5, true)), lane.run(job('c', 1))]);
    expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('settlement views', () => {
  it('reads amounts as integer fen and turns refund amounts positive, keeping the balance', () => {
    expect(fenOf(12.34)).toBe(1234);
    expect(fenOf('0.1')).toBe(10);
    expect(fenOf(undefined)).toBe(0);
    const view = settlementView(
      { infno: '2103', msgid: 'M1' },
      {
        setlinfo: { setl_id: 'S2', mdtrt_id: 'MD', medfee_sumamt: -74.49, acct_pay: -74.49, psn_cash_pay: 0, balc: 6215.04 },
        setldetail: [{ fund_pay_type: '310100', fund_payamt: -10.5 }],
      },
    );
    expect(view.medfeeFen).toBe(-7449);
    const refund = asRefundView(view);
    expect(refund).toMatchObject({ medfeeFen: 7449, acctPayFen: 7449, psnCashPayFen: 0, balanceAfterFen: 621504 });
    expect(refund.funds[0]).toMatchObject({
      amountFen: 1050,
      fundPayType: { code: '310100', label: '职工基本医疗保险统筹基金' },
    });
  });
});

describe('item search queries', () => {
  it('sends letters as 拼音首字母, code-like text as 医保编码, anything else as name; refuses barcodes', () => {
    expect(classifyQuery('amxl')).toBe('pinyin');
    expect(catalogueFilter('amxl')).toEqual({ pinyin: 'AMXL' });
    expect(catalogueFilter('xj01cad000a004011000158')).toEqual({ hilist_code: 'XJ01CAD000A004011000158' });
    expect(catalogueFilter('阿莫西林')).toEqual({ hilist_name: '阿莫西林' });
    expect(classifyQuery('6901234567892')).toBe('barcode');
    expect(() => catalogueFilter('6901234567892')).toThrow(/本地目录/);
  });
});

describe('person helpers', () => {
  it('labels the insured area against the institution’s area', () => {
    expect(regionOf('420100', '420100')).toBe('local');
    expect(regionOf('420100', '420500')).toBe('province');
    expect(regionOf('420100', '310100')).toBe('other-province');
  });

  it('chooses the first active insurance row', () => {
    const row = (stas: string) => ({ psn_insu_stas: stas }) as Insuinfo;
    expect(defaultInsuranceIndex([row('2'), row('1')])).toBe(1);
    expect(defaultInsuranceIndex([row('2')])).toBe(0);
  });
});

describe('what to do next', () => {
  const call = { infno: '2102', msgid: 'M' };
  it('advises by failure kind and by what the journal did with an unknown outcome', () => {
    expect(adviceFor(new NotSentError('E_NOT_SENT', 'x', call))).toContain('没有发出');
    expect(adviceFor(new RejectedError('E_REJECTED', 'x', call, '余额不足', -1, null))).toContain('没有产生费用');
    expect(adviceFor(new UnknownOutcomeError('E_UNKNOWN', 'x', call, { journalState: 'reversed' }))).toContain('可以重新结算');
    expect(adviceFor(new UnknownOutcomeError('E_UNKNOWN', 'x', call, { journalState: 'reversing' }))).toContain('F3');
    expect(adviceFor(new UnknownOutcomeError('E_UNKNOWN', 'x', call, { journalState: 'needs-manual' }))).toContain(
      '不要重复收费',
    );
    expect(adviceFor(new YibaoError('E_NOT_SIGNED_IN', 'x'))).toContain('F4');
    expect(adviceFor(new YibaoError('E_DEVICE_UNREADABLE', 'x'))).toContain('手工输入');
    expect(adviceFor(new Error('plain'))).toBeNull();
  });

  it('names the row of a list in validation messages', () => {
    const parsed = apiArgs['pharmacy.settle'].safeParse({
      basketId: 'B1234567',
      personKey: 'K'.repeat(16),
      acctUsed: true,
      lines: [
        { code: 'X', name: 'a', cntText: '1', pricText: '1' },
        { code: 'Y', name: 'b', cntText: '1', pricText: '1.1234567' },
      ],
    });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(describeIssue(issue?.path ?? [], issue?.message ?? '')).toBe('第 2 行: 单价应为大于 0 的数字, 最多 6 位小数');
  });
});
