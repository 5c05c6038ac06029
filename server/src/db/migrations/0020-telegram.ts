import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The Telegram channel: which chat belongs to which person (one each way), the one-time link
 * tokens of the bot's deep link (stored hashed), and the inline buttons sent, each an opaque
 * short id standing for (person, event, version, decision).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE telegram_links (
      user_id uuid NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
      chat_id text NOT NULL UNIQUE,
      linked_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE telegram_link_tokens (
      token_hash text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    CREATE INDEX telegram_link_tokens_user ON telegram_link_tokens (user_id);
    CREATE TABLE telegram_actions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      event_version integer NOT NULL,
      decision text NOT NULL CHECK (decision IN ('confirmed', 'declined')),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX telegram_actions_event ON telegram_actions (event_id);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `DROP TABLE telegram_actions; DROP TABLE telegram_link_tokens; DROP TABLE telegram_links;`,
  );
}
