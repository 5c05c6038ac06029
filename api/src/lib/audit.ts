import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Records who did what; call inside the same transaction as the change. */
export async function writeAudit(
  db: Db,
  entry: {
    actorId: string | null;
    action: string;
    entity: string;
    entityId: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({ ...entry, data: JSON.stringify(entry.data ?? {}) })
    .execute();
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
