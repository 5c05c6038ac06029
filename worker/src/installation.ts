import type { Db } from '@telemost/server/db/database';

/**
 * The database's random installation id (migration 0006). The worker's queues live under
 * `<QUEUE_PREFIX>:<installation id>`, so every job id, sweep slot and bookkeeping key belongs to
 * one database lifetime: a fresh or reset database, or another deployment's on the same Redis and
 * QUEUE_PREFIX, starts with empty queues instead of meeting job ids an earlier one completed.
 */
export async function loadInstallationId(db: Db): Promise<string> {
  const row = await db.selectFrom('installation').select('id').executeTakeFirst();
  if (row) return row.id;
  // The migration inserts the row; a database whose row was deleted gets a new one.
  await db
    .insertInto('installation')
    .defaultValues()
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (await db.selectFrom('installation').select('id').executeTakeFirstOrThrow()).id;
}

/** The BullMQ prefix of one database's queues. */
export function installationPrefix(queuePrefix: string, installationId: string): string {
  return `${queuePrefix}:${installationId}`;
}
