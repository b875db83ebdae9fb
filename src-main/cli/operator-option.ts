/** `--opter CODE --name NAME` of the commands that call the center: both or neither (then the operator signed in last). */
import type { Command } from 'commander';
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

/** The options of a command that calls the center as an operator and can print JSON. */
export function centerCallOptions(cmd: Command): Command {
  return cmd
    .option('--opter <code>', '操作员编号 (默认: 最近签到的操作员)')
    .option('--name <name>', '操作员姓名')
    .option('--json', '输出 JSON');
}
