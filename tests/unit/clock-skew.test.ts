/**
 * The counter's clock against the center's (journal/clock-skew.ts): read from real journal entries in a real
 * SQLite file, with the local clock set by the test so the difference is known to the second.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CLOCK_WARN_AFTER_SECONDS, clockCheckOf, describeSkew } from '../../src-main/journal/clock-skew';
import type { RequestEnvelope } from '../../src-main/protocol/envelope';
import { openJournalFile } from '../helpers/journal-file';

// 2026-11-23 16:00:00 in China (UTC+8), the local clock of every answer below.
const LOCAL = new Date('2026-11-23T08:00:00Z');

let cleanup: () => void = () => {};
afterEach(() => {
  vi.useRealTimers();
  cleanup();
});

function journalOn() {
  const { journal, close } = openJournalFile();
  cleanup = close;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(LOCAL);
  let n = 0;
  /** One call answered now (local clock) with what the center said about its own time. */
  const answered = (state: 'ok' | 'rejected' | 'unknown', centerTimes: Record<string, unknown>) => {
    const msgid = `P42010000001202611231600000${String(++n).padStart(3, '0')}`;
    journal.prepare({
      infno: '1101',
      msgid,
      opter: 'OP1',
      opter_name: '张',
      sign_no: 'S',
      fixmedins_code: 'P42010000001',
      input: { data: {} },
    } as unknown as RequestEnvelope);
    journal.markSent(msgid);
    journal.finish(msgid, state, { response: { output: {}, ...centerTimes } });
    return msgid;
  };
  return { journal, answered };
}

describe('clock check against the center', () => {
  it('is null while no answer carries a center time', () => {
    const { journal, answered } = journalOn();
    expect(clockCheckOf(journal)).toBeNull();
    answered('ok', {});
    answered('ok', { respond_time: 'yesterday', refmsg_time: 20261123160000 });
    expect(clockCheckOf(journal)).toBeNull();
  });

  it('warns when the local clock is behind by more than two minutes, naming the message', () => {
    const { journal, answered } = journalOn();
    const msgid = answered('ok', { respond_time: '20261123160301' }); // center 3 min 1 s ahead
    expect(clockCheckOf(journal)).toEqual({
      skewSeconds: 181,
      centerTime: '20261123160301',
      localTime: '2026-11-23 16:00:00',
      msgid,
      warning: `本机时钟比医保中心慢 3 分钟 (报文 ${msgid}): 请校准电脑时间, 否则报文时间 (inf_time、msgid) 会错`,
    });
  });

  it('warns only beyond the threshold, either way', () => {
    expect(CLOCK_WARN_AFTER_SECONDS).toBe(120);
    const { journal, answered } = journalOn();
    answered('ok', { respond_time: '20261123160200' });
    expect(clockCheckOf(journal)).toMatchObject({ skewSeconds: 120, warning: null });
    answered('ok', { respond_time: '20261123155800' });
    expect(clockCheckOf(journal)).toMatchObject({ skewSeconds: -120, warning: null });
    answered('ok', { respond_time: '20261123155759' });
    expect(clockCheckOf(journal)?.warning).toMatch(/^本机时钟比医保中心快 2 分钟 \(报文 /);
  });

  it('reads the newest answered entry, ok or rejected, with respond_time or else refmsg_time', () => {
    const { journal, answered } = journalOn();
    answered('ok', { respond_time: '20261123170000' });
    answered('rejected', { refmsg_time: '20261123160010123' }); // milliseconds after the 14 digits
    expect(clockCheckOf(journal)).toMatchObject({ skewSeconds: 10, centerTime: '20261123160010123' });
    answered('ok', { respond_time: '2026112316', refmsg_time: '20261123160005' }); // a short respond_time
    expect(clockCheckOf(journal)).toMatchObject({ skewSeconds: 5, centerTime: '20261123160005' });
    answered('ok', { respond_time: '20261123160003', refmsg_time: '20261123160009' });
    expect(clockCheckOf(journal)).toMatchObject({ skewSeconds: 3 });
    // An unknown outcome is no answer; an answer without a center time is passed over.
    answered('unknown', { respond_time: '20261123180000' });
    answered('ok', {});
    expect(clockCheckOf(journal)).toMatchObject({ skewSeconds: 3 });
  });

  it('words the difference in seconds, minutes, or hours and minutes', () => {
    expect(describeSkew(59)).toBe('本机时钟比医保中心慢 59 秒');
    expect(describeSkew(-59)).toBe('本机时钟比医保中心快 59 秒');
    expect(describeSkew(60)).toBe('本机时钟比医保中心慢 1 分钟');
    expect(describeSkew(89)).toBe('本机时钟比医保中心慢 1 分钟');
    expect(describeSkew(90)).toBe('本机时钟比医保中心慢 2 分钟');
    expect(describeSkew(3569)).toBe('本机时钟比医保中心慢 59 分钟');
    expect(describeSkew(3570)).toBe('本机时钟比医保中心慢 1 小时 0 分');
    expect(describeSkew(-3600)).toBe('本机时钟比医保中心快 1 小时 0 分');
    expect(describeSkew(3725)).toBe('本机时钟比医保中心慢 1 小时 2 分');
    expect(describeSkew(7170)).toBe('本机时钟比医保中心慢 2 小时 0 分'); // was "1 小时 60 分"
    expect(describeSkew(0)).toBe('本机时钟比医保中心快 0 秒');
  });
});
