/**
 * Composition root of the counter: wires config, local database, msgid generator,
 * transport, center client and sessions. The CLI, the web host and the Electron main
 * process all start the counter through here, so they behave the same.
 */
import { join } from 'node:path';
import { YibaoError } from '../core/errors';
import { loadConfig, type LoadedConfig } from '../config/load';
import { getProfile } from '../registry/profile';
import { openDatabase, type Db } from '../storage/sqlite';
import { CLIENT_MIGRATIONS } from '../storage/client/migrations';
import { MsgIdGenerator, SqliteMsgIdSequence } from '../protocol/msgid';
import { HttpTransport } from '../protocol/transport';
import { CenterClient, type CallObserver, type CallResult, type Operator } from '../protocol/center-client';
import { OperatorSessions } from '../session/operator-sessions';
import { SqliteInsuredAreaBook } from '../session/insured-areas';
import { startSandboxCenter, type RunningSandbox } from '../sandbox/server';

export interface CounterApp {
  readonly loaded: LoadedConfig;
  readonly db: Db;
  readonly centerUrl: string;
  readonly client: CenterClient;
  readonly sessions: OperatorSessions;
  readonly areas: SqliteInsuredAreaBook;
  /** Present when the embedded sandbox center was started for this app. */
  readonly sandbox: RunningSandbox | null;
  /** Calls any registry code as an operator, signing in first when needed. */
  callAs(
    operator: Operator | undefined,
    infno: string,
    input: Record<string, unknown>,
    extra?: { insuplcAdmdvs?: string },
  ): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly configPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides config and env (CLI --center). */
  readonly centerUrl?: string;
  readonly observer?: CallObserver;
}

export async function openCounterApp(options: OpenOptions = {}): Promise<CounterApp> {
  const loaded = loadConfig({ path: options.configPath, env: options.env });
  const { config, dataDir } = loaded;
  const profile = getProfile(config.profile);
  const db = openDatabase(join(dataDir, 'yibao.sqlite'), { migrations: CLIENT_MIGRATIONS });

  let sandbox: RunningSandbox | null = null;
  let centerUrl = options.centerUrl ?? config.center.url;
  if (!centerUrl) {
    sandbox = await startSandboxCenter({
      dataDir: config.sandbox.dataDir ?? join(dataDir, 'sandbox'),
      port: config.sandbox.port,
      seed: config.sandbox.seed,
    });
    centerUrl = sandbox.url;
  }

  const transport = new HttpTransport();
  const msgids = new MsgIdGenerator(
    config.institution.fixmedinsCode,
    new SqliteMsgIdSequence(db),
    config.institution.terminalSlot,
  );
  const areas = new SqliteInsuredAreaBook(db);
  const client = new CenterClient({
    url: centerUrl,
    envelope: {
      fixmedinsCode: config.institution.fixmedinsCode,
      fixmedinsName: config.institution.fixmedinsName,
      mdtrtareaAdmvs: config.institution.mdtrtareaAdmvs,
      recerSysCode: config.protocol.recerSysCode ?? profile.recerSysCode,
      infver: config.protocol.infver ?? profile.infver,
      opterType: config.protocol.opterType,
      devNo: config.institution.devNo,
      signtype: config.protocol.signtype,
    },
    profile,
    transport,
    msgids,
    gateway: config.center.gateway,
    timeoutOverride: config.center.timeouts,
    observer: options.observer,
    areas,
  });
  const sessions = new OperatorSessions(db, config.institution.fixmedinsCode, centerUrl, config.signIn);

  const app: CounterApp = {
    loaded,
    db,
    centerUrl,
    client,
    sessions,
    areas,
    sandbox,
    async callAs(operator, infno, input, extra = {}) {
      if (infno === '9001') {
        if (!operator) throw new YibaoError('E_USAGE', '签到 (9001) 需要操作员编号和姓名');
        return (await sessions.signInWithResult(client, operator)).result;
      }
      const session = operator ? await sessions.ensure(client, operator) : sessions.require();
      const result = await client.callAny(infno, input, { operator: session, signNo: session.signNo, ...extra });
      learnInsuredArea(areas, infno, result.output);
      if (infno === '9002') sessions.forget(session.opter);
      return result;
    },
    async close() {
      transport.close();
      db.close();
      await sandbox?.close();
    },
  };
  return app;
}

/** After 1101, remember where each person is insured (envelope insuplc_admdvs of later calls). */
function learnInsuredArea(areas: SqliteInsuredAreaBook, infno: string, output: unknown): void {
  if (infno !== '1101') return;
  const o = output as { baseinfo?: { psn_no?: string }; insuinfo?: { insuplc_admdvs?: string }[] };
  const psnNo = o.baseinfo?.psn_no;
  const area = o.insuinfo?.[0]?.insuplc_admdvs;
  if (psnNo && area) areas.remember(psnNo, area);
}
