/**
 * Waits for a state the test needs (a message the center received, a journal state) instead of
 * sleeping for a guessed time: checks it on every turn of the event loop, with a deadline that
 * only bounds a broken run.
 */
export async function waitFor(what: string, holds: () => boolean, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!holds()) {
    if (Date.now() > until) throw new Error(`waited ${deadlineMs} ms for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}
