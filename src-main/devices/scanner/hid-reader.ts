/**
 * QR scanner in HID POS mode, through node-hid (hidraw on Linux, the HID API on Windows). Opened on the
 * first read by path or by vendor/product id, kept open; the reports are collected per scan
 * (hid-pos.ts), cut at CR/LF like a serial scan, decoded in the configured charset and parsed.
 */
import type { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Charset } from '../charset';
import { parseScannedText } from '../credential-parse';
import { DeviceError, closed, notConfigured } from '../device-errors';
import type { CredentialKind, ReadRequest, ReadResult, Reader } from '../types';
import { PosScanCollector } from './hid-pos';
import { ScanAssembler } from './scan-assembler';
import { ScanInbox } from './scan-inbox';
import { scanText } from './scan-text';

/** What the reader needs of an open HID device (node-hid's HIDAsync). */
export interface HidDeviceLike extends EventEmitter {
  close(): Promise<void>;
}

export type HidTarget = { readonly path: string } | { readonly vendorId: number; readonly productId: number };
export type HidOpener = (target: HidTarget) => Promise<HidDeviceLike>;

export interface HidReaderOptions {
  readonly target: HidTarget | null;
  readonly charset: Charset;
  readonly idleMs: number;
  readonly timeoutMs: number;
  /** Opens the device (default: node-hid); tests of the report path give their own. */
  readonly open?: HidOpener;
}

const openWithNodeHid: HidOpener = async (target) => {
  const HID = await import('node-hid');
  return 'path' in target ? HID.HIDAsync.open(target.path) : HID.HIDAsync.open(target.vendorId, target.productId);
};

function describe(target: HidTarget): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return 'path' in target ? target.path : `VID ${hex(target.vendorId)} PID ${hex(target.productId)}`;
}

export class HidScannerReader implements Reader {
  readonly driver = 'hid' as const;
  readonly credentials: readonly CredentialKind[] = ['ec', 'card'];
  private device: HidDeviceLike | null = null;
  private opening: Promise<HidDeviceLike> | null = null;
  private readonly inbox = new ScanInbox();
  private readonly collector = new PosScanCollector();
  private readonly assembler: ScanAssembler;
  private isClosed = false;

  constructor(private readonly options: HidReaderOptions) {
    this.assembler = new ScanAssembler((scan) => this.inbox.deliver(scanText(scan, options.charset)), {
      idleMs: options.idleMs,
      maxBytes: 8192,
    });
  }

  async read(request: ReadRequest = {}): Promise<ReadResult> {
    if (this.isClosed) throw closed();
    const started = performance.now();
    await this.open();
    const text = await this.inbox.next(request.timeoutMs ?? this.options.timeoutMs, request.signal);
    return { driver: 'hid', credential: parseScannedText(text), safeInfo: null, elapsedMs: performance.now() - started };
  }

  /** One input report (node-hid 'data'): complete scans go to the waiting read. */
  acceptReport(report: Uint8Array): void {
    const scan = this.collector.push(report);
    if (scan === null) return;
    this.assembler.push(scan);
    this.assembler.flush();
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.assembler.dispose();
    this.inbox.fail(closed());
    const device = this.device ?? (await this.opening?.catch(() => null));
    this.device = null;
    await device?.close().catch(() => undefined);
  }

  private open(): Promise<HidDeviceLike> {
    if (this.device) return Promise.resolve(this.device);
    this.opening ??= this.openDevice().finally(() => (this.opening = null));
    return this.opening;
  }

  private async openDevice(): Promise<HidDeviceLike> {
    const target = this.options.target;
    if (!target) throw notConfigured('devices.hid', 'HID 扫码枪 (路径或 vendorId/productId)');
    let device: HidDeviceLike;
    try {
      device = await (this.options.open ?? openWithNodeHid)(target);
    } catch (error) {
      const message = (error as Error).message;
      throw new DeviceError(
        'E_DEVICE_HID_OPEN',
        `无法打开 HID 扫码枪 ${describe(target)}: ${message}; 请确认扫码枪已插好并设为 HID POS 模式 (Linux 还需要 hidraw 设备的读权限)`,
        { target: describe(target), os: message },
        { cause: error },
      );
    }
    if (this.isClosed) {
      await device.close().catch(() => undefined);
      throw closed();
    }
    device.on('data', (report: Buffer) => this.acceptReport(report));
    device.on('error', (e: Error) => {
      if (this.device === device) this.device = null;
      this.collector.reset();
      this.inbox.fail(
        new DeviceError('E_DEVICE_HID_OPEN', `HID 扫码枪 ${describe(target)} 已断开或出错: ${e.message}; 请检查连接后重试`, {
          target: describe(target),
        }),
      );
    });
    this.device = device;
    return device;
  }
}
