import { OUTBOX_CHANNEL } from '@telemost/core/contracts/outbox';
import type pg from 'pg';
import type { DatabaseHandle } from '../db/database.ts';
import type { Logger } from '../lib/logger.ts';

/** An outbox row on its way to the queue. */
export type TOutboxRow = {
  id: number;
  /** Random per row: its job id, unique across database lifetimes (see migration 0006). */
  jobKey: string;
  topic: string;
  aggregateId: string | null;
  payload: Record<string, unknown>;
};

export type TOutboxRelay = {
  /** Relays now (also called on NOTIFY and by the poll). */
  kick: () => void;
  /** Resolves once no batch is in flight. */
  close: () => Promise<void>;
};

const BATCH = 200;
const ENQUEUE_TIMEOUT_MS = 5000;
/**
 * How long a claim keeps other relays off a row. A relay that dies between claiming and marking
 * its rows dispatched leaves them claimed; they are claimed again after this. Far longer than an
 * enqueue may take (ENQUEUE_TIMEOUT_MS), far shorter than BullMQ keeps the completed job
 * (DELIVERY_JOB_OPTIONS, a day), so a re-push always meets the first push's job id.
 */
export const CLAIM_LEASE_MS = 30_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`enqueue took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Moves outbox rows into BullMQ in three steps, none of which holds a transaction open while
 * Redis is asked anything (on PGlite every other query would wait behind it):
 * 1. claim a batch: one statement stamps `claimed_at` on unclaimed rows (or rows whose claim is
 *    older than CLAIM_LEASE_MS), `FOR UPDATE SKIP LOCKED` so several workers share the outbox;
 * 2. enqueue them, each under its row's random `job_key` (a row pushed twice is one job);
 * 3. mark them dispatched, only after the push succeeded.
 * A failed or timed-out push releases the claim, so the rows are retried on the next poll; a
 * relay that dies after 2 leaves its rows claimed, and they are pushed again after the lease,
 * meeting their own job ids. Nothing is marked dispatched without a job, and no row makes two.
 * Wakes on NOTIFY (PostgreSQL LISTEN on a dedicated connection, or PGlite's listen), and polls
 * every `pollMs` as the fallback.
 */
export function startOutboxRelay(options: {
  database: DatabaseHandle;
  logger: Logger;
  pollMs: number;
  enqueue: (rows: TOutboxRow[]) => Promise<void>;
  /** Wall clock of the lease; tests move it. */
  now?: () => Date;
}): TOutboxRelay {
  const { database, logger } = options;
  const now = options.now ?? (() => new Date());
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;

  const relayBatch = async () => {
    const at = now();
    const claimed = await database.db
      .updateTable('outbox')
      .set({ claimedAt: at })
      .where(
        'id',
        'in',
        database.db
          .selectFrom('outbox')
          .select('id')
          .where('dispatchedAt', 'is', null)
          .where('availableAt', '<=', at)
          .where((eb) =>
            eb.or([
              eb('claimedAt', 'is', null),
              eb('claimedAt', '<=', new Date(at.getTime() - CLAIM_LEASE_MS)),
            ]),
          )
          .orderBy('id')
          .limit(BATCH)
          .forUpdate()
          .skipLocked(),
      )
      .returning(['id', 'jobKey', 'topic', 'aggregateId', 'payload'])
      .execute();
    if (claimed.length === 0) return 0;
    const rows = claimed.map((r) => ({ ...r, id: Number(r.id) })).sort((a, b) => a.id - b.id);
    const ids = claimed.map((r) => r.id);
    try {
      await withTimeout(options.enqueue(rows), ENQUEUE_TIMEOUT_MS);
    } catch (err) {
      await database.db
        .updateTable('outbox')
        .set({ claimedAt: null })
        .where('id', 'in', ids)
        .where('claimedAt', '=', at)
        .where('dispatchedAt', 'is', null)
        .execute()
        .catch(() => {});
      throw err;
    }
    // Only rows still under this claim: one whose lease ran out meanwhile is another relay's now,
    // and that relay marks it after its own (idempotent) push.
    await database.db
      .updateTable('outbox')
      .set((eb) => ({ dispatchedAt: new Date(), attempts: eb('attempts', '+', 1) }))
      .where('id', 'in', ids)
      .where('claimedAt', '=', at)
      .where('dispatchedAt', 'is', null)
      .execute();
    return rows.length;
  };

  const drain = async () => {
    do {
      again = false;
      try {
        const n = await relayBatch();
        if (n === BATCH) again = true;
      } catch (err) {
        logger.warn({ err: (err as Error).message }, 'outbox relay batch failed; retrying on the next poll');
        return;
      }
    } while (again && !closed);
  };

  const kick = () => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = null;
    });
  };

  const poll = setInterval(kick, options.pollMs);
  const stopListening = listen(database, logger, kick);
  kick();

  return {
    kick,
    close: async () => {
      closed = true;
      clearInterval(poll);
      await stopListening();
      await running;
    },
  };
}

/** Subscribes to the outbox channel; returns the unsubscribe. Reconnects a dropped PostgreSQL listener. */
function listen(database: DatabaseHandle, logger: Logger, onNotify: () => void): () => Promise<void> {
  if (database.pglite) {
    const unlisten = database.pglite.listen(OUTBOX_CHANNEL, onNotify);
    return async () => {
      const stop = await unlisten.catch(() => null);
      if (stop && !database.pglite?.closed) await stop().catch(() => {});
    };
  }
  const pool = database.pool;
  if (!pool) return async () => {};
  let stopped = false;
  let client: pg.PoolClient | null = null;
  let retry: NodeJS.Timeout | undefined;

  const schedule = () => {
    if (!stopped) retry = setTimeout(connect, 1000);
  };
  const connect = async () => {
    if (stopped) return;
    let c: pg.PoolClient;
    try {
      c = await pool.connect();
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'outbox LISTEN cannot connect; polling meanwhile');
      schedule();
      return;
    }
    if (stopped) {
      c.release();
      return;
    }
    client = c;
    const lost = (err?: Error) => {
      if (client !== c) return;
      client = null;
      c.removeListener('notification', onNotify);
      c.release(err ?? true);
      logger.warn({ err: err?.message }, 'outbox LISTEN connection lost; polling until it is back');
      schedule();
    };
    c.on('notification', onNotify);
    c.on('error', lost);
    c.on('end', () => lost());
    try {
      await c.query(`LISTEN ${OUTBOX_CHANNEL}`);
      // Rows written while nobody was listening.
      onNotify();
    } catch (err) {
      lost(err as Error);
    }
  };
  void connect();

  return async () => {
    stopped = true;
    clearTimeout(retry);
    const c = client;
    client = null;
    if (c) {
      c.removeListener('notification', onNotify);
      await c.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => {});
      c.release();
    }
  };
}
