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
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { writeAudit, writeOutbox } from '../../lib/audit.ts';
import { loadBookingContext, type TBookingContext } from './booking-context.ts';
import {
  EVENT_COLUMNS,
  type EventRow,
  findConflicts,
  loadEventViews,
  loadViewer,
} from './events.repository.ts';

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

/** Inserts the events, their sides, resources and participants; the exclusion constraint guards overlaps. */
async function insertOccurrences(
  trx: Db,
  actor: TActor,
  input: TCreateEventRequest,
  bc: TBookingContext,
  occurrences: Occurrence[],
  meta: { originZone: string; seriesId: string | null; override: boolean },
): Promise<EventRow[]> {
  const rows = await trx
    .insertInto('events')
    .values(
      occurrences.map((o) => ({
        partnershipId: bc.partnershipId,
        kind: input.kind,
        title: input.title,
        description: input.description ?? null,
        status: 'proposed',
        startAt: o.start,
        endAt: o.end,
        organizerId: actor.id,
        organizerInstitutionId: bc.organizerInstitutionId,
        originZone: meta.originZone,
        seriesId: meta.seriesId,
        seriesIndex: o.index,
        calendarOverride: meta.override,
        overrideNote: meta.override ? (input.overrideNote ?? null) : null,
        reminderOffsets: input.reminderOffsetsMinutes ?? DEFAULT_REMINDER_OFFSETS,
        updatedAt: new Date(),
      })),
    )
    .returning(EVENT_COLUMNS)
    .execute();
  const sides = rows.flatMap((e) =>
    bc.involved.map((inst) => ({
      eventId: e.id,
      institutionId: inst.id,
      // The organiser's side proposes, so it has agreed already; every other side must confirm.
      decision: inst.id === bc.organizerInstitutionId ? 'confirmed' : 'pending',
      decidedBy: inst.id === bc.organizerInstitutionId ? actor.id : null,
      decidedAt: inst.id === bc.organizerInstitutionId ? new Date() : null,
    })),
  );
  await trx.insertInto('eventInstitutions').values(sides).execute();
  // Sorted so that concurrent bookings lock resources in one order and never deadlock.
  const resources = [
    ...bc.groups.map((g) => ({ type: 'group', id: g.id })),
    ...bc.teachers.map((t) => ({ type: 'teacher', id: t.id })),
    ...bc.rooms.map((r) => ({ type: 'room', id: r.id })),
  ].sort((a, b) => (a.type + a.id).localeCompare(b.type + b.id));
  if (resources.length) {
    await trx
      .insertInto('eventResources')
      .values(
        rows.flatMap((e) =>
          resources.map((r) => ({
            eventId: e.id,
            resourceType: r.type,
            resourceId: r.id,
            during: `[${e.startAt.toISOString()},${e.endAt.toISOString()})`,
            active: true,
          })),
        ),
      )
      .execute();
  }
  const members = bc.groups.length
    ? await trx
        .selectFrom('groupMembers as gm')
        .innerJoin('groups as g', 'g.id', 'gm.groupId')
        .innerJoin('users as u', 'u.id', 'gm.userId')
        .select(['gm.userId', 'gm.groupId', 'g.institutionId', 'u.role'])
        .where(
          'gm.groupId',
          'in',
          bc.groups.map((g) => g.id),
        )
        .where('u.disabledAt', 'is', null)
        .execute()
    : [];
  const participants = new Map<
    string,
    { userId: string; institutionId: string; groupId: string | null; role: string }
  >();
  for (const m of members) {
    participants.set(m.userId, {
      userId: m.userId,
      institutionId: m.institutionId,
      groupId: m.groupId,
      role: m.role === 'guest' ? 'guest' : 'student',
    });
  }
  for (const t of bc.teachers)
    participants.set(t.id, { userId: t.id, institutionId: t.institutionId, groupId: null, role: 'teacher' });
  if (actor.institutionId) {
    participants.set(actor.id, {
      userId: actor.id,
      institutionId: actor.institutionId,
      groupId: null,
      role: 'organizer',
    });
  }
  if (participants.size) {
    await trx
      .insertInto('eventParticipants')
      .values(rows.flatMap((e) => [...participants.values()].map((p) => ({ eventId: e.id, ...p }))))
      .execute();
  }
  for (const e of rows) {
    await writeOutbox(trx, {
      topic: 'event.proposed',
      aggregateId: e.id,
      payload: { eventId: e.id, version: e.version, actorId: actor.id },
    });
  }
  await writeAudit(trx, {
    actorId: actor.id,
    action: 'event.proposed',
    entity: meta.seriesId ? 'event_series' : 'event',
    entityId: meta.seriesId ?? rows[0]!.id,
    data: { events: rows.map((r) => r.id), override: meta.override },
  });
  return rows as EventRow[];
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

  const resources = [
    ...bc.groups.map((g) => ({ type: 'group', id: g.id })),
    ...bc.teachers.map((t) => ({ type: 'teacher', id: t.id })),
    ...bc.rooms.map((r) => ({ type: 'room', id: r.id })),
  ];
  let rows: EventRow[];
  try {
    rows = await ctx.db.transaction().execute(async (trx) => {
      let seriesId: string | null = null;
      if (input.recurrence) {
        const s = await trx
          .insertInto('eventSeries')
          .values({
            timeZone: originZone,
            localStart: DateTime.fromISO(utc, { zone: originZone }).toFormat("yyyy-MM-dd'T'HH:mm"),
            durationMinutes: input.durationMinutes,
            rule: JSON.stringify(input.recurrence),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        seriesId = s.id;
      }
      return insertOccurrences(trx, actor, input, bc, occurrences, { originZone, seriesId, override });
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23P01')
      throw await conflictError(ctx.db, resources, occurrences);
    throw err;
  }
  const viewer = await loadViewer(ctx.db, actor);
  return { items: await loadEventViews(ctx.db, rows, viewer), skipped, seriesId: rows[0]!.seriesId };
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
