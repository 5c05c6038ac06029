import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Internships: the host college, its mentors, a programme of days (each with sessions and hours)
 * and the mentors' confirmation of each day. Certificates learn what they certify: attendance,
 * confirmed internship hours, or an olympiad result with its medal.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE internships (
      event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
      host_institution_id uuid NOT NULL REFERENCES institutions (id),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE internship_mentors (
      event_id uuid NOT NULL REFERENCES internships (event_id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users (id),
      PRIMARY KEY (event_id, user_id)
    );
    CREATE TABLE internship_days (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES internships (event_id) ON DELETE CASCADE,
      day date NOT NULL,
      title text NOT NULL,
      sessions jsonb NOT NULL,
      hours double precision NOT NULL CHECK (hours > 0),
      confirmed_at timestamptz,
      confirmed_by uuid REFERENCES users (id),
      absent_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
      UNIQUE (event_id, day)
    );
    ALTER TABLE certificates ADD COLUMN basis text NOT NULL DEFAULT 'attendance'
      CHECK (basis IN ('attendance', 'internship', 'olympiad'));
    ALTER TABLE certificates ADD COLUMN medal text CHECK (medal IN ('gold', 'silver', 'bronze'));
    ALTER TABLE certificates ADD COLUMN rank integer;
    ALTER TABLE certificates ADD COLUMN score double precision;
    ALTER TABLE certificates ADD COLUMN max_score double precision;
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE certificates DROP COLUMN basis; ALTER TABLE certificates DROP COLUMN medal;
     ALTER TABLE certificates DROP COLUMN rank; ALTER TABLE certificates DROP COLUMN score;
     ALTER TABLE certificates DROP COLUMN max_score;
     DROP TABLE internship_days; DROP TABLE internship_mentors; DROP TABLE internships;`,
  );
}
