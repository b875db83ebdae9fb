/**
 * Composition root of the counter: wires config, local database, msgid generator,
 * transport, center client and sessions. The CLI, the web host and the Electron main
 * process all start the counter through here, so they behave the same.
 */
import { join } from 'node:path';
import { YibaoError } from '../core/errors';
import { loadConfig, sandboxDataDir, type LoadedConfig } from '../config/load';
import { getProfile } from '../registry/profile';
import { openDatabase, type Db } from '../storage/sqlite';
import { ensurePrivateDir, makePrivate } from '../core/private-files';
import { gatewayCredentials, type SecretSealer } from '../config/gateway-secret';
import type { GatewayCredentials } from '../protocol/gateway-signature';
import { CLIENT_MIGRATIONS } from '../storage/client/migrations';
import { MsgIdGenerator, SqliteMsgIdSequence } from '../protocol/msgid';
import { HttpTransport, type Transport } from '../protocol/transport';
import { CenterClient, type CallObserver, type CallResult, type Operator } from '../protocol/center-client';
import { OperatorSessions } from '../session/operator-sessions';
import { SqliteInsuredAreaBook } from '../session/insured-areas';
import { startSandboxCenter, type RunningSandbox } from '../sandbox/server';
import { JournalStore } from '../journal/journal-store';
import { JournalObserver } from '../journal/journal-observer';
import { ArchiveShelf } from '../journal/archive/archive-shelf';
import { archiveFolderOf } from '../journal/archive/archive-files';
import { withTap, type CallTap } from '../protocol/observer-tap';
import { OutcomeResolver, SIGN_IN_INVALID, type ResolveReport } from '../journal/outcome-resolver';
import { isReversible } from '../registry/profile';
import { RejectedError, UnknownOutcomeError } from '../protocol/call-errors';
import { SafeMediumBook } from '../devices/safe-medium';
import { requireHealthyDatabase } from '../backup/db-health';
import { recoverAfterRestore, restoreMarkerOf, type RestoreRecoveryReport } from '../backup/restore-recovery';
import { openShopLink, type ShopLink } from '../shop/shop-link';
import { ALL_REFUND_CODES, ALL_SETTLE_CODES } from '../counter/settlement-history';

export interface CounterApp {
  readonly loaded: LoadedConfig;
  readonly db: Db;
  /** The same file on a NORMAL-sync connection, for writes that need no fsync of their own (caches). */
  readonly lightDb: Db;
  readonly centerUrl: string;
  /**
   * The center the journal, sign-ins and 对账 runs belong to: its URL, or for the embedded
   * sandbox (a new port at every start) its ledger directory, so that a restart finds them again.
   */
  readonly centerId: string;
  readonly client: CenterClient;
  /** The HTTP transport under the client (tests read its idle keep-alive sockets). */
  readonly transport: Transport;
  readonly sessions: OperatorSessions;
  readonly areas: SqliteInsuredAreaBook;
  /** The 安全控件 medium of each person's visit (profile `safeControl`), sent as dev_safe_info. */
  readonly safeMedia: SafeMediumBook;
  readonly journal: JournalStore;
  /** The yearly archives of the journal (journal/archive/), read-only; the live journal's windows read them too. */
  readonly archives: ArchiveShelf;
  readonly resolver: OutcomeResolver;
  /** What recovery did when the app opened (null when nothing was open). */
  readonly recovery: ResolveReport | null;
  /**
   * After `yibao backup restore`: the check of the restored journal against the center
   * (backup/restore-recovery.ts); null when no restore is pending. Settling waits until it is done.
   */
  restoreCheck: RestoreRecoveryReport | { readonly done: false; readonly error: string } | null;
  /** Present when the embedded sandbox center was started for this app. */
  readonly sandbox: RunningSandbox | null;
  /** The shop store link (config shop.postgresUrl), null for a counter that works alone. */
  readonly shop: ShopLink | null;
  /** Calls any registry code as an operator, signing in first when needed. */
  callAs(
    operator: Operator | undefined,
    infno: string,
    input: Record<string, unknown>,
    extra?: CallExtra,
  ): Promise<CallResult<unknown>>;
  close(): Promise<void>;
}

/** Envelope fields a caller may give for one call. */
export interface CallExtra {
  readonly insuplcAdmdvs?: string;
  /** dev_safe_info for a call whose person is not known yet (1101 of a visit). */
  readonly devSafeInfo?: string;
}

export interface OpenOptions {
  readonly configPath?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Overrides config and env (CLI --center). */
  readonly centerUrl?: string;
  readonly observer?: CallObserver;
  /** Hears every call after the journal did (timings for the acceptance report, benchmarks). */
  readonly tap?: CallTap;
  /** Replaces the HTTP transport (benchmarks time the network part through it). */
  readonly transport?: Transport;
  /** Runs as another institution than the config names (the acceptance self-test on the sandbox). */
  readonly institution?: Partial<LoadedConfig['config']['institution']>;
  /** The desktop app's safeStorage, to open a sealed gateway secret (config/gateway-secret.ts). */
  readonly secretSealer?: SecretSealer;
  /** Resolve open journal entries before returning (default true). */
  readonly recover?: boolean;
  /** The counter's clock for journal times and msgids (tests that play a sale in another month; benchmarks). */
  readonly clock?: () => Date;
}

export async function openCounterApp(options: OpenOptions = {}): Promise<CounterApp> {
  const fromFile = loadConfig({ path: options.configPath, env: options.env });
  const loaded: LoadedConfig = options.institution
    ? { ...fromFile, config: { ...fromFile.config, institution: { ...fromFile.config.institution, ...options.institution } } }
    : fromFile;
  const { config, dataDir } = loaded;
  const profile = getProfile(config.profile);
  const dbFile = join(dataDir, 'yibao.sqlite');
  // The data folder and the config are the counter's own: narrowed to this user (POSIX) on every start.
  ensurePrivateDir(dataDir, { own: true });
  makePrivate(loaded.path);
  // Before anything opens it for writing: a damaged file is refused, never migrated or rewritten.
  requireHealthyDatabase(dbFile, loaded);
  const db = openDatabase(dbFile, { migrations: CLIENT_MIGRATIONS });
  // Writes that need no fsync of their own: a msgid reservation is only used on the wire after the
  // journal's FULL commit of the entry carrying it, which flushes the shared WAL up to and
  // including the reservation; the insured-area book is a cache that 1101 refills.
  const lightDb = openDatabase(dbFile, { migrations: CLIENT_MIGRATIONS, synchronous: 'NORMAL' });

  const configuredUrl = options.centerUrl ?? config.center.url;
  let sandbox: RunningSandbox | null = null;
  let centerUrl: string;
  let centerId: string;
  if (configuredUrl) {
    centerUrl = centerId = configuredUrl;
  } else {
    const sandboxDir = sandboxDataDir(loaded);
    // The embedded center plays the counter's region: its 电子处方 numbering follows the profile.
    sandbox = await startSandboxCenter({
      dataDir: sandboxDir,
      port: config.sandbox.port,
      seed: config.sandbox.seed,
      numbering: config.profile,
    });
    centerUrl = sandbox.url;
    centerId = `sandbox:${sandboxDir}`;
  }

  const shop = await openShop(loaded, db, async () => {
    db.close();
    lightDb.close();
    await sandbox?.close();
  });
  const transport = options.transport ?? new HttpTransport();
  const msgids = new MsgIdGenerator(
    config.institution.fixmedinsCode,
    new SqliteMsgIdSequence(lightDb),
    shop?.link.counter.slot ?? config.institution.terminalSlot,
    options.clock,
  );
  const areas = new SqliteInsuredAreaBook(lightDb);
  const safeMedia = new SafeMediumBook(profile.safeControl ? profile.name : null);
  const archives = new ArchiveShelf(archiveFolderOf(dataDir));
  const journal = new JournalStore(db, dbFile, centerId, shop?.link.outbox ?? null, { clock: options.clock, archives });
  if (shop?.joinedNow) backfillShopOutbox(shop.link, journal);
  let gateway: GatewayCredentials | null | undefined;
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
    // Asked at the first call: a secret sealed by the desktop app stops calls from the CLI, not the CLI itself.
    gateway: () =>
      gateway === undefined ? (gateway = gatewayCredentials(config.center.gateway, options.secretSealer ?? null)) : gateway,
    timeoutOverride: config.center.timeouts,
    observer:
      options.observer ??
      withTap(new JournalObserver(journal, (infno) => infno === '2601' || isReversible(profile, infno)), options.tap),
    areas,
    safeMedia,
  });
  const sessions = new OperatorSessions(db, config.institution.fixmedinsCode, centerId, config.signIn);
  const resolver = new OutcomeResolver(journal, client, sessions, profile);
  const recovery =
    options.recover !== false && journal.open().length > 0 ? await resolver.resolveAll({ ignoreBackoff: true }) : null;

  /** Settling waits until every earlier money-moving call has a known outcome. */
  async function requireNoOpenMoneyCalls(infno: string): Promise<void> {
    if (!isReversible(profile, infno)) return;
    if (app.restoreCheck && !app.restoreCheck.done) await checkRestore();
    if (app.restoreCheck && !app.restoreCheck.done) {
      const why = 'error' in app.restoreCheck ? app.restoreCheck.error : app.restoreCheck.lines.at(-1);
      throw new YibaoError('E_RESTORE_PENDING', `恢复备份后尚未与中心核对完成, 暂不能办理新的结算: ${why ?? ''}`);
    }
    // Calls still waiting for their answer are in progress, not unknown: they do not hold others up.
    const unsettled = () => journal.openMoneyMoving((code) => isReversible(profile, code)).filter((e) => !resolver.inFlight(e));
    if (unsettled().length > 0) await resolver.resolveAll();
    const open = unsettled();
    if (open.length > 0) {
      throw new YibaoError(
        'E_PENDING_REVERSAL',
        `有 ${open.length} 笔结算类交易结果未明, 正在自动冲正; 冲正完成前不能办理新的结算 (见交易流水)`,
        { open: open.map((e) => e.msgid) },
      );
    }
  }

  /** One call; when the center no longer knows the sign_no, sign in again once and repeat (a rejected call changed nothing). */
  async function callSignedIn(operator: Operator | undefined, infno: string, input: Record<string, unknown>, extra: CallExtra) {
    const session = operator ? await sessions.ensure(client, operator) : sessions.require();
    try {
      return await client.callAny(infno, input, { operator: session, signNo: session.signNo, ...extra });
    } catch (error) {
      if (!(error instanceof RejectedError) || !SIGN_IN_INVALID.test(error.errMsg)) throw error;
      sessions.forget(session.opter);
      const fresh = await sessions.signIn(client, session);
      return client.callAny(infno, input, { operator: fresh, signNo: fresh.signNo, ...extra });
    }
  }

  /** Runs the after-restore check when a restore left its marker; failures are kept, not thrown (retried before settling). */
  async function checkRestore(): Promise<void> {
    if (!restoreMarkerOf(dataDir)) {
      app.restoreCheck = null;
      return;
    }
    try {
      app.restoreCheck = await recoverAfterRestore(app);
    } catch (error) {
      const e = error as YibaoError;
      app.restoreCheck = { done: false, error: e.messageZh ?? e.message };
    }
  }

  const app: CounterApp = {
    restoreCheck: null,
    loaded,
    db,
    lightDb,
    centerUrl,
    centerId,
    client,
    transport,
    sessions,
    areas,
    safeMedia,
    sandbox,
    shop: shop?.link ?? null,
    journal,
    archives,
    resolver,
    recovery,
    async callAs(operator, infno, input, extra = {}) {
      if (infno === '9001') {
        if (!operator) throw new YibaoError('E_USAGE', '签到 (9001) 需要操作员编号和姓名');
        return (await sessions.signInWithResult(client, operator)).result;
      }
      await requireNoOpenMoneyCalls(infno);
      try {
        const result = await callSignedIn(operator, infno, input, extra);
        learnInsuredArea(areas, infno, result.output);
        if (infno === '9002') sessions.forget(result.envelope.opter);
        return result;
      } catch (error) {
        // An unknown outcome is settled at once where it can be (2601 for settlements); the
        // caller still gets the error, with what the journal did about it.
        if (error instanceof UnknownOutcomeError) {
          const entry = journal.byMsgid(error.call.msgid);
          if (entry) {
            const after = await resolver.resolveEntry(entry, true);
            Object.assign(error.detail, { journalState: after.state, resolution: after.resolution });
          }
        }
        throw error;
      }
    },
    async close() {
      await shop?.link.close();
      transport.close?.();
      journal.close();
      archives.close();
      db.close();
      lightDb.close();
      await sandbox?.close();
    },
  };
  // Open entries first (2601 for calls in flight when the backup was taken), then the center's sales the backup lacks.
  if (options.recover !== false && journal.open().length === 0) await checkRestore();
  shop?.link.pusher.start();
  return app;
}

/** The journal codes a shop store gets: settlements and refunds, their 2601 reversals, sign-in and sign-out (shifts). */
const SHOP_CODES = new Set([...ALL_SETTLE_CODES, ...ALL_REFUND_CODES, '2601', '9001', '9002']);

/** Opens the shop link when the config names a shop store; on failure closes what was opened and rethrows. */
async function openShop(
  loaded: LoadedConfig,
  db: Db,
  closeOpened: () => Promise<void>,
): Promise<{ link: ShopLink; joinedNow: boolean } | null> {
  const { config } = loaded;
  if (!config.shop.postgresUrl) return null;
  const before = db.prepare('SELECT registered_at AS at FROM shop_identity').get() as { at: string | null } | undefined;
  try {
    const link = await openShopLink(db, {
      url: config.shop.postgresUrl,
      fixmedinsCode: config.institution.fixmedinsCode,
      counterName: config.shop.counterName,
      wantedSlot: loaded.terminalSlotSet ? config.institution.terminalSlot : null,
      shares: (infno) => SHOP_CODES.has(infno),
    });
    const after = db.prepare('SELECT registered_at AS at FROM shop_identity').get() as { at: string | null } | undefined;
    return { link, joinedNow: !before?.at && Boolean(after?.at) };
  } catch (error) {
    await closeOpened();
    throw error;
  }
}

/** A counter that joins a shop brings the outcomes it journaled before (the outbox skips what it has). */
function backfillShopOutbox(link: ShopLink, journal: JournalStore): void {
  const entries = journal.list({ infnos: [...SHOP_CODES], limit: 100_000 }).reverse();
  const msgidOf = new Map(entries.map((e) => [e.id, e.msgid]));
  link.outbox.backfill(entries, (e) => (e.reversesId === null ? null : (msgidOf.get(e.reversesId) ?? null)));
}

/** After 1101, remember where each person is insured (envelope insuplc_admdvs of later calls). */
function learnInsuredArea(areas: SqliteInsuredAreaBook, infno: string, output: unknown): void {
  if (infno !== '1101') return;
  const o = output as { baseinfo?: { psn_no?: string }; insuinfo?: { insuplc_admdvs?: string }[] };
  const psnNo = o.baseinfo?.psn_no;
  const area = o.insuinfo?.[0]?.insuplc_admdvs;
  if (psnNo && area) areas.remember(psnNo, area);
}
