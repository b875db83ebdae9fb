/**
 * Cuts a scanner's byte stream into scans. Scanners end a scan with CR, LF or CRLF (the usual factory
 * suffix); one set up without a suffix is cut when the line goes quiet for `idleMs`. A scan longer
 * than `maxBytes` is noise (or two devices on one port) and is dropped as unreadable.
 */
export interface AssemblerOptions {
  readonly idleMs: number;
  readonly maxBytes: number;
}

export type AssembledScan = { readonly bytes: Uint8Array } | { readonly overflow: number };

const CR = 0x0d;
const LF = 0x0a;

export class ScanAssembler {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private overflowed = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(
    private readonly onScan: (scan: AssembledScan) => void,
    private readonly options: AssemblerOptions,
  ) {}

  push(chunk: Uint8Array): void {
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === CR || chunk[i] === LF) {
        this.append(chunk.subarray(start, i));
        this.flush();
        start = i + 1;
      }
    }
    this.append(chunk.subarray(start));
    this.armIdle();
  }

  /** Ends the scan in progress, if any. */
  flush(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.overflowed > 0) {
      const overflow = this.overflowed;
      this.reset();
      this.onScan({ overflow });
      return;
    }
    if (this.size === 0) return;
    const bytes = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      bytes.set(c, at);
      at += c.length;
    }
    this.reset();
    this.onScan({ bytes });
  }

  dispose(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.reset();
  }

  private append(part: Uint8Array): void {
    if (part.length === 0) return;
    if (this.overflowed > 0 || this.size + part.length > this.options.maxBytes) {
      this.overflowed = (this.overflowed || this.size) + part.length;
      this.chunks = [];
      this.size = 0;
      return;
    }
    this.chunks.push(Uint8Array.from(part));
    this.size += part.length;
  }

  private armIdle(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.size === 0 && this.overflowed === 0) return;
    this.idle = setTimeout(() => this.flush(), this.options.idleMs);
    this.idle.unref();
  }

  private reset(): void {
    this.chunks = [];
    this.size = 0;
    this.overflowed = 0;
  }
}
