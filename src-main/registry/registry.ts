import { YibaoError } from '../core/errors';
import { INTERFACE_RECORDS } from './interfaces.generated';
import type { InstitutionKind, InterfaceRecord } from './types';

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
