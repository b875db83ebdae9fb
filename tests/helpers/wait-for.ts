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

/**
 * After the center stopped accepting ('refuse' fault): waits until the counter's keep-alive agent has dropped its
 * idle sockets to it (their close arrives a loop turn or more later), so the next call opens a new connection and is
 * refused (not sent) instead of going out on a socket the center already closed.
 */
export async function idleSocketsDropped(app: { readonly transport: { idleSockets?(): number } }): Promise<void> {
  const idle = app.transport.idleSockets;
  if (!idle) throw new Error('the transport does not count its idle sockets');
  await waitFor('the counter dropping its idle sockets to the closed center', () => idle.call(app.transport) === 0);
}
