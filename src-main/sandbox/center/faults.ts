/**
 * Fault modes the sandbox can inject (tests, demos, cashier training):
 *   delay:MS            process and commit, answer MS later
 *   commit-then-drop    process and commit, then close the connection without answering
 *   drop-before-commit  close the connection without processing
 *   reject:CODE:MSG     answer infcode CODE with err_msg MSG, without processing
 *   http500             answer HTTP 500 without processing
 *   garbage             process and commit, then answer malformed JSON
 *   refuse[:MS]         stop accepting connections (until cleared, or for MS)
 */
import { YibaoError } from '../../core/errors';

export type FaultMode =
  | { readonly kind: 'delay'; readonly ms: number }
  | { readonly kind: 'commit-then-drop' }
  | { readonly kind: 'drop-before-commit' }
  | { readonly kind: 'reject'; readonly infcode: number; readonly errMsg: string }
  | { readonly kind: 'http500' }
  | { readonly kind: 'garbage' }
  | { readonly kind: 'refuse'; readonly ms: number | null };

export const FAULT_MODE_HELP =
  'delay:MS | commit-then-drop | drop-before-commit | reject:CODE:MSG | http500 | garbage | refuse[:MS]';

export function parseFaultMode(text: string): FaultMode {
  const [head, ...rest] = text.split(':');
  const bad = (why: string): never => {
    throw new YibaoError('E_FAULT_MODE', `故障模式 "${text}" 无效: ${why}; 可用: ${FAULT_MODE_HELP}`);
  };
  const ms = (value: string | undefined): number => {
    if (value === undefined || !/^\d{1,7}$/.test(value)) return bad('需要毫秒数');
    return Number(value);
  };
  switch (head) {
    case 'delay':
      return { kind: 'delay', ms: ms(rest[0]) };
    case 'commit-then-drop':
    case 'drop-before-commit':
    case 'http500':
    case 'garbage':
      if (rest.length > 0) bad('此模式不带参数');
      return { kind: head };
    case 'reject': {
      const code = rest[0];
      if (code === undefined || !/^-?\d+$/.test(code) || code === '0') bad('需要非 0 的 infcode, 例如 reject:-1:余额不足');
      return { kind: 'reject', infcode: Number(code), errMsg: rest.slice(1).join(':') || '沙箱注入的拒绝' };
    }
    case 'refuse':
      return { kind: 'refuse', ms: rest.length === 0 ? null : ms(rest[0]) };
    default:
      return bad('未知模式');
  }
}

export function formatFaultMode(mode: FaultMode): string {
  switch (mode.kind) {
    case 'delay':
      return `delay:${mode.ms}`;
    case 'reject':
      return `reject:${mode.infcode}:${mode.errMsg}`;
    case 'refuse':
      return mode.ms === null ? 'refuse' : `refuse:${mode.ms}`;
    default:
      return mode.kind;
  }
}

/** Modes that apply the transaction before misbehaving (the real "unknown outcome"). */
export function commitsFirst(mode: FaultMode): boolean {
  return mode.kind === 'delay' || mode.kind === 'commit-then-drop' || mode.kind === 'garbage';
}
