import { YibaoError } from '../core/errors';
import { INTERFACE_RECORDS } from './interfaces.generated';
import type { InstitutionKind, InterfaceRecord, RegionListName } from './types';

const byCode = new Map<string, InterfaceRecord>(INTERFACE_RECORDS.map((r) => [r.code, r]));

export function listInterfaces(): readonly InterfaceRecord[] {
  return INTERFACE_RECORDS;
}

export function findInterface(code: string): InterfaceRecord | undefined {
  return byCode.get(code);
}

/** Looks a code up exactly as spelled; an unknown code is a usage error, never guessed. */
export function requireInterface(code: string): InterfaceRecord {
  const record = byCode.get(code);
  if (!record) {
    throw new YibaoError('E_UNKNOWN_INFNO', `未知的交易编号 ${code}: 不在接口清单中 (注意大小写, 例如 1312a 与 1312A 不同)`, {
      infno: code,
    });
  }
  return record;
}

export function mandatoryFor(kind: InstitutionKind): readonly InterfaceRecord[] {
  return INTERFACE_RECORDS.filter((r) => r.mandatory[kind]);
}

/**
 * An interface's name as screens show it, always beside its code. The official names mark a variant
 * with a trailing A (药店结算A, 门诊结算 A); the code (2102A) says so already, and a screen's text
 * stays Chinese (issue 17).
 */
export function screenNameOf(r: InterfaceRecord): string {
  return /\dA$/.test(r.code) ? r.name.replace(/\s*A$/, '') : r.name;
}

/** The source lists by their Chinese names, for the 接口清单 screen (issue 17: no list ids on screens). */
export const REGION_LIST_NAMES: Readonly<Record<RegionListName, string>> = {
  national: '国家',
  hubei: '湖北',
  sichuan: '四川',
  jiwei: '基卫升级',
  summary: '汇总清单',
};

/** One interface as the 接口清单 screen lists it. */
export interface RegistryRowView {
  readonly code: string;
  readonly name: string;
  readonly category: string;
  readonly modeText: string;
  readonly mandatory: InterfaceRecord['mandatory'];
  /** The source lists naming it, by their Chinese names. */
  readonly regions: readonly string[];
}

export function registryRowOf(r: InterfaceRecord): RegistryRowView {
  return {
    code: r.code,
    name: screenNameOf(r),
    category: r.category,
    modeText: r.modeText,
    mandatory: r.mandatory,
    regions: r.regions.map((list) => REGION_LIST_NAMES[list]),
  };
}
