import { describe, expect, it } from 'vitest';
import { NotSentError, RejectedError, UnknownOutcomeError, isCenterCallError } from '../../src-main/protocol/call-errors';
import { YibaoError } from '../../src-main/core/errors';

const call = { infno: '2207', msgid: 'H42010000002202611230902030001' };

describe('center call errors', () => {
  it('each kind carries its kind, its own name, the call and the detail', () => {
    const errors = [
      [new NotSentError('E_CONNECT', '无法连接医保中心', call, { url: 'http://c' }), 'not-sent', 'NotSentError'],
      [new RejectedError('E_REJECTED', '中心拒绝', call, '签到编号无效', -1, 'R1'), 'rejected', 'RejectedError'],
      [new UnknownOutcomeError('E_TIMEOUT', '结果未知', call), 'unknown', 'UnknownOutcomeError'],
    ] as const;
    for (const [error, kind, name] of errors) {
      expect(error.kind).toBe(kind);
      // The name is what a stack trace or String(error) shows for an error nobody turned into a cashier message.
      expect(error.name).toBe(name);
      expect(String(error)).toMatch(new RegExp(`^${name}: \\[E_`));
      expect(error.detail).toMatchObject({ infno: '2207', msgid: call.msgid });
      expect(isCenterCallError(error)).toBe(true);
    }
    expect(errors[0][0].detail).toMatchObject({ url: 'http://c' });
    expect(errors[1][0].detail).toMatchObject({ errMsg: '签到编号无效', infcode: -1, infRefmsgid: 'R1' });
  });

  it('another YibaoError or a plain Error is not a center call error', () => {
    expect(isCenterCallError(new YibaoError('E_X', '别的错误'))).toBe(false);
    expect(isCenterCallError(new Error('x'))).toBe(false);
    expect(isCenterCallError(null)).toBe(false);
  });
});
