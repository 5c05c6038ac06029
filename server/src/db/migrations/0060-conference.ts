import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Conferences and cultural events: the programme (sessions with titles, speakers and times, each
 * in the main hall or a room of its own) and the audience members a host promoted to speaker.
 * Two sessions in the same room may not overlap: the database refuses it too (23P01), whatever
 * raced past the api's own check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE programme_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      title text NOT NULL,
      description text,
      starts_at timestamptz NOT NULL,
      ends_at timestamptz NOT NULL,
      own_room boolean NOT NULL DEFAULT false,
      hall text NOT NULL,
      speakers jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_at > starts_at),
      EXCLUDE USING gist (event_id WITH =, hall WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
    );
    CREATE INDEX programme_sessions_event_idx ON programme_sessions (event_id, starts_at);
    CREATE TABLE event_speakers (
      event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      identity text NOT NULL,
      name text,
      promoted_by uuid REFERENCES users (id),
      promoted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, identity)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP TABLE event_speakers; DROP TABLE programme_sessions;`);
}
