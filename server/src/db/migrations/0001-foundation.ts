import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE EXTENSION IF NOT EXISTS btree_gist;

    CREATE TABLE institutions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      code text NOT NULL UNIQUE,
      name jsonb NOT NULL,
      city jsonb NOT NULL,
      country text NOT NULL,
      time_zone text NOT NULL,
      working_hours jsonb NOT NULL,
      lesson_periods jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE partnerships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      number text NOT NULL UNIQUE,
      title jsonb NOT NULL,
      signed_on date NOT NULL,
      valid_from date NOT NULL,
      valid_to date,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE partnership_members (
      partnership_id uuid NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
      institution_id uuid NOT NULL REFERENCES institutions(id),
      PRIMARY KEY (partnership_id, institution_id)
    );

    CREATE TABLE plan_items (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id) ON DELETE CASCADE,
      kind text NOT NULL,
      title jsonb NOT NULL,
      target_count integer NOT NULL CHECK (target_count >= 0)
    );

    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin','coordinator','teacher','student','guest')),
      institution_id uuid REFERENCES institutions(id),
      locale text NOT NULL DEFAULT 'ru' CHECK (locale IN ('ru','kk','en')),
      time_zone text,
      password_hash text NOT NULL,
      calendar_token text UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      disabled_at timestamptz,
      CHECK (role = 'admin' OR institution_id IS NOT NULL)
    );
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));
    CREATE INDEX users_institution_idx ON users (institution_id);

    CREATE TABLE groups (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institutions(id),
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (institution_id, name)
    );

    CREATE TABLE group_members (
      group_id uuid NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (group_id, user_id)
    );
    CREATE INDEX group_members_user_idx ON group_members (user_id);

    CREATE TABLE rooms (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      institution_id uuid NOT NULL REFERENCES institutions(id),
      name text NOT NULL,
      capacity integer NOT NULL DEFAULT 30,
      UNIQUE (institution_id, name)
    );

    CREATE TABLE sessions (
      sid text PRIMARY KEY,
      sess jsonb NOT NULL,
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_expires_idx ON sessions (expires_at);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor_id uuid,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text,
      data jsonb NOT NULL DEFAULT '{}'
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

    CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      created_at timestamptz NOT NULL DEFAULT now(),
      topic text NOT NULL,
      aggregate_id text,
      payload jsonb NOT NULL,
      available_at timestamptz NOT NULL DEFAULT now(),
      dispatched_at timestamptz,
      attempts integer NOT NULL DEFAULT 0
    );
    CREATE INDEX outbox_pending_idx ON outbox (id) WHERE dispatched_at IS NULL;
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE outbox, audit_log, sessions, rooms, group_members, groups, users,
      plan_items, partnership_members, partnerships, institutions;
  `,
  );
}
