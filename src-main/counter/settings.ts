/**
 * 设置: the part of the config file a person at the counter may change (center URL, institution,
 * region profile), read and written through config/load.ts. Saving merges into the file as it
 * is on disk, so fields edited by hand (gateway keys, timeouts, devices) are kept; the counter is
 * then reopened with the new file by its runtime.
 */
import { existsSync, readFileSync } from 'node:fs';
import { YibaoError } from '../core/errors';
import type { LoadedConfig } from '../config/load';
import { saveConfig } from '../config/load';
import type { ConfigFile } from '../config/schema';
import { getProfile, PROFILE_IDS, type ProfileId } from '../registry/profile';
import { SANDBOX_INSTITUTIONS } from '../sandbox/center/institutions';
import type { InstitutionLevel } from '../sandbox/policy';
import type { InstitutionPreset, PrinterSettings, ProfileOption, SettingsView } from './views';
import { parseJsonText } from '../core/bom';

export interface SettingsPatch {
  /** Empty: the embedded sandbox center. */
  readonly centerUrl: string;
  readonly institution: {
    readonly fixmedinsCode: string;
    readonly fixmedinsName: string;
    readonly mdtrtareaAdmvs: string;
    readonly kind: 'pharmacy' | 'clinic';
    readonly terminalSlot: number;
  };
  readonly profile: ProfileId;
  /** Absent: the printer section of the file is kept as it is. */
  readonly printer?: PrinterSettings;
  /** config journal.archiveAfterYears (null: archiving off); absent: kept as it is. */
  readonly archiveAfterYears?: number | null;
}

/** The sandbox institutions' levels as the 设置 screen names them (issue 17: no ids on screens). */
const LEVEL_WORDS: Readonly<Record<InstitutionLevel, string>> = {
  pharmacy: '零售药店',
  clinic: '诊所',
  level1: '一级医院',
  level2: '二级医院',
  level3: '三级医院',
};

export function institutionPresets(): InstitutionPreset[] {
  return SANDBOX_INSTITUTIONS.map((i) => ({
    code: i.code,
    name: i.name,
    kind: i.type === '2' ? 'pharmacy' : 'clinic',
    admvs: i.admdvs,
    note: i.type === '2' ? '沙箱: 零售药店 (药店购药)' : `沙箱: 医疗机构 (门诊收费, ${LEVEL_WORDS[i.level]})`,
  }));
}

export function profileOptions(): ProfileOption[] {
  return PROFILE_IDS.map((id) => {
    const p = getProfile(id);
    return { id, name: p.name, summary: p.summary, flows: { ...p.flows } };
  });
}

/** The config file as written (not the defaults-applied config): what saving must keep. */
export function readRawConfig(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    const raw: unknown = parseJsonText(readFileSync(path, 'utf8'));
    return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  } catch (cause) {
    throw new YibaoError('E_CONFIG_SYNTAX', `配置文件 ${path} 不是有效的 JSON, 请先修正该文件`, { file: path }, { cause });
  }
}

export function settingsView(loaded: LoadedConfig, runningCenterUrl: string): SettingsView {
  const { config } = loaded;
  const i = config.institution;
  const override = loaded.centerOverride ?? null;
  return {
    configPath: loaded.path,
    // What the file says, never the override: saving must not write the override into the file.
    centerUrl: override ? (override.fileUrl ?? '') : (config.center.url ?? ''),
    runningCenterUrl,
    centerOverride: override && { url: override.url ?? '', fileShadowed: (override.fileUrl ?? '') !== (override.url ?? '') },
    institution: {
      fixmedinsCode: i.fixmedinsCode,
      fixmedinsName: i.fixmedinsName,
      mdtrtareaAdmvs: i.mdtrtareaAdmvs,
      kind: i.kind,
      terminalSlot: i.terminalSlot,
    },
    profile: config.profile,
    presets: institutionPresets(),
    profiles: profileOptions(),
    printer: { ...config.printer },
    archiveAfterYears: config.journal.archiveAfterYears,
  };
}

function objectAt(raw: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = raw[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Validates and writes the merged file; answers the previous text so a failed reopen can restore it. */
export function saveSettings(path: string, patch: SettingsPatch): { previous: string | null } {
  const previous = existsSync(path) ? readFileSync(path, 'utf8') : null;
  const raw = readRawConfig(path);
  const center = (raw['center'] && typeof raw['center'] === 'object' ? raw['center'] : {}) as Record<string, unknown>;
  const institution = (raw['institution'] && typeof raw['institution'] === 'object' ? raw['institution'] : {}) as Record<
    string,
    unknown
  >;
  const url = patch.centerUrl.trim();
  const file = {
    ...raw,
    center: { ...center, url: url === '' ? null : url },
    institution: { ...institution, ...patch.institution },
    profile: patch.profile,
    ...(patch.printer ? { printer: { ...objectAt(raw, 'printer'), ...patch.printer } } : {}),
    ...(patch.archiveAfterYears !== undefined
      ? { journal: { ...objectAt(raw, 'journal'), archiveAfterYears: patch.archiveAfterYears } }
      : {}),
  } as ConfigFile;
  saveConfig(path, file);
  return { previous };
}
