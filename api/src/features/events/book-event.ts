import { canBook, type TActor } from '@telemost/core/permissions';
import { checkWorkingTime, localDayStatus } from '@telemost/core/scheduling/working-time';
import type { TCreateEventRequest, TEventView } from '@telemost/core/schemas/event';
import { expandWeekly } from '@telemost/core/time/recurrence';
import { wakeOutbox } from '@telemost/server/outbox/record-change';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { bookedResources, insertOccurrences, type Occurrence } from './booking.repository.ts';
import { assertWithinValidity, loadBookingContext, type TBookingContext } from './booking-context.ts';
import {
  assertMayOverrideCalendar,
  assertStartAhead,
  calendarViolationError,
  conflictError,
  isBookingClash,
  resolveStart,
} from './event-checks.ts';
import { buildEventViews, type EventRow } from './events.repository.ts';

export const DEFAULT_REMINDER_OFFSETS = [24 * 60, 15];

export type TBookResult = {
  items: TEventView[];
  skipped: { localDate: string; reason: string }[];
  seriesId: string | null;
};

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
  assertMayOverrideCalendar(actor, input);
  const bc = await loadBookingContext(ctx.db, actor, input);
  const { utc, zone } = resolveStart(input);
  const originZone = zone ?? bc.members.get(bc.organizerInstitutionId)!.timeZone;
  assertStartAhead(ctx, new Date(utc));
  const localStart = DateTime.fromISO(utc, { zone: originZone }).toFormat("yyyy-MM-dd'T'HH:mm");
  const { occurrences, skipped } = planOccurrences(input, bc, utc, localStart, originZone);

  assertWithinValidity(bc.validity, occurrences, originZone);
  const violations = occurrences.flatMap((o) =>
    checkWorkingTime(bc.involved, o.start.toISOString(), o.end.toISOString()),
  );
  if (violations.length && !input.overrideCalendar) throw calendarViolationError(violations);

  let rows: EventRow[];
  try {
    rows = await insertOccurrences(ctx.db, actor, input, bc, occurrences, {
      originZone,
      series: input.recurrence ? { localStart } : null,
      override: violations.length > 0,
      reminderOffsets: input.reminderOffsetsMinutes ?? DEFAULT_REMINDER_OFFSETS,
    });
  } catch (err) {
    if (isBookingClash(err)) throw await conflictError(ctx.db, bookedResources(bc), occurrences);
    throw err;
  }
  wakeOutbox(ctx.db);
  return { items: bookedViews(actor, bc, rows), skipped, seriesId: rows[0]!.seriesId };
}

/**
 * The occurrences to book: one, or the dates of a weekly series that are working days on every
 * side (each side's own local date of the occurrence), with the skipped dates and why.
 */
function planOccurrences(
  input: TCreateEventRequest,
  bc: TBookingContext,
  utc: string,
  localStart: string,
  originZone: string,
): { occurrences: Occurrence[]; skipped: { localDate: string; reason: string }[] } {
  if (!input.recurrence) {
    const start = new Date(utc);
    const end = new Date(start.getTime() + input.durationMinutes * 60_000);
    return { occurrences: [{ index: null, start, end }], skipped: [] };
  }
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
  const occurrences = expanded.occurrences.map((o) => ({
    index: o.index,
    start: new Date(o.startUtc),
    end: new Date(o.endUtc),
  }));
  if (occurrences.length === 0) {
    throw new AppError('calendar_violation', 'Every date of this series falls on a day off', {
      fields: [{ field: 'recurrence', message: 'no working dates' }],
      extra: { skipped: expanded.skipped },
    });
  }
  return { occurrences, skipped: expanded.skipped };
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
