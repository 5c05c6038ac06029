import type { TActor } from '@telemost/core/permissions';
import { localDayStatus } from '@telemost/core/scheduling/working-time';
import type { ZAvailabilityQuerySchema } from '@telemost/core/schemas/event';
import { findMutualSlots } from '@telemost/core/time/slot-finder';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { loadBookingContext } from './booking-context.ts';
import { overlappingBookings } from './resource-bookings.repository.ts';

const MAX_RANGE_DAYS = 200;

/**
 * Mutual free slots for the chosen groups and teachers across every college involved: working
 * hours, lesson periods and both countries' calendars, minus existing bookings and a buffer.
 */
export async function findAvailability(
  ctx: AppContext,
  actor: TActor,
  q: z.output<typeof ZAvailabilityQuerySchema>,
) {
  const from = Date.parse(q.from);
  const to = Date.parse(q.to);
  if (!(to > from))
    throw new AppError('validation_failed', 'The range is empty', {
      fields: [{ field: 'to', message: 'must be after from' }],
    });
  if (to - from > MAX_RANGE_DAYS * 86_400_000) {
    throw new AppError('validation_failed', `Ask for at most ${MAX_RANGE_DAYS} days at a time`, {
      fields: [{ field: 'to', message: 'range too long' }],
    });
  }
  const bc = await loadBookingContext(ctx.db, actor, {
    partnershipId: q.partnershipId,
    groupIds: q.groupIds,
    teacherIds: q.teacherIds,
    roomIds: [],
    institutionIds: q.institutionIds,
  });
  const resources = [
    ...bc.groups.map((g) => ['group', g.id] as const),
    ...bc.teachers.map((t) => ['teacher', t.id] as const),
  ];
  const busy = resources.length
    ? (
        await overlappingBookings(
          ctx.db,
          resources.map(([type, id]) => ({ type, id })),
          [{ start: new Date(from), end: new Date(to) }],
        )
      ).rows
    : [];
  const slots = findMutualSlots({
    sides: bc.involved.map((inst) => {
      const cache = new Map<string, boolean>();
      return {
        institutionId: inst.id,
        zone: inst.timeZone,
        workingHours: inst.workingHours,
        lessonPeriods: inst.lessonPeriods,
        isWorkingDay: (date: string) => {
          const known = cache.get(date);
          if (known !== undefined) return known;
          const working = localDayStatus(inst, date).working;
          cache.set(date, working);
          return working;
        },
      };
    }),
    busy: busy.map((b) => ({ startUtc: new Date(b.start), endUtc: new Date(b.end) })),
    bufferMinutes: q.bufferMinutes,
    durationMinutes: q.durationMinutes,
    fromUtc: new Date(from),
    toUtc: new Date(to),
    nowUtc: ctx.now(),
    limit: q.limit,
    // Spread suggestions over several days rather than offering one day's every period.
    maxPerDay: 3,
  });
  return {
    items: slots.map((s) => ({
      start: s.startUtc,
      end: s.endUtc,
      score: s.score,
      local: s.local.map((l) => ({
        institutionId: l.institutionId,
        timeZone: l.zone,
        start: l.start,
        end: l.end,
      })),
    })),
  };
}
