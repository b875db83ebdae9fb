/**
 * The compiled vendor-DLL double (native/, scripts/build-native.mjs): built on demand (kept when up to
 * date), plus its state file (what the "reader" does next) and its call log.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DllReaderOptions } from '../../src-main/devices/dll/dll-reader';
import type { Credential, ReadResult } from '../../src-main/devices/types';
import type { PersonRow } from '../../src-main/sandbox/store';

const ROOT = join(__dirname, '..', '..');

export interface NativeBuild {
  /** libyibao_reader_double */
  readonly reader: string;
  /** A library without ReadCardBas. */
  readonly noReadCard: string;
  /** A real 32-bit library, when the toolchain can target i386. */
  readonly ia32: string | null;
  readonly ia32Skipped?: string;
  /** The same double as Windows DLLs (MinGW; null without the cross compiler, see build-native.mjs). */
  readonly readerWinX64: string | null;
  readonly noReadCardWinX64: string | null;
  /** 32-bit __stdcall, exports `Name`. */
  readonly readerWinIa32: string | null;
  /** 32-bit __stdcall, exports MSVC's `_Name@N`. */
  readonly readerWinIa32Msvc: string | null;
}

let cached: NativeBuild | null = null;

export function buildNativeDouble(): NativeBuild {
  if (cached) return cached;
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-native.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build:native failed:\n${r.stdout}\n${r.stderr}`);
  cached = JSON.parse(readFileSync(join(ROOT, 'native', 'build', 'manifest.json'), 'utf8')) as NativeBuild;
  return cached;
}

export type DoubleMode = 'present' | 'nocard' | 'removed' | 'truncated' | 'slow' | 'garbage' | 'error' | 'crash';

export interface DoubleState {
  mode: DoubleMode;
  charset?: 'gbk' | 'utf8';
  delay_ms?: number;
  error_code?: number;
  error_msg?: string;
  init_rc?: number;
  /** GetSafeMedium alone fails with this code and message (the 安全控件 refuses). */
  safe_rc?: number;
  safe_msg?: string;
  certno?: string;
  name?: string;
  card_no?: string;
  card_sn?: string;
  ec_token?: string;
  insu_admdvs?: string;
  gend?: string;
  brdy?: string;
}

/** The double's state file and call log in `dir`; `env` is what a DllReader's host needs to find them. */
export class DoubleControl {
  readonly statePath: string;
  readonly logPath: string;

  constructor(dir: string) {
    this.statePath = join(dir, 'double-state');
    this.logPath = join(dir, 'double-calls.log');
  }

  get env(): NodeJS.ProcessEnv {
    return { ...process.env, YIBAO_DOUBLE_STATE: this.statePath };
  }

  set(state: DoubleState): void {
    const lines = Object.entries({ ...state, log: this.logPath })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${String(v)}`);
    writeFileSync(this.statePath, lines.join('\n') + '\n', 'utf8');
  }

  /** Logged calls, e.g. ["Init url=… user=…", "ReadCardBas buffers=1024/1024"], each with the host's pid. */
  calls(): { pid: number; call: string }[] {
    if (!existsSync(this.logPath)) return [];
    return readFileSync(this.logPath, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const m = /^pid=(\d+) (.*)$/.exec(line);
        return { pid: Number(m?.[1]), call: m?.[2] ?? line };
      });
  }

  clearLog(): void {
    writeFileSync(this.logPath, '');
  }
}

/** The person the device tests put on the double's card (a GBK name with characters outside GB2312's first level). */
export const DOUBLE_PERSON = {
  certno: '420102198001011231',
  name: '欧阳晓燕',
  card_no: 'X00000019',
  card_sn: '420100D156000005ABCDEF0123456789',
  ec_token: 'EC420100ABCDEF0123456789ABCDEF0123',
  insu_admdvs: '420100',
  gend: '2',
  brdy: '19800101',
} as const;

/** The e-certificate settings of the device tests' readers. */
export const DOUBLE_EC: DllReaderOptions['ec'] = {
  via: 'GetQRBase',
  url: 'http://10.0.0.1/localcfc/api/hsecfc/localQrCodeQuery',
  businessType: '01301',
  orgId: 'P42010000001',
  officeId: 'K01',
  officeName: '西药房',
};

/** The double's card / e-certificate / ID data for a seeded sandbox person. */
export function personState(person: PersonRow): Omit<DoubleState, 'mode'> {
  return {
    certno: person.certno,
    name: person.psnName,
    card_no: person.cardNo ?? '',
    card_sn: person.cardSn ?? '',
    ec_token: person.ecToken ?? '',
    insu_admdvs: person.insuAdmdvs,
    gend: person.gend,
    brdy: person.brdy.replace(/-/g, ''),
  };
}

/** A DllReader's settings for the double at `path`: GBK, __stdcall, card by default, no 安全控件. */
export function doubleReaderOptions(path: string, env: NodeJS.ProcessEnv, timeoutMs: number): DllReaderOptions {
  return {
    path,
    convention: 'stdcall',
    charset: 'gbk',
    initUrl: 'http://10.0.0.1:8080/init',
    initUser: '420100',
    defaultCredential: 'card',
    ec: DOUBLE_EC,
    safeMediumFunction: null,
    timeoutMs,
    env,
  };
}

/** The card of a read that must have read one. */
export function cardOf(result: ReadResult) {
  expect(result.credential.kind).toBe('card');
  return (result.credential as Extract<Credential, { kind: 'card' }>).card;
}

/** Whether a process (a host the test expects killed) still exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
