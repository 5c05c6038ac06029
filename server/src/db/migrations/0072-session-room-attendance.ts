import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Attendance in a conference programme session's own room (`<eventId>~session-<sessionId>`): a
 * stay there names its session. No foreign key: a stay keeps the session it was in even if a host
 * later removes the session from the programme.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE attendance ADD COLUMN programme_session_id uuid;
    ALTER TABLE attendance ADD CONSTRAINT attendance_session_room_not_team
      CHECK (programme_session_id IS NULL OR breakout IS NULL);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DELETE FROM attendance WHERE programme_session_id IS NOT NULL;
    ALTER TABLE attendance DROP CONSTRAINT attendance_session_room_not_team;
    ALTER TABLE attendance DROP COLUMN programme_session_id;
    `,
  );
}
