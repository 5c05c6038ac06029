import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A college confirming an event may pre-approve later changes of its time: a reschedule that keeps
 * to that college's working calendar then stays confirmed for it instead of asking again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE event_institutions ADD COLUMN reschedule_preapproved boolean NOT NULL DEFAULT false;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE event_institutions DROP COLUMN reschedule_preapproved;
    `,
  );
}
