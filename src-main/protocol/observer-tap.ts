/**
 * A second listener on every center call, behind the journal: the journal must have committed
 * before the tap hears of a call, so what the tap reports is always in the journal too.
 */
import type { CallObserver } from './center-client';

export type CallTap = Partial<CallObserver>;

export function withTap(primary: CallObserver, tap: CallTap | undefined): CallObserver {
  if (!tap) return primary;
  return {
    async beforeSend(envelope, body) {
      await primary.beforeSend(envelope, body);
      await tap.beforeSend?.(envelope, body);
    },
    onSent(envelope) {
      primary.onSent?.(envelope);
      tap.onSent?.(envelope);
    },
    async afterSuccess(envelope, response, warnings) {
      await primary.afterSuccess(envelope, response, warnings);
      await tap.afterSuccess?.(envelope, response, warnings);
    },
    async afterFailure(envelope, error) {
      await primary.afterFailure(envelope, error);
      await tap.afterFailure?.(envelope, error);
    },
  };
}
