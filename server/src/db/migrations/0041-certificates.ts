import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/** Participation certificates: one per person and event, verifiable by code, revocable. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE certificates (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id),
      holder_name text NOT NULL,
      locale text NOT NULL,
      seconds integer NOT NULL CHECK (seconds >= 0),
      issued_at timestamptz NOT NULL DEFAULT now(),
      issued_by uuid NOT NULL REFERENCES users (id),
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users (id),
      UNIQUE (event_id, user_id)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP TABLE certificates;`);
}
