/**
 * The sandbox as one region's center: the region profile's 电子处方 codes (registry/profile.ts rxCodes)
 * reach the handler of the step they stand for, and their input is checked by that step's field rules.
 * Under Hubei (seeds 002 / 004) 7202 查询 lists and authorises, 7203 downloads, 7204 审核 verifies and
 * records the pharmacist's review in one call, 7205 uploads the delivery; national codes a region
 * numbers otherwise are not served there (7201 二维码解析 under Hubei answers 未模拟).
 */
import { getProfile, rxStepOf, type ProfileId, type RxCodeStep } from '../../registry/profile';
import { inputRules } from '../spec/input-rules';
import type { Handler, HandlerTable } from './context';
import { SANDBOX_HANDLERS } from './handlers';
import { rxDeliverAfterAudit, rxVerifyAndAudit } from './handlers/prescription';

export interface CenterNumbering {
  readonly profile: ProfileId;
  /** The region reads persons through a 安全控件 (profile safeControl): its money calls need dev_safe_info. */
  readonly safeControl: boolean;
  handlerFor(infno: string): Handler | undefined;
  /** What the field rules check: the national code of the step and the part of the input it names. */
  inputChecks(infno: string, input: unknown): { infno: string; input: unknown }[];
}

const NATIONAL = getProfile('national');

/** The input without the `data` fields only the other step names (an unknown field stays, and is reported). */
function without(input: unknown, keys: readonly string[]): unknown {
  const data = (input as { data?: Record<string, unknown> } | null)?.data ?? {};
  return { ...(input as object), data: Object.fromEntries(Object.entries(data).filter(([k]) => !keys.includes(k))) };
}

/** The `data` fields of a national code by the center's own rules. */
function dataFields(infno: string): string[] {
  return (inputRules(infno) ?? []).filter((n) => n.node === 'data').flatMap((n) => n.fields.map((f) => f.field));
}

/** Fields of `a`'s data that `b` does not name. */
function onlyIn(a: string, b: string): string[] {
  const other = new Set(dataFields(b));
  return dataFields(a).filter((f) => !other.has(f));
}

export function numberingOf(id: ProfileId = 'national'): CenterNumbering {
  const profile = getProfile(id);
  const merged = profile.rxCodes.verify === 'with-audit';
  const stepOf = (infno: string): RxCodeStep | null => rxStepOf(profile, infno);
  const renumbered = (infno: string) => stepOf(infno) === null && rxStepOf(NATIONAL, infno) !== null;
  const table: HandlerTable = SANDBOX_HANDLERS;
  return {
    profile: id,
    safeControl: profile.safeControl,
    handlerFor(infno) {
      const step = stepOf(infno);
      if (step === 'audit' && merged) return rxVerifyAndAudit as Handler;
      if (step === 'deliver' && profile.rxCodes.saleUpload === 'not-used') return rxDeliverAfterAudit as Handler;
      if (step) return table[NATIONAL.rxCodes[step]];
      return renumbered(infno) ? undefined : table[infno];
    },
    inputChecks(infno, input) {
      const step = stepOf(infno);
      if (step === 'audit' && merged) {
        return [
          { infno: NATIONAL.rxCodes.verify, input: without(input, onlyIn(NATIONAL.rxCodes.audit, NATIONAL.rxCodes.verify)) },
          { infno: NATIONAL.rxCodes.audit, input: without(input, onlyIn(NATIONAL.rxCodes.verify, NATIONAL.rxCodes.audit)) },
        ];
      }
      if (step) return [{ infno: NATIONAL.rxCodes[step], input }];
      return renumbered(infno) ? [] : [{ infno, input }];
    },
  };
}
