import { randomUUID } from 'node:crypto';
import {
  canBook,
  canOverrideCalendar,
  type TActor,
  type TCreateEventRequest,
  type TEventView,
} from '@telemost/core';
import { checkWorkingTime, localDayStatus, type TViolation } from '@telemost/core/scheduling/working-time';
import { expandWeekly } from '@telemost/core/time/recurrence';
import { isValidZone, localToUtc } from '@telemost/core/time/zones';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { type Db, PREPARED } from '../../db/database.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { auditInsert, outboxInsert, wakeOutbox } from '../../lib/audit.ts';
import { loadBookingContext, type TBookingContext } from './booking-context.ts';
import { buildEventViews, EVENT_COLUMNS, type EventRow, findConflicts } from './events.repository.ts';

export const DEFAULT_REMINDER_OFFSETS = [24 * 60, 15];

export type TBookResult = {
  items: TEventView[];
  skipped: { localDate: string; reason: string }[];
  seriesId: string | null;
};

/** Resolves a wall-clock start in a zone to UTC, with a 422 for unknown zones and DST gaps. */
export function resolveStart(input: { start?: string; localStart?: string; timeZone?: string }): {
  utc: string;
  zone: string | null;
} {
  if (input.timeZone !== undefined && !isValidZone(input.timeZone)) {
    throw new AppError('validation_failed', 'Unknown time zone', {
      fields: [{ field: 'timeZone', message: `"${input.timeZone}" is not an IANA time zone` }],
    });
  }
  if (input.start) return { utc: new Date(input.start).toISOString(), zone: input.timeZone ?? null };
  const res = localToUtc(input.localStart!, input.timeZone!);
  if (!res.ok) {
    throw new AppError(
      res.code === 'nonexistent_local_time' ? 'nonexistent_local_time' : 'validation_failed',
      res.message,
      {
        fields: [{ field: 'localStart', message: res.message, code: res.code }],
      },
    );
  }
  return { utc: res.utc, zone: input.timeZone! };
}

export function calendarViolationError(violations: TViolation[]): AppError {
  const first = violations[0]!;
  const why =
    first.reason === 'holiday'
      ? `it is a public holiday in ${first.country}${first.holidayName ? ` (${first.holidayName.en})` : ''}`
      : first.reason === 'day_off'
        ? `it is a day off in ${first.country}`
        : first.reason === 'not_a_working_weekday'
          ? `the college in ${first.country} does not work that weekday`
          : `it is outside working hours of the college in ${first.country}`;
  return new AppError('calendar_violation', `This time does not suit one side: on ${first.date} ${why}`, {
    fields: [{ field: 'start', message: why }],
    extra: { violations },
  });
}

type Occurrence = { index: number | null; start: Date; end: Date };

/** Booked resources in one order, so that concurrent bookings lock them alike and never deadlock. */
function bookedResources(bc: TBookingContext) {
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
async function insertOccurrences(
  db: Db,
  actor: TActor,
  input: TCreateEventRequest,
  bc: TBookingContext,
  occurrences: Occurrence[],
  meta: { originZone: string; series: { localStart: string } | null; override: boolean },
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
        ${input.reminderOffsetsMinutes ?? DEFAULT_REMINDER_OFFSETS}::integer[], now()
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
      ${outboxInsert({
        topic: 'event.proposed',
        from: sql`ev`,
        orderBy: sql`ev.start_at`,
        aggregateId: sql`ev.id::text`,
        payload: sql`jsonb_build_object('eventId', ev.id, 'version', ev.version, 'actorId', ${actor.id}::text)`,
      })}
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

/**
 * Books a joint activity (or a weekly series) between colleges of a partnership. Checks every
 * side's working calendar, then inserts; the database refuses double booking of any group,
 * teacher or room (409 naming the conflicting event).
 */
export async function bookEvent(
  ctx: AppContext,
  actor: TActor,
  input: TCreateEventRequest,
): Promise<TBookResult> {
  if (!canBook(actor))
    throw forbidden('Only teachers, coordinators and administrators book joint activities');
  if (input.overrideCalendar && !canOverrideCalendar(actor)) {
    throw new AppError('forbidden', 'Only coordinators and administrators may book outside working time', {
      fields: [{ field: 'overrideCalendar', message: 'not allowed for your role' }],
    });
  }
  const bc = await loadBookingContext(ctx.db, actor, input);
  const { utc, zone } = resolveStart(input);
  const originZone = zone ?? bc.members.get(bc.organizerInstitutionId)!.timeZone;
  const durationMs = input.durationMinutes * 60_000;
  if (new Date(utc).getTime() < ctx.now().getTime() - 60_000) {
    throw new AppError('validation_failed', 'The start is in the past', {
      fields: [{ field: 'start', message: 'must be in the future' }],
    });
  }

  let occurrences: Occurrence[];
  let skipped: { localDate: string; reason: string }[] = [];
  if (input.recurrence) {
    const localStart = DateTime.fromISO(utc, { zone: originZone }).toFormat("yyyy-MM-dd'T'HH:mm");
    const expanded = expandWeekly({
      localStart,
      zone: originZone,
      durationMinutes: input.durationMinutes,
      recurrence: input.recurrence,
      isSkipped: (localDate: string) => {
        // Skip a date that is a day off on either side (each side's own local date of the occurrence).
        const startUtc = DateTime.fromISO(`${localDate}T${localStart.slice(11)}`, { zone: originZone });
        for (const inst of bc.involved) {
          const sideDate = startUtc.setZone(inst.timeZone).toISODate()!;
          const day = localDayStatus(inst, sideDate);
          if (!day.working)
            return `${day.reason}:${inst.country}${day.holidayName ? `:${day.holidayName.en}` : ''}`;
        }
        return null;
      },
    });
    occurrences = expanded.occurrences.map((o) => ({
      index: o.index,
      start: new Date(o.startUtc),
      end: new Date(o.endUtc),
    }));
    skipped = expanded.skipped;
    if (occurrences.length === 0) {
      throw new AppError('calendar_violation', 'Every date of this series falls on a day off', {
        fields: [{ field: 'recurrence', message: 'no working dates' }],
        extra: { skipped },
      });
    }
  } else {
    occurrences = [
      { index: null, start: new Date(utc), end: new Date(new Date(utc).getTime() + durationMs) },
    ];
  }

  const violations = occurrences.flatMap((o) =>
    checkWorkingTime(bc.involved, o.start.toISOString(), o.end.toISOString()),
  );
  if (violations.length && !input.overrideCalendar) throw calendarViolationError(violations);
  const override = violations.length > 0;

  let rows: EventRow[];
  try {
    rows = await insertOccurrences(ctx.db, actor, input, bc, occurrences, {
      originZone,
      series: input.recurrence
        ? { localStart: DateTime.fromISO(utc, { zone: originZone }).toFormat("yyyy-MM-dd'T'HH:mm") }
        : null,
      override,
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23P01')
      throw await conflictError(ctx.db, bookedResources(bc), occurrences);
    throw err;
  }
  wakeOutbox(ctx.db);
  return { items: bookedViews(actor, bc, rows), skipped, seriesId: rows[0]!.seriesId };
}

/** The new events' views from what the booking already knows: no query needed. */
function bookedViews(actor: TActor, bc: TBookingContext, rows: EventRow[]): TEventView[] {
  // Sides in the members' display order (country descending, then code), as loadEventViews lists them.
  const order = [...bc.members.keys()];
  const involved = [...bc.involved].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const named = [
    ...bc.groups.map((g) => ({ resourceType: 'group', ...g })),
    ...bc.teachers.map((t) => ({ resourceType: 'teacher', ...t })),
    ...bc.rooms.map((r) => ({ resourceType: 'room', ...r })),
  ];
  return buildEventViews(
    rows,
    {
      sides: rows.flatMap((e) =>
        involved.map((inst) => ({
          eventId: e.id,
          decision: inst.id === bc.organizerInstitutionId ? 'confirmed' : 'pending',
          reschedulePreapproved: false,
          id: inst.id,
          code: inst.code,
          name: inst.name,
          city: inst.city,
          timeZone: inst.timeZone,
        })),
      ),
      resources: rows.flatMap((e) =>
        named.map((r) => ({
          eventId: e.id,
          resourceType: r.resourceType,
          resourceId: r.id,
          name: r.name,
          institutionId: r.institutionId,
        })),
      ),
      organizers: [{ id: actor.id, name: bc.actorName }],
    },
    { ...actor, timeZone: bc.viewerZone },
  );
}

export async function conflictError(
  db: Db,
  resources: { type: string; id: string }[],
  ranges: { start: Date; end: Date }[],
  exclude: string[] = [],
) {
  const conflicts = await findConflicts(db, resources, ranges, exclude);
  const first = conflicts[0];
  return new AppError(
    'booking_conflict',
    first
      ? `This time overlaps “${first.title}” (${first.start} – ${first.end}) for the same ${first.resourceType}`
      : 'This time overlaps another booking',
    { fields: [{ field: 'start', message: 'overlaps another booking' }], extra: { conflicts } },
  );
}
