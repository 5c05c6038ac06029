import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * A phone as the workshop camera: pairing codes (kept hashed, used once, atomically, by an UPDATE
 * that only one request wins) and the students a host allowed to pair one. Whiteboards: the
 * latest snapshot of each board of a lesson (a PNG with the scene embedded), its lock, and the
 * material it was saved as when the lesson ended.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE camera_pairings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      owner_id uuid NOT NULL REFERENCES users(id),
      code_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX camera_pairings_event_idx ON camera_pairings (event_id, owner_id);

    CREATE TABLE camera_allowances (
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      allowed_by uuid REFERENCES users(id),
      allowed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, user_id)
    );

    CREATE TABLE whiteboards (
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      board integer NOT NULL,
      image bytea,
      locked boolean NOT NULL DEFAULT false,
      updated_by uuid REFERENCES users(id),
      updated_at timestamptz,
      material_id uuid REFERENCES materials(id) ON DELETE SET NULL,
      PRIMARY KEY (event_id, board)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, 'DROP TABLE whiteboards, camera_allowances, camera_pairings;');
}
