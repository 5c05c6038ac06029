import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * The live classroom: breakout teams (the running ones per event, the saved plan per series),
 * polls with their answers, and lesson materials. Attendance rows say which team's room a stay
 * was in (null: the main room).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE breakout_plans (
      scope_key text PRIMARY KEY,
      team_count integer NOT NULL,
      teams jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE breakouts (
      event_id uuid PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
      team_count integer NOT NULL,
      started_by uuid REFERENCES users(id),
      started_at timestamptz NOT NULL,
      ends_at timestamptz
    );

    CREATE TABLE breakout_members (
      event_id uuid NOT NULL REFERENCES breakouts(event_id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      team integer NOT NULL,
      PRIMARY KEY (event_id, user_id)
    );

    ALTER TABLE attendance ADD COLUMN breakout integer;

    CREATE TABLE polls (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      question text NOT NULL,
      options jsonb NOT NULL,
      anonymous boolean NOT NULL DEFAULT false,
      created_by uuid REFERENCES users(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz
    );
    CREATE INDEX polls_event_idx ON polls (event_id, created_at);

    CREATE TABLE poll_answers (
      poll_id uuid NOT NULL REFERENCES polls(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      institution_id uuid REFERENCES institutions(id),
      option integer NOT NULL,
      answered_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (poll_id, user_id)
    );

    CREATE TABLE materials (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      name text NOT NULL,
      content_type text NOT NULL,
      size bigint NOT NULL,
      storage_key text NOT NULL,
      uploaded_by uuid REFERENCES users(id),
      uploaded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX materials_event_idx ON materials (event_id, uploaded_at);
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE materials, poll_answers, polls, breakout_members, breakouts, breakout_plans;
    ALTER TABLE attendance DROP COLUMN breakout;
    `,
  );
}
