import type { Kysely } from 'kysely';
import { runStatements } from './run-statements.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE event_series (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      time_zone text NOT NULL,
      local_start text NOT NULL,
      duration_minutes integer NOT NULL,
      rule jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE events (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      partnership_id uuid NOT NULL REFERENCES partnerships(id),
      kind text NOT NULL CHECK (kind IN ('joint_lesson','industrial_practice','cultural_event','internship','masterclass','conference','olympiad')),
      title text NOT NULL,
      description text,
      status text NOT NULL CHECK (status IN ('proposed','confirmed','declined','cancelled')),
      start_at timestamptz NOT NULL,
      end_at timestamptz NOT NULL,
      organizer_id uuid NOT NULL REFERENCES users(id),
      organizer_institution_id uuid NOT NULL REFERENCES institutions(id),
      origin_zone text NOT NULL,
      series_id uuid REFERENCES event_series(id),
      series_index integer,
      version integer NOT NULL DEFAULT 1,
      calendar_override boolean NOT NULL DEFAULT false,
      override_note text,
      reminder_offsets integer[] NOT NULL DEFAULT '{1440,15}',
      room_status text NOT NULL DEFAULT 'none' CHECK (room_status IN ('none','creating','open','closed','failed')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (end_at > start_at)
    );
    CREATE INDEX events_start_idx ON events (start_at);
    CREATE INDEX events_series_idx ON events (series_id, series_index);

    CREATE TABLE event_institutions (
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      institution_id uuid NOT NULL REFERENCES institutions(id),
      decision text NOT NULL CHECK (decision IN ('pending','confirmed','declined')),
      decided_by uuid REFERENCES users(id),
      decided_at timestamptz,
      PRIMARY KEY (event_id, institution_id)
    );
    CREATE INDEX event_institutions_institution_idx ON event_institutions (institution_id);

    -- One row per booked resource (group, teacher, room). The exclusion constraint makes double
    -- booking impossible whatever the application does: SQLSTATE 23P01 on overlap.
    CREATE TABLE event_resources (
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      resource_type text NOT NULL CHECK (resource_type IN ('group','teacher','room')),
      resource_id uuid NOT NULL,
      during tstzrange NOT NULL,
      active boolean NOT NULL DEFAULT true,
      PRIMARY KEY (event_id, resource_type, resource_id),
      CONSTRAINT event_resources_no_overlap EXCLUDE USING gist (
        resource_type WITH =, resource_id WITH =, during WITH &&
      ) WHERE (active)
    );

    CREATE TABLE event_participants (
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      institution_id uuid NOT NULL REFERENCES institutions(id),
      group_id uuid REFERENCES groups(id),
      role text NOT NULL,
      PRIMARY KEY (event_id, user_id)
    );
    CREATE INDEX event_participants_user_idx ON event_participants (user_id);

    CREATE TABLE reminders_sent (
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      user_id uuid NOT NULL REFERENCES users(id),
      offset_minutes integer NOT NULL,
      channel text NOT NULL,
      event_version integer NOT NULL,
      sent_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (event_id, user_id, offset_minutes, channel, event_version)
    );

    CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id),
      kind text NOT NULL,
      event_id uuid REFERENCES events(id) ON DELETE CASCADE,
      dedupe_key text UNIQUE,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    );
    CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

    CREATE TABLE attendance (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      event_id uuid NOT NULL REFERENCES events(id) ON DELETE CASCADE,
      user_id uuid REFERENCES users(id),
      identity text NOT NULL,
      participant_sid text NOT NULL UNIQUE,
      institution_id uuid REFERENCES institutions(id),
      joined_at timestamptz NOT NULL,
      left_at timestamptz
    );
    CREATE INDEX attendance_event_idx ON attendance (event_id);
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE attendance, notifications, reminders_sent, event_participants, event_resources,
      event_institutions, events, event_series;
  `,
  );
}
