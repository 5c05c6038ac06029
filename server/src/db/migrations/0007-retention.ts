import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/** Indexes the worker's retention job deletes by (oldest first, in bounded batches). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE INDEX outbox_dispatched_idx ON outbox (dispatched_at) WHERE dispatched_at IS NOT NULL;
    CREATE INDEX notifications_created_idx ON notifications (created_at);
    CREATE INDEX notifications_read_idx ON notifications (read_at) WHERE read_at IS NOT NULL;
    CREATE INDEX attendance_joined_idx ON attendance (joined_at);
    CREATE INDEX audit_log_at_idx ON audit_log (at);
    CREATE INDEX events_end_idx ON events (end_at);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP INDEX events_end_idx, audit_log_at_idx, attendance_joined_idx, notifications_read_idx,
      notifications_created_idx, outbox_dispatched_idx;
    `,
  );
}
