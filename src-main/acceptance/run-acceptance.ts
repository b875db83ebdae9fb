/**
 * Opens the counter for a self-test run of one institution type and runs its scenario. On the
 * embedded sandbox, a counter configured as a pharmacy can still run the clinic test (and the
 * reverse) as the sandbox's demo institution of that type; against any other center the
 * configured institution must be of the type under test.
 */
import { YibaoError } from '../core/errors';
import { loadConfig } from '../config/load';
import { openCounterApp, type OpenOptions } from '../app/counter-app';
import { CounterEvents } from '../counter/events';
import { createCounterServices } from '../counter/counter-services';
import { SANDBOX_INSTITUTIONS } from '../sandbox/center/institutions';
import type { Operator } from '../protocol/center-client';
import { CallTimings } from './call-timings';
import { runAcceptance } from './runner';
import { SCENARIOS } from './scenarios';
import { chooseSubjects, type SubjectOptions } from './subjects';
import type { AcceptanceReport, AcceptanceType, StepResult } from './types';

export interface AcceptanceOptions extends SubjectOptions {
  readonly type: AcceptanceType;
  readonly configPath?: string;
  readonly centerUrl?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly operator?: Operator;
  readonly onStep?: (result: StepResult, index: number, total: number) => void;
}

export const DEFAULT_ACCEPTANCE_OPERATOR: Operator = { opter: 'YS001', opterName: '验收操作员' };

export async function runAcceptanceTest(options: AcceptanceOptions): Promise<AcceptanceReport> {
  const timings = new CallTimings();
  const app = await openCounterApp({
    configPath: options.configPath,
    centerUrl: options.centerUrl,
    env: options.env,
    tap: timings.tap,
    institution: institutionFor(options),
  });
  const services = createCounterServices(app, new CounterEvents());
  const operator = options.operator ?? DEFAULT_ACCEPTANCE_OPERATOR;
  try {
    const subjects = await chooseSubjects(app, operator, options);
    return await runAcceptance({
      env: { type: options.type, app, services, operator, subjects, state: new Map() },
      steps: SCENARIOS[options.type],
      timings,
      onStep: options.onStep,
    });
  } finally {
    await services.stop();
    await app.close();
  }
}

function institutionFor(options: AcceptanceOptions): OpenOptions['institution'] {
  const { config } = loadConfig({ path: options.configPath, env: options.env });
  if (config.institution.kind === options.type) return undefined;
  const embeddedSandbox = !options.centerUrl && !config.center.url;
  if (!embeddedSandbox) {
    const kind = config.institution.kind === 'pharmacy' ? '药店' : '诊所';
    throw new YibaoError(
      'E_ACCEPTANCE_TYPE',
      `配置的机构 ${config.institution.fixmedinsCode} 是${kind}, 不能跑 ${options.type} 类型的验收: 请用 --config 指向该类型机构的配置`,
    );
  }
  const level = options.type === 'pharmacy' ? 'pharmacy' : 'clinic';
  const demo = SANDBOX_INSTITUTIONS.find((i) => i.level === level);
  if (!demo) throw new YibaoError('E_ACCEPTANCE_TYPE', `内置沙箱没有${options.type}类型的演示机构`);
  return { fixmedinsCode: demo.code, fixmedinsName: demo.name, mdtrtareaAdmvs: demo.admdvs, kind: options.type };
}
