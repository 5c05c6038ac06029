import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Invitations for people without accounts (guests, speakers, jury) and the people who came by
 * them. Only a hash of each link's token is kept; a guest's own key (for fresh room tokens) too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE invitations (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('guest', 'speaker', 'jury')),
      label text,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz,
      max_uses integer CHECK (max_uses > 0),
      uses integer NOT NULL DEFAULT 0,
      lobby boolean NOT NULL DEFAULT false,
      created_by uuid NOT NULL REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revoked_by uuid REFERENCES users (id),
      CHECK (max_uses IS NULL OR uses <= max_uses)
    );
    CREATE INDEX invitations_event_idx ON invitations (event_id);
    CREATE TABLE invitation_guests (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      invitation_id uuid NOT NULL REFERENCES invitations (id) ON DELETE CASCADE,
      event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
      display_name text NOT NULL,
      identity text NOT NULL UNIQUE,
      key_hash text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('waiting', 'admitted', 'denied')),
      created_at timestamptz NOT NULL DEFAULT now(),
      decided_at timestamptz,
      decided_by uuid REFERENCES users (id)
    );
    CREATE INDEX invitation_guests_event_idx ON invitation_guests (event_id, status);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP TABLE invitation_guests; DROP TABLE invitations;`);
}
