/** `--opter CODE --name NAME` of the commands that call the center: both or neither (then the operator signed in last). */
import { YibaoError } from '../core/errors';
import type { Operator } from '../protocol/center-client';

export interface OperatorOpts {
  opter?: string;
  name?: string;
}

export function operatorOf(opts: OperatorOpts): Operator | undefined {
  if (opts.opter === undefined && opts.name === undefined) return undefined;
  if (!opts.opter || !opts.name) throw new YibaoError('E_USAGE', '--opter 和 --name 需要同时给出');
  return { opter: opts.opter, opterName: opts.name };
}
