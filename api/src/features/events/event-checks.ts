import { canActForInstitution, canOverrideCalendar, type TActor } from '@telemost/core/permissions';
import type { TViolation } from '@telemost/core/scheduling/working-time';
import { isValidZone, localToUtc } from '@telemost/core/time/zones';
import type { Db } from '@telemost/server/db/database';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import {
  EVENT_COLUMNS,
  type EventRow,
  findConflicts,
  loadSideInstitutionIds,
  visibleTo,
} from './events.repository.ts';

/** The checks and errors the event use cases share: who may act, when an event may start, what clashes. */

/** One event as the viewer may see it; 404 when it does not exist or is not theirs to see. */
export async function getEventRowVisible(ctx: AppContext, actor: TActor, id: string): Promise<EventRow> {
  const row = await visibleTo(
    ctx.db
      .selectFrom('events as e')
      .select(EVENT_COLUMNS.map((c) => `e.${c}` as const))
      .where('e.id', '=', id),
    actor,
  ).executeTakeFirst();
  if (!row) throw notFound('Event');
  return row as EventRow;
}

/** Whether the actor speaks for a side of the event (or organised it). */
export async function assertInvolvedStaff(ctx: AppContext, actor: TActor, event: EventRow): Promise<void> {
  if (actor.role === 'admin' || actor.id === event.organizerId) return;
  const sides = await loadSideInstitutionIds(ctx.db, event.id);
  if (!sides.some((id) => canActForInstitution(actor, id)))
    throw forbidden('Only staff of the colleges involved can change this event');
}

/** Booking outside working time is for coordinators and administrators only. */
export function assertMayOverrideCalendar(actor: TActor, input: { overrideCalendar?: boolean }): void {
  if (input.overrideCalendar && !canOverrideCalendar(actor)) {
    throw new AppError('forbidden', 'Only coordinators and administrators may book outside working time', {
      fields: [{ field: 'overrideCalendar', message: 'not allowed for your role' }],
    });
  }
}

/** A start more than a minute in the past is refused. */
export function assertStartAhead(ctx: Pick<AppContext, 'now'>, start: Date): void {
  if (start.getTime() < ctx.now().getTime() - 60_000) {
    throw new AppError('validation_failed', 'The start is in the past', {
      fields: [{ field: 'start', message: 'must be in the future' }],
    });
  }
}

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

/** The 409 for a booking the exclusion constraint refused, naming the events it clashes with. */
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

/** Whether a database error is the exclusion constraint refusing a double booking. */
export function isBookingClash(err: unknown): boolean {
  return (err as { code?: string }).code === '23P01';
}
