/**
 * The error a promise rejects with, for tests that expect a failure: the test fails when the
 * promise resolves, and an error of another kind than expected is rethrown as it is.
 */
export async function rejectionOf<E>(p: Promise<unknown>, isKind: (e: unknown) => e is E): Promise<E> {
  try {
    await p;
  } catch (e) {
    if (isKind(e)) return e;
    throw e;
  }
  throw new Error('expected a failure, but it succeeded');
}

/** A kind check for rejectionOf from an error class. */
export function instanceOf<E>(kind: abstract new (...args: never[]) => E): (e: unknown) => e is E {
  return (e: unknown): e is E => e instanceof kind;
}

/** Any error (an abort, a YibaoError …). */
export const anyError = (_e: unknown): _e is unknown => true;
