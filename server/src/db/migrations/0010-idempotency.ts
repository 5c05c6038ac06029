import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Idempotency keys of the writes that create things: one row per (user, key). The request's hash
 * tells a replay from a reuse with another body; `status`/`body` hold the answer once the write
 * succeeded (NULL while it is in progress, until `locked_until`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE idempotency_keys (
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      key text NOT NULL,
      request_hash text NOT NULL,
      status integer,
      body jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, key)
    );
    CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP TABLE idempotency_keys;`);
}
