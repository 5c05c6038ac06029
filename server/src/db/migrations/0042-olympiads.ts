import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/** Olympiads: the jury and medal thresholds of an olympiad event, its tasks and every mark. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE olympiads (
      event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
      chief_expert_id uuid NOT NULL REFERENCES users (id),
      gold double precision NOT NULL,
      silver double precision NOT NULL,
      bronze double precision NOT NULL,
      closed_at timestamptz,
      closed_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (0 < bronze AND bronze <= silver AND silver <= gold AND gold <= 1)
    );
    CREATE TABLE olympiad_jurors (
      event_id uuid NOT NULL REFERENCES olympiads (event_id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id),
      PRIMARY KEY (event_id, user_id)
    );
    CREATE TABLE olympiad_tasks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES olympiads (event_id) ON DELETE CASCADE,
      title text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('measured', 'judged')),
      max_score double precision NOT NULL CHECK (max_score > 0),
      scheme jsonb,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX olympiad_tasks_event_idx ON olympiad_tasks (event_id);
    CREATE TABLE olympiad_marks (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      task_id uuid NOT NULL REFERENCES olympiad_tasks (id) ON DELETE CASCADE,
      competitor_id uuid NOT NULL REFERENCES users (id),
      juror_id uuid NOT NULL REFERENCES users (id),
      passed boolean,
      value double precision,
      score integer CHECK (score BETWEEN 1 AND 10),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (task_id, competitor_id, juror_id)
    );
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `DROP TABLE olympiad_marks; DROP TABLE olympiad_tasks; DROP TABLE olympiad_jurors; DROP TABLE olympiads;`,
  );
}
