import { randomUUID } from 'node:crypto';
import type { TActor } from '@telemost/core/permissions';
import type { TCreateEventRequest } from '@telemost/core/schemas/event';
import { type Db, PREPARED } from '@telemost/server/db/database';
import { auditInsert, outboxInsert } from '@telemost/server/outbox/record-change';
import { sql } from 'kysely';
import type { TBookingContext } from './booking-context.ts';
import { EVENT_COLUMNS, type EventRow } from './events.repository.ts';

export type Occurrence = { index: number | null; start: Date; end: Date };

/** Booked resources in one order, so that concurrent bookings lock them alike and never deadlock. */
export function bookedResources(bc: TBookingContext) {
  return [
    ...bc.groups.map((g) => ({ type: 'group', id: g.id })),
    ...bc.teachers.map((t) => ({ type: 'teacher', id: t.id })),
    ...bc.rooms.map((r) => ({ type: 'room', id: r.id })),
  ].sort((a, b) => (a.type + a.id).localeCompare(b.type + b.id));
}

/**
 * Inserts the series (if any), the events, their sides, resources and participants, one outbox row
 * per event and the audit entry, as ONE data-modifying statement: atomic like a transaction, in a
 * single round trip. The exclusion constraint on event_resources still guards overlaps (23P01).
 */
export async function insertOccurrences(
  db: Db,
  actor: TActor,
  input: TCreateEventRequest,
  bc: TBookingContext,
  occurrences: Occurrence[],
  meta: {
    originZone: string;
    series: { localStart: string } | null;
    override: boolean;
    reminderOffsets: number[];
  },
): Promise<EventRow[]> {
  const eventIds = occurrences.map(() => randomUUID());
  const seriesId = meta.series ? randomUUID() : null;
  const resources = bookedResources(bc);
  const series = meta.series
    ? sql`INSERT INTO event_series (id, time_zone, local_start, duration_minutes, rule)
          VALUES (${seriesId}, ${meta.originZone}, ${meta.series.localStart}, ${input.durationMinutes},
                  ${JSON.stringify(input.recurrence)}::jsonb)
          RETURNING id`
    : sql`SELECT NULL::uuid AS id`;
  const { rows } = await sql<EventRow>`${sql.raw(PREPARED)}
    WITH series AS (${series}),
    ev AS (
      INSERT INTO events (id, partnership_id, kind, title, description, status, start_at, end_at,
        organizer_id, organizer_institution_id, origin_zone, series_id, series_index, calendar_override,
        override_note, reminder_offsets, updated_at)
      SELECT o.id, ${bc.partnershipId}, ${input.kind}, ${input.title}, ${input.description ?? null}, 'proposed',
        o.start_at, o.end_at, ${actor.id}, ${bc.organizerInstitutionId}, ${meta.originZone},
        (SELECT id FROM series), o.series_index, ${meta.override},
        ${meta.override ? (input.overrideNote ?? null) : null},
        ${meta.reminderOffsets}::integer[], now()
      FROM unnest(${eventIds}::uuid[], ${occurrences.map((o) => o.start.toISOString())}::timestamptz[],
        ${occurrences.map((o) => o.end.toISOString())}::timestamptz[], ${occurrences.map((o) => o.index)}::integer[])
        WITH ORDINALITY AS o(id, start_at, end_at, series_index, n)
      ORDER BY o.n
      RETURNING ${sql.join(EVENT_COLUMNS.map((c) => sql.ref(c)))}
    ),
    sides AS (
      -- The organiser's side proposes, so it has agreed already; every other side must confirm.
      INSERT INTO event_institutions (event_id, institution_id, decision, decided_by, decided_at)
      SELECT ev.id, s.id,
        CASE WHEN s.id = ${bc.organizerInstitutionId}::uuid THEN 'confirmed' ELSE 'pending' END,
        CASE WHEN s.id = ${bc.organizerInstitutionId}::uuid THEN ${actor.id}::uuid END,
        CASE WHEN s.id = ${bc.organizerInstitutionId}::uuid THEN now() END
      FROM ev CROSS JOIN unnest(${bc.involved.map((i) => i.id)}::uuid[]) AS s(id)
    ),
    resources AS (
      INSERT INTO event_resources (event_id, resource_type, resource_id, during, active)
      SELECT ev.id, r.type, r.id, tstzrange(ev.start_at, ev.end_at, '[)'), true
      FROM ev CROSS JOIN unnest(${resources.map((r) => r.type)}::text[], ${resources.map((r) => r.id)}::uuid[])
        WITH ORDINALITY AS r(type, id, n)
      ORDER BY ev.start_at, r.n
    ),
    people AS (
      -- Students of the groups, then teachers, then the organiser: a later role wins for the same person.
      SELECT DISTINCT ON (user_id) user_id, institution_id, group_id, role FROM (
        SELECT gm.user_id, g.institution_id, gm.group_id,
          CASE WHEN u.role = 'guest' THEN 'guest' ELSE 'student' END AS role, 0 AS rank
        FROM group_members gm JOIN groups g ON g.id = gm.group_id JOIN users u ON u.id = gm.user_id
        WHERE gm.group_id = ANY(${bc.groups.map((g) => g.id)}::uuid[]) AND u.disabled_at IS NULL
        UNION ALL
        SELECT t.id, t.institution_id, NULL, 'teacher', 1
        FROM unnest(${bc.teachers.map((t) => t.id)}::uuid[], ${bc.teachers.map((t) => t.institutionId)}::uuid[])
          AS t(id, institution_id)
        UNION ALL
        SELECT ${actor.id}::uuid, ${actor.institutionId}::uuid, NULL, 'organizer', 2
        WHERE ${actor.institutionId}::uuid IS NOT NULL
      ) p
      ORDER BY user_id, rank DESC
    ),
    participants AS (
      INSERT INTO event_participants (event_id, user_id, institution_id, group_id, role)
      SELECT ev.id, p.user_id, p.institution_id, p.group_id, p.role FROM ev CROSS JOIN people p
    ),
    outbox_rows AS (
      ${outboxInsert(
        // A new event is at version 1; eventIds are in start order, as the rows of ev.
        eventIds.map((eventId) => ({
          topic: 'event.proposed' as const,
          aggregateId: eventId,
          payload: { eventId, version: 1, actorId: actor.id },
        })),
      )}
    ),
    audit AS (
      ${auditInsert({
        actorId: actor.id,
        action: 'event.proposed',
        entity: seriesId ? 'event_series' : 'event',
        entityId: seriesId ?? eventIds[0]!,
        data: { events: eventIds, override: meta.override },
      })}
    )
    SELECT * FROM ev ORDER BY start_at
  `.execute(db);
  return rows;
}
