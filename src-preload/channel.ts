/**
 * The IPC channels between preload and main: calls (invoke) and live events (main → renderer).
 * No runtime imports: a sandboxed preload can only require electron itself.
 */
import type { CounterEvent } from '../src-main/counter/views';

export const INVOKE_CHANNEL = 'yibao:invoke';
export const EVENT_CHANNEL = 'yibao:event';

/** Only the event shapes the renderer knows are passed on. */
export function isCounterEvent(value: unknown): value is CounterEvent {
  if (!value || typeof value !== 'object') return false;
  const type = (value as { type?: unknown }).type;
  return type === 'journal' || type === 'progress' || type === 'restarted';
}
