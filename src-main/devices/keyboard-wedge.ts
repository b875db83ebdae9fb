/**
 * Scanners and card readers in keyboard mode ("keyboard wedge") type their data as keystrokes into
 * whatever has focus, ending with Enter. The renderer forwards key events (or a submitted line) here;
 * the parser tells a scan from a person typing by speed: every keystroke of a scan follows the previous
 * one within `maxKeyGapMs` (scanners type in a few milliseconds, people in a hundred or more).
 */
import { performance } from 'node:perf_hooks';
import { parseScannedText } from './credential-parse';
import { closed, unreadable } from './device-errors';
import { ScanInbox } from './scanner/scan-inbox';
import type { CredentialKind, ReadRequest, ReadResult, Reader } from './types';

/** A key event as the renderer sees it (KeyboardEvent.key and .timeStamp, in ms). */
export interface KeyInput {
  readonly key: string;
  readonly timeStamp: number;
}

export interface WedgeOptions {
  /** Longest pause between two keystrokes of one scan. */
  readonly maxKeyGapMs: number;
  /** Shorter bursts (a shortcut, a quick word) are not scans. */
  readonly minLength: number;
}

export class KeyboardWedgeParser {
  private buffer = '';
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: WedgeOptions) {}

  /** Feeds one key; returns the scanned text when Enter ends a scan-speed burst, else null. */
  feedKey(input: KeyInput): string | null {
    const gap = input.timeStamp - this.last;
    this.last = input.timeStamp;
    if (input.key === 'Enter') {
      const text = this.buffer;
      this.buffer = '';
      return gap <= this.options.maxKeyGapMs && [...text].length >= this.options.minLength ? text : null;
    }
    // Shift, CapsLock, Alt … carry no character; a scanner sends Shift with capitals.
    if ([...input.key].length !== 1) {
      if (input.key === 'Backspace' || input.key === 'Escape') this.buffer = '';
      return null;
    }
    if (gap > this.options.maxKeyGapMs) this.buffer = '';
    this.buffer += input.key;
    return null;
  }

  /** Text pending (for the renderer to clear from the focused field after a scan). */
  get pending(): string {
    return this.buffer;
  }

  reset(): void {
    this.buffer = '';
    this.last = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Reader fed by the renderer: key events through `feedKey`, or a whole line (a scan field the wedge
 * typed into) through `feedLine`. A read waits for the next scan.
 */
export class KeyboardWedgeReader implements Reader {
  readonly driver = 'keyboard' as const;
  readonly credentials: readonly CredentialKind[] = ['ec', 'card'];
  private readonly parser: KeyboardWedgeParser;
  private readonly inbox = new ScanInbox();
  private isClosed = false;

  constructor(
    options: WedgeOptions,
    private readonly timeoutMs: number,
  ) {
    this.parser = new KeyboardWedgeParser(options);
  }

  /** Returns true when the key completed a scan (the renderer then drops the typed characters). */
  feedKey(input: KeyInput): boolean {
    const scan = this.parser.feedKey(input);
    if (scan === null) return false;
    this.inbox.deliver(scan);
    return true;
  }

  feedLine(text: string): void {
    const line = text.replace(/[\r\n]+$/, '');
    this.inbox.deliver(line.trim() === '' ? unreadable('扫码', '扫到的内容为空', {}) : line);
  }

  async read(request: ReadRequest = {}): Promise<ReadResult> {
    if (this.isClosed) throw closed();
    const started = performance.now();
    const text = await this.inbox.next(request.timeoutMs ?? this.timeoutMs, request.signal);
    return { driver: 'keyboard', credential: parseScannedText(text), safeInfo: null, elapsedMs: performance.now() - started };
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.parser.reset();
    this.inbox.fail(closed());
  }
}
