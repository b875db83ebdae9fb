import { YibaoError } from '../../core/errors';
import type { ScenarioState } from '../types';

/** A value an earlier step left for this one; a clear failure when that step did not succeed. */
export function need<T>(state: ScenarioState, key: string, what: string): T {
  if (!state.has(key)) throw new YibaoError('E_ACCEPTANCE_PREREQUISITE', `前置步骤未成功, 缺少${what}`, { key });
  return state.get(key) as T;
}
