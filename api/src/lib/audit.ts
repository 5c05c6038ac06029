import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

type TAuditEntry = {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  data?: Record<string, unknown>;
};

/** Records who did what; call inside the same transaction as the change. */
export async function writeAudit(db: Db, entry: TAuditEntry): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({ ...entry, data: JSON.stringify(entry.data ?? {}) })
    .execute();
}

/** The audit INSERT as a statement fragment, for a data-modifying CTE that writes the change too. */
export function auditInsert(entry: TAuditEntry): RawBuilder<unknown> {
  return sql`INSERT INTO audit_log (actor_id, action, entity, entity_id, data)
    VALUES (${entry.actorId}::uuid, ${entry.action}, ${entry.entity}, ${entry.entityId},
            ${JSON.stringify(entry.data ?? {})}::jsonb)`;
}

/**
 * Outbox INSERTs as a statement fragment: one row per row of `from` (a CTE of the same statement),
 * in `orderBy` order. Wake the relay with `wakeOutbox` once the statement has committed.
 */
export function outboxInsert(rows: {
  topic: string;
  from: RawBuilder<unknown>;
  orderBy: RawBuilder<unknown>;
  aggregateId: RawBuilder<unknown>;
  payload: RawBuilder<unknown>;
}): RawBuilder<unknown> {
  return sql`INSERT INTO outbox (topic, aggregate_id, payload)
    SELECT ${rows.topic}, ${rows.aggregateId}, ${rows.payload} FROM ${rows.from} ORDER BY ${rows.orderBy}`;
}

/** Queues a domain event for the worker; call inside the same transaction as the change. */
export async function writeOutbox(
  db: Db,
  entry: { topic: string; aggregateId: string | null; payload: Record<string, unknown>; availableAt?: Date },
): Promise<void> {
  await db
    .insertInto('outbox')
    .values({
      topic: entry.topic,
      aggregateId: entry.aggregateId,
      payload: JSON.stringify(entry.payload),
      ...(entry.availableAt ? { availableAt: entry.availableAt } : {}),
    })
    .execute();
  // Wakes the worker's outbox relay when the transaction commits (nothing is sent on rollback).
  await sql`SELECT pg_notify('telemost_outbox', '')`.execute(db);
}

/** Calls to `wakeOutbox` within this many ms share one NOTIFY. */
export const OUTBOX_WAKE_COALESCE_MS = 10;
const wakers = new WeakMap<Db, () => void>();

/**
 * Wakes the worker's outbox relay after a change has committed. A NOTIFY inside the transaction
 * would take PostgreSQL's global notify lock at commit and serialise every committing booking, so
 * this sends it afterwards, outside any transaction, and coalesces: the first call notifies at
 * once, later calls within OUTBOX_WAKE_COALESCE_MS share one trailing NOTIFY (sent after all of
 * their commits). A lost wake-up costs only latency: the relay also polls the outbox.
 */
export function wakeOutbox(db: Db): void {
  let wake = wakers.get(db);
  if (!wake) {
    let last = 0;
    let timer: NodeJS.Timeout | null = null;
    const send = () => {
      timer = null;
      last = Date.now();
      sql`SELECT pg_notify('telemost_outbox', '')`.execute(db).catch(() => {
        // The database closed or restarted: the relay's poll picks the rows up.
      });
    };
    wake = () => {
      if (timer) return;
      const wait = last + OUTBOX_WAKE_COALESCE_MS - Date.now();
      if (wait <= 0) send();
      else {
        timer = setTimeout(send, wait);
        timer.unref();
      }
    };
    wakers.set(db, wake);
  }
  wake();
}
