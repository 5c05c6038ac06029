import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

/**
 * Jurors invited by link. A jury invitation names the college its jurors stand for (so that "a
 * juror does not mark a competitor of their own college on a judged task" holds for them too);
 * invitations made before this take the college of the host who made them. A mark is now given
 * either by a user (`juror_user_id`) or by a person who came by a jury invitation
 * (`juror_guest_id`); `juror_id` stays the one juror key (the user's or the guest's id) that the
 * unique key, the results and the audit use.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    ALTER TABLE invitations ADD COLUMN institution_id uuid REFERENCES institutions (id);
    UPDATE invitations i SET institution_id = u.institution_id
      FROM users u WHERE u.id = i.created_by AND i.role = 'jury';
    ALTER TABLE invitations ADD CONSTRAINT invitations_college_only_for_jury
      CHECK (role = 'jury' OR institution_id IS NULL);
    ALTER TABLE olympiad_marks DROP CONSTRAINT olympiad_marks_juror_id_fkey;
    ALTER TABLE olympiad_marks ADD COLUMN juror_user_id uuid REFERENCES users (id);
    ALTER TABLE olympiad_marks ADD COLUMN juror_guest_id uuid REFERENCES invitation_guests (id) ON DELETE CASCADE;
    UPDATE olympiad_marks SET juror_user_id = juror_id;
    ALTER TABLE olympiad_marks ADD CONSTRAINT olympiad_marks_one_juror
      CHECK (num_nonnulls(juror_user_id, juror_guest_id) = 1
        AND juror_id = coalesce(juror_user_id, juror_guest_id));
    `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DELETE FROM olympiad_marks WHERE juror_guest_id IS NOT NULL;
    ALTER TABLE olympiad_marks DROP CONSTRAINT olympiad_marks_one_juror;
    ALTER TABLE olympiad_marks DROP COLUMN juror_guest_id;
    ALTER TABLE olympiad_marks DROP COLUMN juror_user_id;
    ALTER TABLE olympiad_marks ADD CONSTRAINT olympiad_marks_juror_id_fkey
      FOREIGN KEY (juror_id) REFERENCES users (id);
    ALTER TABLE invitations DROP CONSTRAINT invitations_college_only_for_jury;
    ALTER TABLE invitations DROP COLUMN institution_id;
    `,
  );
}
