/**
 * The shop store's tables in PostgreSQL. Created by the first counter that connects (under a
 * transaction-level advisory lock, so two counters starting together do not race); every later
 * change is a new numbered step, like the SQLite migrations.
 *
 * shop_event is append-only (a trigger refuses UPDATE and DELETE): each row is one outcome of one
 * journal entry of one counter, keyed by msgid:state, so pushing it twice changes nothing. The
 * current state of an entry is its newest event.
 */
import type { PoolClient } from 'pg';

/** Any fixed number: the advisory-lock key under which the schema is created. */
const SCHEMA_LOCK = 20_2001;

const STEPS: readonly string[] = [
  `CREATE TABLE shop_counter (
     slot           smallint PRIMARY KEY CHECK (slot BETWEEN 0 AND 9),
     counter_id     text NOT NULL UNIQUE,
     name           text NOT NULL,
     fixmedins_code text NOT NULL,
     registered_at  timestamptz NOT NULL DEFAULT now(),
     last_seen_at   timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE shop_event (
     seq            bigserial PRIMARY KEY,
     event_key      text NOT NULL UNIQUE,
     counter_id     text NOT NULL REFERENCES shop_counter(counter_id),
     msgid          text NOT NULL,
     infno          text NOT NULL,
     state          text NOT NULL,
     fixmedins_code text NOT NULL,
     opter          text NOT NULL,
     prepared_at    text NOT NULL,
     payload        jsonb NOT NULL,
     pushed_at      timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX shop_event_by_msgid ON shop_event (msgid, seq);
   CREATE INDEX shop_event_by_time ON shop_event (fixmedins_code, prepared_at);
   CREATE FUNCTION shop_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     RAISE EXCEPTION 'shop_event is append-only';
   END $$;
   CREATE TRIGGER shop_event_no_change BEFORE UPDATE OR DELETE ON shop_event
     FOR EACH STATEMENT EXECUTE FUNCTION shop_event_append_only();
   CREATE TABLE shop_reconcile_run (
     id             bigserial PRIMARY KEY,
     fixmedins_code text NOT NULL,
     kind           text NOT NULL,
     begndate       text NOT NULL,
     enddate        text NOT NULL,
     counter_id     text NOT NULL REFERENCES shop_counter(counter_id),
     ledger_digest  text NOT NULL,
     result         text NOT NULL,
     run            jsonb NOT NULL,
     finished_at    timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX shop_reconcile_run_by_day ON shop_reconcile_run (fixmedins_code, kind, begndate, id);`,
];

export async function ensureShopSchema(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS shop_schema (version integer NOT NULL)');
    const current = (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM shop_schema')).rows[0]?.v ?? 0;
    for (let v = current; v < STEPS.length; v++) {
      await client.query(STEPS[v] as string);
      await client.query('INSERT INTO shop_schema (version) VALUES ($1)', [v + 1]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
