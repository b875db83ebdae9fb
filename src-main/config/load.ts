/**
 * Loading and validating the config file. Errors name the file and the field, in
 * Chinese for the cashier / IT person, with a code for the log.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { ensurePrivateDir, writePrivateFile } from '../core/private-files';
import { dirname, resolve } from 'node:path';
import { YibaoError, formatPath } from '../core/errors';
import { configSchema, type Config, type ConfigFile } from './schema';
import { defaultConfigPath } from './paths';
import { parseJsonText } from '../core/bom';

export interface LoadedConfig {
  readonly config: Config;
  /** The file read, or the default path when none exists yet. */
  readonly path: string;
  readonly fileExists: boolean;
  /** Resolved data directory (journal, local DB, sandbox data). */
  readonly dataDir: string;
  /** The file names institution.terminalSlot itself (with a shop store, else the shop assigns one). */
  readonly terminalSlotSet?: boolean;
  /**
   * YIBAO_CENTER_URL replaced the file's center.url for this run (null: it did not). `url` is
   * what runs (null: the embedded sandbox), `fileUrl` what the file says (null: none).
   */
  readonly centerOverride?: { readonly url: string | null; readonly fileUrl: string | null } | null;
}

export function parseConfig(raw: unknown, source: string): Config {
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`);
    throw new YibaoError('E_CONFIG_INVALID', `配置文件 ${source} 有错误: ${lines.join('; ')}`, {
      file: source,
      fields: result.error.issues.map((i) => formatPath(i.path)),
    });
  }
  return result.data;
}

/** Applies environment overrides: YIBAO_CENTER_URL replaces center.url. */
function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const url = env['YIBAO_CENTER_URL'];
  if (url === undefined || url === '') return raw;
  const center = typeof raw['center'] === 'object' && raw['center'] !== null ? raw['center'] : {};
  return { ...raw, center: { ...center, url: url === 'sandbox' ? null : url } };
}

function centerOverrideOf(raw: unknown, env: NodeJS.ProcessEnv, config: Config): LoadedConfig['centerOverride'] {
  const url = env['YIBAO_CENTER_URL'];
  if (url === undefined || url === '') return null;
  const center = (raw as { center?: { url?: unknown } }).center;
  const fileUrl = typeof center?.url === 'string' && center.url !== '' ? center.url : null;
  return { url: config.center.url ?? null, fileUrl };
}

export function loadConfig(options: { path?: string; env?: NodeJS.ProcessEnv } = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const path = resolve(options.path ?? defaultConfigPath(env));
  const fileExists = existsSync(path);
  let raw: unknown = {};
  if (fileExists) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (cause) {
      throw new YibaoError('E_CONFIG_READ', `无法读取配置文件 ${path}: ${(cause as Error).message}`, { file: path }, { cause });
    }
    try {
      raw = parseJsonText(text);
    } catch (cause) {
      throw new YibaoError(
        'E_CONFIG_SYNTAX',
        `配置文件 ${path} 不是有效的 JSON: ${(cause as Error).message}`,
        { file: path },
        { cause },
      );
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new YibaoError('E_CONFIG_INVALID', `配置文件 ${path} 的内容必须是一个 JSON 对象`, { file: path });
    }
  }
  const config = parseConfig(applyEnv(raw as Record<string, unknown>, env), path);
  const dataDir = resolve(dirname(path), config.dataDir ?? '.');
  const institution = (raw as { institution?: unknown }).institution;
  const terminalSlotSet = typeof institution === 'object' && institution !== null && 'terminalSlot' in institution;
  return { config, path, fileExists, dataDir, terminalSlotSet, centerOverride: centerOverrideOf(raw, env, config) };
}

/** The embedded sandbox center's ledger directory; a relative sandbox.dataDir is taken from the data directory. */
export function sandboxDataDir(loaded: LoadedConfig): string {
  return resolve(loaded.dataDir, loaded.config.sandbox.dataDir ?? 'sandbox');
}

/** Validates and writes atomically (temp file + rename), so a crash never leaves half a config. */
export function saveConfig(path: string, file: ConfigFile): Config {
  const config = parseConfig(file, path);
  ensurePrivateDir(dirname(path));
  const tmp = `${path}.tmp-${process.pid}`;
  // The config holds the gateway secret: 0600 from the first byte written.
  writePrivateFile(tmp, JSON.stringify(file, null, 2) + '\n');
  renameSync(tmp, path);
  return config;
}
