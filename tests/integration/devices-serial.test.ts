/**
 * The serial QR scanner path through a real pseudo-terminal pair (socat): the reader opens one end with
 * serialport, the test plays the scanner on the other end with the bytes a scanner sends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isDeviceError } from '../../src-main/devices/device-errors';
import { SerialScannerReader } from '../../src-main/devices/scanner/serial-reader';
import { rejectionOf } from '../helpers/rejection';

const EC = {
  ecToken: 'EC420100ABCDEF0123456789ABCDEF0123',
  idNo: '420102198001011231',
  idType: '01',
  userName: '欧阳晓燕',
  insuOrg: '420100',
};

interface PtyPair {
  readonly reader: string;
  readonly scanner: string;
  readonly socat: ChildProcess;
}

/** `socat -d -d pty,raw,echo=0 pty,raw,echo=0`: the two /dev/pts paths come on stderr. */
function startPtyPair(): Promise<PtyPair> {
  return new Promise((resolve, reject) => {
    const socat = spawn('socat', ['-d', '-d', 'pty,raw,echo=0', 'pty,raw,echo=0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    // A guard, not a wait: a socat that never announces its ptys fails the run instead of hanging it.
    const timer = setTimeout(() => reject(new Error(`socat gave no ptys: ${err}`)), 5000);
    socat.on('error', reject);
    socat.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      const paths = [...err.matchAll(/PTY is (\S+)/g)].map((m) => m[1] as string);
      if (paths.length === 2 && /starting data transfer loop/.test(err)) {
        clearTimeout(timer);
        resolve({ reader: paths[0] as string, scanner: paths[1] as string, socat });
      }
    });
  });
}

let pty: PtyPair;
let scannerFd: number;
const readers: SerialScannerReader[] = [];

beforeAll(async () => {
  pty = await startPtyPair();
  scannerFd = openSync(pty.scanner, 'w');
});
afterEach(async () => {
  for (const r of readers.splice(0)) await r.close();
});
afterAll(() => {
  closeSync(scannerFd);
  pty.socat.kill();
});

function reader(options: Partial<ConstructorParameters<typeof SerialScannerReader>[0]> = {}) {
  const r = new SerialScannerReader({
    path: pty.reader,
    baudRate: 9600,
    charset: 'utf8',
    idleMs: 150,
    timeoutMs: 3000,
    ...options,
  });
  readers.push(r);
  return r;
}

/** The scanner sends `bytes` (in pieces, `gapMs` apart, as a slow UART delivers them). */
async function scan(bytes: Uint8Array, pieces = 1, gapMs = 0): Promise<void> {
  const size = Math.ceil(bytes.length / pieces);
  for (let i = 0; i < bytes.length; i += size) {
    writeSync(scannerFd, bytes.subarray(i, i + size));
    // Stays: the gap between pieces is the behaviour under test (a slow UART), not a wait for a state.
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
  }
}

/** GBK bytes from the system's iconv: an encoder independent of the code under test. */
function gbk(text: string): Buffer {
  const r = spawnSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
  if (r.status !== 0) throw new Error(`iconv failed: ${r.stderr.toString()}`);
  return r.stdout;
}

const failure = (p: Promise<unknown>) => rejectionOf(p, isDeviceError);

/** Opens the port first (the read), then lets the scanner send. */
async function readWhile(r: SerialScannerReader, send: () => Promise<void>) {
  const pending = r.read();
  // Stays: the port is opened inside serialport's native binding, which reports no "opened" event the
  // reader passes on; the pty gives no sign either. 200 ms is far more than an open takes.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await send();
  return pending;
}

describe('serial QR scanner on a pseudo-terminal', () => {
  it('a decoded e-certificate (UTF-8, CR LF suffix) becomes an e-certificate credential', async () => {
    const result = await readWhile(reader(), () => scan(Buffer.from(JSON.stringify(EC) + '\r\n', 'utf8')));
    expect(result.driver).toBe('serial');
    expect(result.credential).toEqual({ kind: 'ec', ec: EC });
  });

  it('GBK bytes arriving in pieces are joined and decoded as GBK', async () => {
    const bytes = Buffer.concat([gbk(JSON.stringify(EC)), Buffer.from('\r')]);
    const result = await readWhile(reader({ charset: 'gbk' }), () => scan(bytes, 5, 20));
    expect(result.credential).toEqual({ kind: 'ec', ec: EC });
  });

  it('a scanner without suffix: the scan ends when the line goes quiet', async () => {
    const result = await readWhile(reader({ idleMs: 100 }), () => scan(Buffer.from(JSON.stringify(EC), 'utf8')));
    expect(result.credential.kind).toBe('ec');
  });

  it('a card reader in serial mode sending the 11-field card string', async () => {
    const line = `420100|${EC.idNo}|X00000019|420100D156000005ABCDEF0123456789|欧阳晓燕|00814E43|3.00|20190301|20290301|410100813475||\n`;
    const result = await readWhile(reader(), () => scan(Buffer.from(line, 'utf8')));
    expect(result.credential).toMatchObject({ kind: 'card', card: { cardNo: 'X00000019', name: '欧阳晓燕' } });
  });

  it('a scan made just before the read is not lost; the port stays open between reads', async () => {
    const r = reader();
    await readWhile(r, () => scan(Buffer.from(JSON.stringify(EC) + '\r', 'utf8')));
    await scan(Buffer.from(JSON.stringify({ ...EC, ecToken: 'EC420100FFFFFFFFFFFFFFFFFFFFFFFFFF' }) + '\r', 'utf8'));
    // Stays: the scan must have reached the open port before the read asks (the case under test), and the
    // pty offers nothing to wait on; 200 ms is far more than the bytes take.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await r.read();
    expect(second.credential).toMatchObject({ kind: 'ec', ec: { ecToken: 'EC420100FFFFFFFFFFFFFFFFFFFFFFFFFF' } });
  });

  it('GBK bytes with the port set to UTF-8: unreadable, pointing at the charset', async () => {
    const e = await failure(readWhile(reader(), () => scan(Buffer.concat([gbk(JSON.stringify(EC)), Buffer.from('\r')]))));
    expect(e.code).toBe('E_DEVICE_UNREADABLE');
    expect(e.messageZh).toContain('字符集');
  });

  it('a raw e-certificate QR code is refused with the reason', async () => {
    const e = await failure(readWhile(reader(), () => scan(Buffer.from('https://ec.example/q?c=ABCDEF0123456789\r'))));
    expect(e.code).toBe('E_DEVICE_UNREADABLE');
    expect(e.messageZh).toContain('未经解码');
    expect(e.detail['needs']).toBe('NationECCode decoding');
  });

  it('nothing scanned within the timeout: E_DEVICE_NO_CARD', async () => {
    const started = performance.now();
    const e = await failure(reader({ timeoutMs: 500 }).read());
    expect(e.code).toBe('E_DEVICE_NO_CARD');
    expect(performance.now() - started).toBeGreaterThanOrEqual(450);
  });

  it('a port that does not exist: E_DEVICE_PORT_NOT_FOUND', async () => {
    const e = await failure(reader({ path: '/dev/ttyUSB97' }).read());
    expect(e.code).toBe('E_DEVICE_PORT_NOT_FOUND');
    expect(e.messageZh).toContain('/dev/ttyUSB97');
  });

  it('no port configured', async () => {
    expect((await failure(reader({ path: '' }).read())).code).toBe('E_DEVICE_NOT_CONFIGURED');
  });
});
