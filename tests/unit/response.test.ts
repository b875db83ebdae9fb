import { describe, expect, it } from 'vitest';
import { parseResponseText } from '../../src-main/protocol/response';
import { RejectedError, UnknownOutcomeError } from '../../src-main/protocol/call-errors';

const call = { infno: '2207', msgid: 'H42010000002202611230902030001' };

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

  it('treats an unreadable answer as unknown outcome', () => {
    expect(() => parseResponseText('<html>502</html>', call)).toThrow(UnknownOutcomeError);
    expect(() => parseResponseText(JSON.stringify({ output: {} }), call)).toThrow(UnknownOutcomeError);
    expect(() => parseResponseText(JSON.stringify({ infcode: 'abc' }), call)).toThrow(UnknownOutcomeError);
  });
});
