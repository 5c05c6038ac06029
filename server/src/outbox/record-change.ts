import { OUTBOX_CHANNEL, type TOutboxMessage, ZOutboxMessageSchema } from '@telemost/core/contracts/outbox';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.ts';

/**
 * Writing a change, and how the worker hears of it.
 *
 * A use case records its change with `recordChange` (the audit entry and the outbox rows), inside
 * the same transaction as the change itself, and calls `wakeOutbox` once that transaction has
 * committed. That is the one way the outbox relay is woken: a NOTIFY sent after the commit,
 * coalesced across concurrent commits. Nothing NOTIFYs inside a transaction (PostgreSQL would
 * take its global notify lock at commit and serialise every committing change). A lost or
 * forgotten wake-up costs only latency: the relay also polls the outbox (OUTBOX_POLL_MS).
 */

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

/** An outbox row to write: a message of core's contract and the aggregate it is about. */
export type TOutboxEntry = TOutboxMessage & { aggregateId: string | null; availableAt?: Date };

/** Validates a message against core's outbox contract; a bad one is our bug, so it throws. */
function validated(entry: TOutboxEntry): TOutboxEntry {
  const message = ZOutboxMessageSchema.parse({ topic: entry.topic, payload: entry.payload });
  return { ...entry, ...message };
}

/**
 * Outbox INSERTs as a statement fragment, for a data-modifying CTE that writes the change too:
 * one row per entry, in order, each validated against core's contract. Wake the relay with
 * `wakeOutbox` once the statement has committed.
 */
export function outboxInsert(entries: TOutboxEntry[]): RawBuilder<unknown> {
  const rows = entries
    .map(validated)
    .map((e) => ({ topic: e.topic, aggregateId: e.aggregateId, payload: e.payload }));
  return sql`INSERT INTO outbox (topic, aggregate_id, payload)
    SELECT m.row->>'topic', m.row->>'aggregateId', m.row->'payload'
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS m(row, n) ORDER BY m.n`;
}

/**
 * Queues domain events for the worker, in order, each validated against core's contract; call
 * inside the same transaction as the change and `wakeOutbox` after it has committed.
 */
export async function writeOutbox(db: Db, ...entries: TOutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('outbox')
    .values(
      entries.map(validated).map((e) => ({
        topic: e.topic,
        aggregateId: e.aggregateId,
        payload: JSON.stringify(e.payload),
        ...(e.availableAt ? { availableAt: e.availableAt } : {}),
      })),
    )
    .execute();
}

/**
 * Records a change: its audit entry and the domain events it raises (none is fine), inside the
 * transaction `db` that makes the change. Call `wakeOutbox` once that transaction has committed.
 */
export async function recordChange(db: Db, change: TAuditEntry & { outbox: TOutboxEntry[] }): Promise<void> {
  const { outbox, ...audit } = change;
  await writeAudit(db, audit);
  await writeOutbox(db, ...outbox);
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
      sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(db).catch(() => {
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
