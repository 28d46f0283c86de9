import pg from 'pg';
import type { Queryable } from '../db/database.js';
import type { OrderChange, OrderUpdates } from '../order-updates.js';

/** The channel every instance LISTENs on. */
export const ORDER_UPDATES_CHANNEL = 'etkit_order_updates';
const ORDER_ID = /^[\w-]{1,64}$/;
const WHAT = /^[a-z_]{1,32}$/;

/** The NOTIFY payload: the order id and what changed, nothing else (the instance reads the rest). */
export const encodeChange = (change: OrderChange) => JSON.stringify({ o: change.merchantOrderId, w: change.what });

export function decodeChange(payload: string | undefined): OrderChange | undefined {
  if (payload === undefined || payload.length > 200) return undefined;
  try {
    const { o, w } = JSON.parse(payload) as { o?: unknown; w?: unknown };
    if (typeof o === 'string' && ORDER_ID.test(o) && typeof w === 'string' && WHAT.test(w)) {
      return { merchantOrderId: o, what: w };
    }
  } catch {}
  return undefined;
}

export interface PostgresUpdatesOptions {
  log: (line: string) => void;
  /** First reconnect delay; doubled per failed attempt up to `maxBackoffMs`, with jitter. Default 100 ms. */
  minBackoffMs?: number;
  /** Default 30 s. */
  maxBackoffMs?: number;
  /** How the listening connection shows in pg_stat_activity. Default `etkit-live-listener`. */
  applicationName?: string;
}

export interface PostgresUpdates {
  /** Whether the listening connection is up now. */
  readonly listening: boolean;
  /** Times the listener came back after losing its connection (each followed by a full refresh). */
  readonly reconnects: number;
  close(): Promise<void>;
}

/**
 * Carries `updates` through PostgreSQL `LISTEN/NOTIFY`, so every instance of the site hears every change:
 * `publish` becomes `pg_notify` (through `publishDb`, not the listening connection, so a change is announced
 * even while this instance's listener reconnects), and one listening connection per instance delivers what it
 * hears — this instance's own changes included — to the pages here. Each instance then reads a changed order
 * once (see LiveHub), whatever the number of its streams.
 *
 * NOTIFY is not durable: what is sent while a listener is disconnected is lost to it. So the listener
 * reconnects with exponential backoff and, once LISTENing again, asks the pages to read everything they show
 * afresh (`updates.resync()`): nothing stays missed.
 */
export async function carryUpdatesThroughPostgres(
  updates: OrderUpdates,
  connectionString: string,
  publishDb: Queryable,
  options: PostgresUpdatesOptions,
): Promise<PostgresUpdates> {
  const minBackoffMs = options.minBackoffMs ?? 100;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  let client: pg.Client | undefined;
  let closed = false;
  let failures = 0;
  let reconnects = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({
      connectionString,
      application_name: options.applicationName ?? 'etkit-live-listener',
      keepAlive: true,
    });
    candidate.on('notification', (message) => {
      if (message.channel !== ORDER_UPDATES_CHANNEL) return;
      const change = decodeChange(message.payload);
      if (change !== undefined) updates.deliver(change);
    });
    // A lost connection emits 'error' (for example 57P01 after pg_terminate_backend) and then 'end'.
    candidate.on('error', () => {});
    candidate.on('end', () => {
      if (client !== candidate) return;
      client = undefined;
      if (!closed) {
        options.log('live updates: the PostgreSQL listener lost its connection; reconnecting');
        schedule();
      }
    });
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${ORDER_UPDATES_CHANNEL}`);
    } catch (error) {
      await candidate.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await candidate.end().catch(() => {});
      return;
    }
    client = candidate;
  };

  const schedule = () => {
    const ceiling = Math.min(maxBackoffMs, minBackoffMs * 2 ** failures);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    timer = setTimeout(async () => {
      timer = undefined;
      if (closed) return;
      try {
        await connect();
        failures = 0;
        reconnects += 1;
        // LISTENing again: what was sent meanwhile is lost to us, so every open page is read afresh.
        updates.resync();
        options.log('live updates: the PostgreSQL listener is back; open pages refreshed');
      } catch {
        failures += 1;
        schedule();
      }
    }, delay);
    timer.unref();
  };

  // The first connection must work, like the pool's: a configuration problem shows at start.
  await connect();
  updates.carryWith((change) => {
    publishDb
      .query('SELECT pg_notify($1, $2)', [ORDER_UPDATES_CHANNEL, encodeChange(change)])
      .catch((error: unknown) => {
        // Pages on other instances show it on their next load or refresh.
        options.log(
          `live updates: NOTIFY failed: ${error instanceof Error && 'code' in error ? String(error.code) : 'error'}`,
        );
      });
  });

  return {
    get listening() {
      return client !== undefined;
    },
    get reconnects() {
      return reconnects;
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => {});
    },
  };
}
