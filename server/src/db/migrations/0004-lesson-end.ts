import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A host can end an event's video lesson for everyone before its scheduled end. The moment and
 * who did it are kept on the event: joining is refused from then on, and attendance counts no
 * stay past it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE events ADD COLUMN ended_at timestamptz;
    ALTER TABLE events ADD COLUMN ended_by uuid REFERENCES users(id);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE events DROP COLUMN ended_by;
    ALTER TABLE events DROP COLUMN ended_at;
    `,
  );
}
