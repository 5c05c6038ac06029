import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Job ids that stay unique across database lifetimes, and outbox claims that commit before the
 * relay talks to Redis:
 * - `installation` holds one random id per database, made when the schema is first created. The
 *   worker namespaces its queues with it, so a fresh, reset or other deployment's database never
 *   meets the jobs an earlier one left in the same Redis.
 * - `outbox.job_key` is a random id per row: the row's job id, unique even when a restored backup
 *   hands out row ids that were used before.
 * - `outbox.claimed_at` is the relay's lease: a row claimed but not marked dispatched (the relay
 *   died between the two) is claimed again once the lease is over.
 * - `notifications.pushed_at` records that the live push went out, so a retry after a failed push
 *   (Redis away) pushes again instead of taking the saved row for a delivered alert.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE installation (
      singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO installation DEFAULT VALUES;
    ALTER TABLE outbox ADD COLUMN job_key uuid NOT NULL DEFAULT gen_random_uuid();
    ALTER TABLE outbox ADD COLUMN claimed_at timestamptz;
    ALTER TABLE notifications ADD COLUMN pushed_at timestamptz;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE notifications DROP COLUMN pushed_at;
    ALTER TABLE outbox DROP COLUMN claimed_at;
    ALTER TABLE outbox DROP COLUMN job_key;
    DROP TABLE installation;
    `,
  );
}
