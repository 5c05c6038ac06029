import { canActForInstitution, type TActor } from '@telemost/core/permissions';
import { checkWorkingTime } from '@telemost/core/scheduling/working-time';
import type { TEventView, TUpdateEventRequest } from '@telemost/core/schemas/event';
import type { Db } from '@telemost/server/db/database';
import { recordChange, wakeOutbox } from '@telemost/server/outbox/record-change';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { assertWithinValidity } from './booking-context.ts';
import {
  assertInvolvedStaff,
  assertMayOverrideCalendar,
  assertStartAhead,
  calendarViolationError,
  conflictError,
  getEventRowVisible,
  isBookingClash,
  resolveStart,
} from './event-checks.ts';
import {
  confirmEventRow,
  type EventRow,
  loadBookedResources,
  loadEventViews,
  loadPartnershipValidity,
  loadSeriesFrom,
  loadSideCalendars,
  loadSideDecisions,
  loadViewer,
  moveEventResources,
  setSideDecision,
  updateActiveEvent,
} from './events.repository.ts';

type TNewTime = { start: Date; end: Date };

/**
 * Edits an event, or this and the following occurrences of its series. A new time bumps the
 * version and sends the event back to `proposed` for the other sides to confirm again, except the
 * sides that pre-approved reschedules when they confirmed: they stay confirmed (unless the new time
 * overrides the working calendar), and when all of them did, the event stays confirmed. Later
 * occurrences keep their own dates and take the new wall-clock time in the series' zone.
 */
export async function rescheduleEvent(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: TUpdateEventRequest,
): Promise<TEventView[]> {
  const event = await getEventRowVisible(ctx, actor, eventId);
  await assertInvolvedStaff(ctx, actor, event);
  if (event.status !== 'proposed' && event.status !== 'confirmed') {
    throw new AppError('invalid_state', `A ${event.status} event cannot be changed`);
  }
  assertMayOverrideCalendar(actor, input);
  const targets =
    input.scope === 'following' && event.seriesId ? await loadSeriesFrom(ctx.db, event) : [event];
  // Only what really differs is a change: the same start, duration, title or description again
  // changes nothing (no version bump, no new confirmation round, no notice), and neither does `{}`.
  const timeAsked =
    input.start !== undefined || input.localStart !== undefined || input.durationMinutes !== undefined;
  const plan = timeAsked ? await planNewTimes(ctx, event, targets, input) : new Map<string, TNewTime>();
  const changes = (t: EventRow) => ({
    ...(input.title !== undefined && input.title !== t.title ? { title: input.title } : {}),
    ...(input.description !== undefined && input.description !== t.description
      ? { description: input.description }
      : {}),
  });
  const changed = targets.filter((t) => plan.has(t.id) || Object.keys(changes(t)).length > 0);
  if (!changed.length) return loadEventViews(ctx.db, targets, await loadViewer(ctx.db, actor));
  const timeChanged = plan.size > 0;

  let rows: EventRow[];
  try {
    rows = await ctx.db.transaction().execute(async (trx) => {
      const out: EventRow[] = [];
      for (const t of targets) {
        if (!changed.includes(t)) {
          out.push(t);
          continue;
        }
        const p = plan.get(t.id);
        const updated = await updateActiveEvent(trx, t.id, {
          ...changes(t),
          move: p,
          override: p && input.overrideCalendar ? { note: input.overrideNote ?? null } : undefined,
        });
        if (!updated) continue;
        if (p) {
          await moveEventResources(trx, t.id, p);
          const confirmed = await askSidesAgain(trx, actor, t, Boolean(input.overrideCalendar));
          if (confirmed) Object.assign(updated, confirmed);
        }
        out.push(updated);
      }
      await recordChange(trx, {
        actorId: actor.id,
        action: timeChanged ? 'event.rescheduled' : 'event.updated',
        entity: 'event',
        entityId: eventId,
        data: { ids: changed.map((o) => o.id), scope: input.scope },
        outbox: out
          .filter((o) => changed.some((c) => c.id === o.id))
          .map((o) => ({
            topic: plan.has(o.id) ? ('event.rescheduled' as const) : ('event.updated' as const),
            aggregateId: o.id,
            payload: { eventId: o.id, version: o.version, actorId: actor.id },
          })),
      });
      return out;
    });
    wakeOutbox(ctx.db);
  } catch (err) {
    if (isBookingClash(err)) {
      const resources = await loadBookedResources(ctx.db, event.id);
      throw await conflictError(
        ctx.db,
        resources,
        [...plan.values()],
        targets.map((t) => t.id),
      );
    }
    throw err;
  }
  return loadEventViews(ctx.db, rows, await loadViewer(ctx.db, actor));
}

/**
 * The new time of each target: the event takes the requested start (or keeps its own) and
 * duration, later occurrences move by the same number of days to the new wall-clock time in the
 * series' zone; a target whose time stays the same is left out. Refuses a start in the past, a time
 * outside the partnership's agreement and, unless overridden, one outside either side's working calendar.
 */
async function planNewTimes(
  ctx: AppContext,
  event: EventRow,
  targets: EventRow[],
  input: TUpdateEventRequest,
): Promise<Map<string, TNewTime>> {
  const plan = new Map<string, TNewTime>();
  const durationMs =
    (input.durationMinutes ?? Math.round((event.endAt.getTime() - event.startAt.getTime()) / 60_000)) *
    60_000;
  const newStart =
    input.start !== undefined || input.localStart !== undefined
      ? new Date(resolveStart(input).utc)
      : event.startAt;
  const zone = event.originZone;
  const oldLocal = DateTime.fromJSDate(event.startAt, { zone });
  const newLocal = DateTime.fromJSDate(newStart, { zone });
  const dayDelta = Math.round(newLocal.startOf('day').diff(oldLocal.startOf('day'), 'days').days);
  for (const t of targets) {
    const start =
      t.id === event.id
        ? newStart
        : DateTime.fromJSDate(t.startAt, { zone })
            .plus({ days: dayDelta })
            .set({ hour: newLocal.hour, minute: newLocal.minute, second: 0, millisecond: 0 })
            .toJSDate();
    const end = new Date(start.getTime() + durationMs);
    if (start.getTime() === t.startAt.getTime() && end.getTime() === t.endAt.getTime()) continue;
    assertStartAhead(ctx, start);
    plan.set(t.id, { start, end });
  }
  if (plan.size === 0) return plan;
  assertWithinValidity(
    await loadPartnershipValidity(ctx.db, event.partnershipId),
    [...plan.values()],
    zone,
    () => 'start',
  );
  const sides = await loadSideCalendars(ctx.db, event.id);
  const violations = [...plan.values()].flatMap((p) =>
    checkWorkingTime(sides, p.start.toISOString(), p.end.toISOString()),
  );
  if (violations.length && !input.overrideCalendar) throw calendarViolationError(violations);
  return plan;
}

/**
 * After a move, every side confirms the new time again, except the one proposing it and those
 * that pre-approved changes within their working calendar (not when the calendar is overridden).
 * Returns the event row when nobody has to answer, so the new time stands confirmed.
 */
async function askSidesAgain(
  trx: Db,
  actor: TActor,
  event: EventRow,
  overrideCalendar: boolean,
): Promise<EventRow | null> {
  // The sides are read after the caller's update locked the event row, so a confirmation
  // racing with this move (decideEvent locks the same row) is seen, not overwritten.
  const sides = await loadSideDecisions(trx, event.id);
  const proposer =
    sides.find((s) => actor.institutionId === s.institutionId)?.institutionId ??
    sides.find(
      (s) => canActForInstitution(actor, s.institutionId) && s.institutionId === event.organizerInstitutionId,
    )?.institutionId ??
    event.organizerInstitutionId;
  const standing = new Set(
    overrideCalendar
      ? []
      : // A side still to answer (say, after an earlier out-of-hours move) is asked again.
        sides
          .filter((s) => s.reschedulePreapproved && s.decision === 'confirmed')
          .map((s) => s.institutionId),
  );
  const asking = sides.filter((s) => s.institutionId !== proposer && !standing.has(s.institutionId));
  if (asking.length) {
    await setSideDecision(
      trx,
      event.id,
      asking.map((s) => s.institutionId),
      { decision: 'pending', decidedBy: null, decidedAt: null },
    );
  }
  await setSideDecision(trx, event.id, [proposer], {
    decision: 'confirmed',
    decidedBy: actor.id,
    decidedAt: new Date(),
  });
  // Everyone else pre-approved: the new time is confirmed as it stands.
  return asking.length ? null : confirmEventRow(trx, event.id);
}
