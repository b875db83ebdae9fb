import { describe, expect, it } from 'vitest';
import { parseResponseText } from '../../src-main/protocol/response';
import { RejectedError, UnknownOutcomeError } from '../../src-main/protocol/call-errors';
import { instanceOf, rejectionOf } from '../helpers/rejection';

const call = { infno: '2207', msgid: 'H42010000002202611230902030001' };

/** The error parsing `body` throws, of the kind expected (rejectionOf fails the test otherwise). */
const failure = <E>(body: string, kind: abstract new (...args: never[]) => E) =>
  rejectionOf(
    Promise.resolve().then(() => parseResponseText(body, call)),
    instanceOf(kind),
  );

describe('response parsing', () => {
  it('accepts infcode 0 as number or string and surfaces warn_msg', () => {
    const r = parseResponseText(
      JSON.stringify({ infcode: '0', inf_refmsgid: 'R1', warn_msg: '余额不足以支付全部个人负担', output: { a: 1 } }),
      call,
    );
    expect(r.output).toEqual({ a: 1 });
    expect(r.warnMsg).toBe('余额不足以支付全部个人负担');
    expect(r.infRefmsgid).toBe('R1');
  });

  it('turns infcode ≠ 0 into a RejectedError carrying err_msg, inf_refmsgid, infno and msgid', () => {
    try {
      parseResponseText(JSON.stringify({ infcode: -1, inf_refmsgid: 'R2', err_msg: '签到编号无效' }), call);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RejectedError);
      const err = e as RejectedError;
      expect(err.kind).toBe('rejected');
      expect(err.errMsg).toBe('签到编号无效');
      expect(err.infRefmsgid).toBe('R2');
      expect(err.call).toEqual(call);
      expect(err.messageZh).toContain('签到编号无效');
    }
  });

  it('a rejection without err_msg still tells the cashier something; warn_msg travels in the detail', async () => {
    const err = await failure(JSON.stringify({ infcode: -1, warn_msg: '请核对' }), RejectedError);
    expect(err.code).toBe('E_CENTER_REJECTED');
    expect(err.messageZh).toBe('医保中心拒绝了交易 2207: (未返回错误信息)');
    expect(err.errMsg).toBe('');
    expect(err.detail).toMatchObject({ warnMsg: '请核对', infno: '2207', msgid: call.msgid });
  });

  it('an unreadable answer: code and message for the log and the cashier, the start of the body kept', async () => {
    const body = `<html>${'x'.repeat(200)}</html>`;
    const bad = await failure(body, UnknownOutcomeError);
    expect(bad.code).toBe('E_RESPONSE_UNPARSEABLE');
    expect(bad.messageZh).toBe('医保中心的应答不是有效的 JSON, 交易结果未知 (2207)');
    expect(bad.detail).toMatchObject({ bodyPrefix: body.slice(0, 120) });
    expect(bad.cause).toBeInstanceOf(SyntaxError);

    const invalid = await failure(JSON.stringify({ infcode: 'abc' }), UnknownOutcomeError);
    expect(invalid.code).toBe('E_RESPONSE_INVALID');
    expect(invalid.messageZh).toMatch(/^医保中心的应答格式不正确 \(infcode: .+\), 交易结果未知$/);
  });

  it('treats an unreadable answer as unknown outcome', () => {
    expect(() => parseResponseText('<html>502</html>', call)).toThrow(UnknownOutcomeError);
    expect(() => parseResponseText(JSON.stringify({ output: {} }), call)).toThrow(UnknownOutcomeError);
    expect(() => parseResponseText(JSON.stringify({ infcode: 'abc' }), call)).toThrow(UnknownOutcomeError);
  });
});
