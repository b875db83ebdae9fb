/**
 * QR scanner on a serial port (RS-232, or USB in virtual-COM mode). The port is opened on the first
 * read and stays open, so a scan made between two reads is not lost; a disconnect is reported to the
 * waiting read and the next read opens the port again.
 */
import { performance } from 'node:perf_hooks';
import type { SerialPort } from 'serialport';
import type { Charset } from '../charset';
import { parseScannedText } from '../credential-parse';
import { DeviceError, closed, notConfigured } from '../device-errors';
import type { CredentialKind, ReadRequest, ReadResult, Reader } from '../types';
import { ScanAssembler } from './scan-assembler';
import { ScanInbox } from './scan-inbox';
import { scanText } from './scan-text';

export interface SerialReaderOptions {
  /** COM3, /dev/ttyUSB0 … */
  readonly path: string;
  readonly baudRate: number;
  readonly charset: Charset;
  /** A scan without CR/LF suffix ends after this much silence. */
  readonly idleMs: number;
  /** How long a read waits for a scan. */
  readonly timeoutMs: number;
}

const MAX_SCAN_BYTES = 8192;

export class SerialScannerReader implements Reader {
  readonly driver = 'serial' as const;
  readonly credentials: readonly CredentialKind[] = ['ec', 'card'];
  private port: SerialPort | null = null;
  private opening: Promise<SerialPort> | null = null;
  private readonly inbox = new ScanInbox();
  private readonly assembler: ScanAssembler;
  private isClosed = false;

  constructor(private readonly options: SerialReaderOptions) {
    this.assembler = new ScanAssembler((scan) => this.inbox.deliver(scanText(scan, options.charset)), {
      idleMs: options.idleMs,
      maxBytes: MAX_SCAN_BYTES,
    });
  }

  async read(request: ReadRequest = {}): Promise<ReadResult> {
    if (this.isClosed) throw closed();
    const started = performance.now();
    await this.open();
    const text = await this.inbox.next(request.timeoutMs ?? this.options.timeoutMs, request.signal);
    return { driver: 'serial', credential: parseScannedText(text), safeInfo: null, elapsedMs: performance.now() - started };
  }

  async close(): Promise<void> {
    this.isClosed = true;
    this.assembler.dispose();
    this.inbox.fail(closed());
    const port = this.port ?? (await this.opening?.catch(() => null));
    this.port = null;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  private open(): Promise<SerialPort> {
    if (this.port?.isOpen) return Promise.resolve(this.port);
    this.opening ??= this.openPort().finally(() => (this.opening = null));
    return this.opening;
  }

  private async openPort(): Promise<SerialPort> {
    const { path, baudRate } = this.options;
    if (!path) throw notConfigured('devices.serial.path', '扫码枪串口');
    // Loaded on first use: a counter without a serial scanner never needs the native module.
    const { SerialPort: Port } = await import('serialport');
    const port = new Port({ path, baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(portError(path, error)) : resolve())));
    if (this.isClosed) {
      port.close();
      throw closed();
    }
    port.on('data', (chunk: Buffer) => this.assembler.push(chunk));
    port.on('error', (e: Error) => this.inbox.fail(portError(path, e)));
    port.on('close', () => {
      if (this.port === port) this.port = null;
      this.assembler.dispose();
      if (!this.isClosed) {
        this.inbox.fail(new DeviceError('E_DEVICE_PORT_ERROR', `扫码枪串口 ${path} 已断开, 请检查连接线后重试`, { path }));
      }
    });
    this.port = port;
    return port;
  }
}

/** serialport's open/IO errors as the cashier's words (messages differ per OS, the errno text does not). */
export function portError(path: string, error: Error): DeviceError {
  const m = error.message;
  if (/ENOENT|No such file|File not found|cannot find the file/i.test(m)) {
    return new DeviceError('E_DEVICE_PORT_NOT_FOUND', `找不到串口 ${path}; 请检查扫码枪是否插好, 或在设置中选择正确的串口`, {
      path,
      os: m,
    });
  }
  if (/EBUSY|lock|Access denied|in use|Resource temporarily unavailable/i.test(m)) {
    return new DeviceError('E_DEVICE_PORT_BUSY', `串口 ${path} 正被其他程序占用; 请关闭占用该串口的程序后重试`, { path, os: m });
  }
  if (/EACCES|Permission denied/i.test(m)) {
    return new DeviceError(
      'E_DEVICE_PORT_ERROR',
      `没有权限打开串口 ${path}; 请让管理员把当前用户加入 dialout 组 (Linux) 或以管理员身份安装驱动`,
      {
        path,
        os: m,
      },
    );
  }
  return new DeviceError('E_DEVICE_PORT_ERROR', `串口 ${path} 出错: ${m}`, { path, os: m });
}
