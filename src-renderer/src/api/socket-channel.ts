/**
 * Web mode's calls on one WebSocket to the web host (src-main/host/api-socket.ts): a message each way per
 * call instead of an HTTP request, which in Chromium costs a trip through the network service (most of a
 * search keystroke's time, issue 17). Opened at the first call and kept.
 *
 * A call goes as POST /api/invoke instead (the caller's fallback) when it is too long for a socket message
 * (an import file) or while no socket can be opened (tried again after RETRY_MS). A call whose socket closes
 * before its answer is answered as unreachable, like a fetch that failed, and never sent again: it may have
 * moved money, and what became of it is the main side's journal's to say.
 */
import { API_SOCKET_CALL_MAX_CHARS } from '../../../src-main/api/limits';

/** After a socket could not be opened, calls go by HTTP this long before the next try. */
export const RETRY_MS = 5_000;

/** The part of the browser's WebSocket this channel uses (Node's `ws` has the same, for tests). */
export interface SocketLike {
  readonly readyState: number;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  send(text: string): void;
}

const OPEN = 1;

export class SocketChannel {
  private socket: SocketLike | null = null;
  private opening: Promise<SocketLike | null> | null = null;
  private retryAt = 0;
  private nextId = 1;
  /** The calls sent on the open socket and not answered yet. */
  private readonly pending = new Map<number, (response: unknown) => void>();

  constructor(
    private readonly url: string,
    private readonly connect: (url: string) => SocketLike,
    /** The answer to a call whose socket closed before answering it. */
    private readonly unreachable: () => unknown,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * The answer to a call (`body`: the JSON text of `{method, args}`), or null when it was not sent and must
   * go by HTTP.
   */
  async call(body: string): Promise<unknown> {
    if (body.length > API_SOCKET_CALL_MAX_CHARS || !body.startsWith('{"')) return null;
    const socket = await this.open();
    if (socket === null) return null;
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      // The id joined into the text made once by the caller (not a second stringify of a large call).
      socket.send(`{"id":${id},${body.slice(1)}`);
    });
  }

  private open(): Promise<SocketLike | null> {
    if (this.socket?.readyState === OPEN) return Promise.resolve(this.socket);
    if (this.opening) return this.opening;
    if (this.now() < this.retryAt) return Promise.resolve(null);
    const opening = new Promise<SocketLike | null>((resolve) => {
      let socket: SocketLike;
      try {
        socket = this.connect(this.url);
      } catch {
        this.retryAt = this.now() + RETRY_MS;
        resolve(null);
        return;
      }
      socket.addEventListener('open', () => {
        this.socket = socket;
        resolve(socket);
      });
      socket.addEventListener('message', (event) => this.answer(event.data));
      // An error is always followed by close.
      socket.addEventListener('close', () => {
        if (this.socket === socket) this.socket = null;
        else this.retryAt = this.now() + RETRY_MS; // refused or unreachable before it opened
        resolve(null);
        this.failPending();
      });
    }).finally(() => {
      this.opening = null;
    });
    this.opening = opening;
    return opening;
  }

  private answer(data: unknown): void {
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const { id, response } = message as { id?: unknown; response?: unknown };
    const resolve = typeof id === 'number' ? this.pending.get(id) : undefined;
    if (!resolve) return;
    this.pending.delete(id as number);
    resolve(response);
  }

  private failPending(): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const resolve of waiting) resolve(this.unreachable());
  }
}
