/**
 * The shop store (issue 20): one PostgreSQL database shared by the counters of one institution.
 * It holds what the counters share, never what keeps a counter safe: each counter's journal stays
 * in its own SQLite file and reaches this store through the outbox (outbox.ts, pusher.ts).
 *
 *  - shop_counter: the counters, each with its terminalSlot (unique, never reused: rows are never deleted);
 *  - shop_event: the journal events of every counter (append-only, keyed by msgid:state);
 *  - shop_reconcile_run: institution-level 对账 results, so the other counters see them.
 */
import pg from 'pg';
import { YibaoError } from '../core/errors';
import type { JournalEntry, JournalState } from '../journal/journal-store';
import { ensureShopSchema } from './shop-schema';
import type { OutboxRow, ShopEventPayload } from './outbox';

export interface ShopCounter {
  readonly slot: number;
  readonly counterId: string;
  readonly name: string;
  readonly fixmedinsCode: string;
}

/** One journal entry of some counter, as its newest event in the shop store shows it. */
export interface ShopEntry {
  readonly counter: ShopCounter;
  readonly entry: JournalEntry;
  readonly reversesMsgid: string | null;
}

export interface ShopEntryFilter {
  readonly fixmedinsCode: string;
  /** prepared_at >= since (yyyy-MM-dd HH:mm:ss) */
  readonly since?: string;
  readonly until?: string;
  readonly infnos?: readonly string[];
  readonly states?: readonly JournalState[];
  readonly counterId?: string;
  readonly opter?: string;
  readonly msgid?: string;
  /** The entry's request or answer contains this text. */
  readonly textContains?: string;
  readonly limit?: number;
}

export interface StoredShopRun<T> {
  readonly counter: ShopCounter;
  readonly ledgerDigest: string;
  readonly result: string;
  readonly run: T;
  readonly finishedAt: string;
}

/** The URL without its password, for messages and logs. */
export function maskedUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');
}

/** Any failure to reach or use the store, as the cashier should read it. */
export function shopUnreachable(url: string, cause: unknown): YibaoError {
  const why = (cause as Error)?.message ?? String(cause);
  return new YibaoError(
    'E_SHOP_UNREACHABLE',
    `门店库 (PostgreSQL ${maskedUrl(url)}) 连不上或出错: ${why}。本机收费照常, 数据在本机保存, 连通后自动补传`,
    { url: maskedUrl(url) },
    { cause },
  );
}

interface CounterRow {
  slot: number;
  counter_id: string;
  name: string;
  fixmedins_code: string;
}

const counterOf = (r: CounterRow): ShopCounter => ({
  slot: r.slot,
  counterId: r.counter_id,
  name: r.name,
  fixmedinsCode: r.fixmedins_code,
});

function storedRunOf<T>(r: CounterRow & { ledger_digest: string; result: string; run: T; finished_at: Date }): StoredShopRun<T> {
  return {
    counter: counterOf(r),
    ledgerDigest: r.ledger_digest,
    result: r.result,
    run: r.run,
    finishedAt: r.finished_at.toISOString(),
  };
}

/** Slots a shop can give: the msgid sequence has ten ranges (protocol/msgid.ts). */
const SLOTS = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

export class ShopStore {
  private readonly pool: pg.Pool;
  private schemaReady = false;

  constructor(readonly url: string) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: 3,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 10_000,
      query_timeout: 15_000,
      application_name: 'yibao-counter',
    });
    // A server that goes away kills idle connections: the pool must not crash the process over it.
    this.pool.on('error', () => undefined);
  }

  async close(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }

  private async use<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (cause) {
      throw shopUnreachable(this.url, cause);
    }
    try {
      if (!this.schemaReady) {
        await ensureShopSchema(client);
        this.schemaReady = true;
      }
      return await work(client);
    } catch (cause) {
      if (cause instanceof YibaoError) throw cause;
      throw shopUnreachable(this.url, cause);
    } finally {
      client.release();
    }
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.use(async (client) => {
      await client.query('BEGIN');
      try {
        const value = await work(client);
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  /**
   * Registers this counter (or finds it again) and returns its slot. A counter already known keeps
   * its slot; a new one gets the slot its config names, or the lowest never given. Refused, with
   * the reason in Chinese: a slot that belongs to another counter, a counter of another
   * institution, no slot left.
   */
  async register(req: {
    counterId: string;
    name: string | undefined;
    fixmedinsCode: string;
    wantedSlot: number | null;
  }): Promise<ShopCounter> {
    return this.transaction(async (client) => {
      // One registration at a time: two new counters must not both take the lowest free slot.
      await client.query('LOCK TABLE shop_counter IN SHARE ROW EXCLUSIVE MODE');
      const all = (await client.query<CounterRow>('SELECT slot, counter_id, name, fixmedins_code FROM shop_counter')).rows;
      const other = all.find((r) => r.fixmedins_code !== req.fixmedinsCode);
      if (other) {
        throw new YibaoError(
          'E_SHOP_OTHER_INSTITUTION',
          `门店库里已登记的是机构 ${other.fixmedins_code} 的收银台, 本机属于机构 ${req.fixmedinsCode}: 一个门店库只能给一个定点机构用, 请检查 shop.postgresUrl`,
          { shop: other.fixmedins_code, mine: req.fixmedinsCode },
        );
      }
      const mine = all.find((r) => r.counter_id === req.counterId);
      if (mine) {
        if (req.wantedSlot !== null && req.wantedSlot !== mine.slot) throw slotClash(req.wantedSlot, all, mine.slot);
        const name = req.name ?? mine.name;
        await client.query('UPDATE shop_counter SET last_seen_at = now(), name = $2 WHERE counter_id = $1', [
          req.counterId,
          name,
        ]);
        return counterOf({ ...mine, name });
      }
      const taken = new Set(all.map((r) => r.slot));
      if (req.wantedSlot !== null && taken.has(req.wantedSlot)) throw slotClash(req.wantedSlot, all, null);
      const slot = req.wantedSlot ?? SLOTS.find((s) => !taken.has(s));
      if (slot === undefined) {
        throw new YibaoError('E_SHOP_SLOTS_FULL', '门店库的 10 个终端序号 (0–9) 都已分配过, 不能再登记新的收银台', {});
      }
      const row: CounterRow = {
        slot,
        counter_id: req.counterId,
        name: req.name ?? `收银台 ${slot}`,
        fixmedins_code: req.fixmedinsCode,
      };
      await client.query('INSERT INTO shop_counter (slot, counter_id, name, fixmedins_code) VALUES ($1, $2, $3, $4)', [
        row.slot,
        row.counter_id,
        row.name,
        row.fixmedins_code,
      ]);
      return counterOf(row);
    });
  }

  async counters(): Promise<ShopCounter[]> {
    return this.use(async (client) =>
      (await client.query<CounterRow>('SELECT slot, counter_id, name, fixmedins_code FROM shop_counter ORDER BY slot')).rows.map(
        counterOf,
      ),
    );
  }

  /** Appends outbox events of one counter; events the store already has are skipped. Returns how many were new. */
  async append(counterId: string, rows: readonly OutboxRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.transaction(async (client) => {
      let added = 0;
      for (const row of rows) {
        const payload = JSON.parse(row.payloadJson) as ShopEventPayload;
        const result = await client.query(
          `INSERT INTO shop_event (event_key, counter_id, msgid, infno, state, fixmedins_code, opter, prepared_at, payload)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_key) DO NOTHING`,
          [
            row.eventKey,
            counterId,
            row.msgid,
            row.infno,
            row.state,
            payload.entry.fixmedinsCode,
            payload.entry.opter,
            payload.entry.preparedAt,
            row.payloadJson,
          ],
        );
        added += result.rowCount ?? 0;
      }
      return added;
    });
  }

  /** Entries of all counters (or one), each as its newest event shows it; newest first. */
  async entries(filter: ShopEntryFilter): Promise<ShopEntry[]> {
    const where = ['e.fixmedins_code = $1'];
    const params: unknown[] = [filter.fixmedinsCode];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.since) add('e.prepared_at >= ?', filter.since);
    if (filter.until) add('e.prepared_at <= ?', filter.until);
    if (filter.infnos?.length) add('e.infno = ANY(?)', filter.infnos);
    if (filter.counterId) add('e.counter_id = ?', filter.counterId);
    if (filter.opter) add('e.opter = ?', filter.opter);
    if (filter.msgid) add('e.msgid = ?', filter.msgid);
    if (filter.textContains)
      add("e.payload::text LIKE ? ESCAPE '\\'", `%${filter.textContains.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
    const outer: string[] = [];
    if (filter.states?.length) {
      params.push(filter.states);
      outer.push(`state = ANY($${params.length})`);
    }
    params.push(Math.min(Math.max(filter.limit ?? 200, 1), 100_000));
    const sql = `SELECT * FROM (
        SELECT DISTINCT ON (e.msgid) e.msgid, e.state, e.prepared_at, e.payload, c.slot, c.counter_id, c.name, c.fixmedins_code
        FROM shop_event e JOIN shop_counter c ON c.counter_id = e.counter_id
        WHERE ${where.join(' AND ')} ORDER BY e.msgid, e.seq DESC) cur
      ${outer.length ? `WHERE ${outer.join(' AND ')}` : ''} ORDER BY prepared_at DESC, msgid DESC LIMIT $${params.length}`;
    return this.use(async (client) =>
      (await client.query<CounterRow & { payload: ShopEventPayload }>(sql, params)).rows.map((r) => ({
        counter: counterOf(r),
        entry: r.payload.entry,
        reversesMsgid: r.payload.reversesMsgid,
      })),
    );
  }

  /** How many events this counter has in the store (the status screen's "pushed" figure, seen from the store). */
  async eventCount(counterId: string): Promise<number> {
    return this.use(async (client) =>
      Number(
        (await client.query<{ n: string }>('SELECT count(*) AS n FROM shop_event WHERE counter_id = $1', [counterId])).rows[0]
          ?.n ?? 0,
      ),
    );
  }

  /**
   * Runs `work` while this counter holds the shop-wide lock `name` (a PostgreSQL advisory lock on
   * a connection of its own, released by the server if this process dies). `waited` tells the work
   * that another counter held it first (and may have done the job meanwhile).
   */
  async exclusive<T>(name: string, work: (waited: boolean) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 3000, application_name: 'yibao-lock' });
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (cause) {
      throw shopUnreachable(this.url, cause);
    }
    try {
      let got: boolean;
      try {
        got =
          (await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS got', [name])).rows[0]?.got ??
          false;
        if (!got) await client.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
      } catch (cause) {
        throw shopUnreachable(this.url, cause);
      }
      return await work(!got);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  async saveRun<T>(run: {
    fixmedinsCode: string;
    kind: string;
    begndate: string;
    enddate: string;
    counterId: string;
    ledgerDigest: string;
    result: string;
    run: T;
  }): Promise<void> {
    await this.use((client) =>
      client.query(
        `INSERT INTO shop_reconcile_run (fixmedins_code, kind, begndate, enddate, counter_id, ledger_digest, result, run)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          run.fixmedinsCode,
          run.kind,
          run.begndate,
          run.enddate,
          run.counterId,
          run.ledgerDigest,
          run.result,
          JSON.stringify(run.run),
        ],
      ),
    );
  }

  /** The newest institution-level run of a period, whichever counter made it. */
  async latestRun<T>(fixmedinsCode: string, kind: string, begndate: string, enddate: string): Promise<StoredShopRun<T> | null> {
    return this.use(async (client) => {
      const row = (
        await client.query<CounterRow & { ledger_digest: string; result: string; run: T; finished_at: Date }>(
          `SELECT r.ledger_digest, r.result, r.run, r.finished_at, c.slot, c.counter_id, c.name, c.fixmedins_code
           FROM shop_reconcile_run r JOIN shop_counter c ON c.counter_id = r.counter_id
           WHERE r.fixmedins_code = $1 AND r.kind = $2 AND r.begndate = $3 AND r.enddate = $4 ORDER BY r.id DESC LIMIT 1`,
          [fixmedinsCode, kind, begndate, enddate],
        )
      ).rows[0];
      return row ? storedRunOf(row) : null;
    });
  }

  /** The newest institution-level result of each day between begndate and enddate (daily runs, any counter). */
  async dailyResults(fixmedinsCode: string, begndate: string, enddate: string): Promise<Map<string, string>> {
    return this.use(async (client) => {
      const rows = (
        await client.query<{ begndate: string; result: string }>(
          `SELECT DISTINCT ON (begndate) begndate, result FROM shop_reconcile_run
           WHERE fixmedins_code = $1 AND kind = 'daily' AND begndate = enddate AND begndate BETWEEN $2 AND $3
           ORDER BY begndate, id DESC`,
          [fixmedinsCode, begndate, enddate],
        )
      ).rows;
      return new Map(rows.map((r) => [r.begndate, r.result]));
    });
  }

  /** The newest run of a period made by each counter (e.g. each counter's standing clearing applications). */
  async latestRunPerCounter<T>(
    fixmedinsCode: string,
    kind: string,
    begndate: string,
    enddate: string,
  ): Promise<StoredShopRun<T>[]> {
    return this.use(async (client) =>
      (
        await client.query<CounterRow & { ledger_digest: string; result: string; run: T; finished_at: Date }>(
          `SELECT DISTINCT ON (r.counter_id) r.ledger_digest, r.result, r.run, r.finished_at, c.slot, c.counter_id, c.name,
             c.fixmedins_code
           FROM shop_reconcile_run r JOIN shop_counter c ON c.counter_id = r.counter_id
           WHERE r.fixmedins_code = $1 AND r.kind = $2 AND r.begndate = $3 AND r.enddate = $4 ORDER BY r.counter_id, r.id DESC`,
          [fixmedinsCode, kind, begndate, enddate],
        )
      ).rows.map(storedRunOf),
    );
  }
}

function slotClash(slot: number, all: readonly CounterRow[], mine: number | null): YibaoError {
  const holder = all.find((r) => r.slot === slot);
  const why = holder ? `已由本店的 "${holder.name}" 使用` : '与门店库登记的不同';
  const registered = mine === null ? '' : ` (门店库给本机登记的是 ${mine})`;
  return new YibaoError(
    'E_SHOP_SLOT_CLASH',
    `终端序号 ${slot} ${why}${registered}: 同一机构的收银台序号不能相同, 否则报文ID会重复。` +
      '请删去配置文件中的 institution.terminalSlot, 由门店库分配; 本机不启动',
    { slot, holder: holder?.name ?? null, registered: mine },
  );
}
