import type { DatabaseHandle } from '@telemost/api/db/database';
import type { Logger } from '@telemost/api/lib/logger';
import type pg from 'pg';

/** The NOTIFY channel `writeOutbox` signals on commit. */
export const OUTBOX_CHANNEL = 'telemost_outbox';

/** An outbox row on its way to the queue. */
export type TOutboxRow = {
  id: number;
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
 * Moves outbox rows into BullMQ. Each batch is claimed with `FOR UPDATE SKIP LOCKED` (so several
 * workers share the outbox without waiting on each other), enqueued with the row id as the job id
 * (a row relayed twice is one job), and marked dispatched in the same transaction. If enqueueing
 * fails the transaction rolls back and the rows are retried. Wakes on NOTIFY (PostgreSQL LISTEN
 * on a dedicated connection, or PGlite's listen), and polls every `pollMs` as the fallback.
 */
export function startOutboxRelay(options: {
  database: DatabaseHandle;
  logger: Logger;
  pollMs: number;
  enqueue: (rows: TOutboxRow[]) => Promise<void>;
}): TOutboxRelay {
  const { database, logger } = options;
  let closed = false;
  let running: Promise<void> | null = null;
  let again = false;

  const relayBatch = () =>
    database.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('outbox')
        .select(['id', 'topic', 'aggregateId', 'payload'])
        .where('dispatchedAt', 'is', null)
        .where('availableAt', '<=', new Date())
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .skipLocked()
        .execute();
      if (rows.length === 0) return 0;
      const batch = rows.map((r) => ({ ...r, id: Number(r.id) }));
      await withTimeout(options.enqueue(batch), ENQUEUE_TIMEOUT_MS);
      await trx
        .updateTable('outbox')
        .set((eb) => ({ dispatchedAt: new Date(), attempts: eb('attempts', '+', 1) }))
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
      return rows.length;
    });

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
