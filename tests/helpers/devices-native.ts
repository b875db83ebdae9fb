/**
 * The compiled vendor-DLL double (native/, scripts/build-native.mjs): built on demand (kept when up to
 * date), plus its state file (what the "reader" does next) and its call log.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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
