import {
  canActForInstitution,
  canOverrideCalendar,
  type TActor,
  type TEventView,
  type TUpdateEventRequest,
} from '@telemost/core';
import { checkWorkingTime, type TInstitutionCalendar } from '@telemost/core/scheduling/working-time';
import { DateTime } from 'luxon';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { writeAudit, writeOutbox } from '../../lib/audit.ts';
import { calendarViolationError, conflictError, resolveStart } from './book-event.ts';
import { assertInvolvedStaff } from './cancel-event.ts';
import { EVENT_COLUMNS, type EventRow, loadEventViews, loadViewer } from './events.repository.ts';
import { getEventRowVisible } from './get-event.ts';

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
  if (input.overrideCalendar && !canOverrideCalendar(actor)) {
    throw new AppError('forbidden', 'Only coordinators and administrators may book outside working time', {
      fields: [{ field: 'overrideCalendar', message: 'not allowed for your role' }],
    });
  }
  const targets = (
    input.scope === 'following' && event.seriesId
      ? await ctx.db
          .selectFrom('events')
          .select(EVENT_COLUMNS)
          .where('seriesId', '=', event.seriesId)
          .where('seriesIndex', '>=', event.seriesIndex ?? 0)
          .where('status', 'in', ['proposed', 'confirmed'])
          .orderBy('startAt')
          .execute()
      : [event]
  ) as EventRow[];

  const timeChanged =
    input.start !== undefined || input.localStart !== undefined || input.durationMinutes !== undefined;
  const plan = new Map<string, { start: Date; end: Date }>();
  if (timeChanged) {
    const durationMs =
      (input.durationMinutes ?? Math.round((event.endAt.getTime() - event.startAt.getTime()) / 60_000)) *
      60_000;
    const newStart =
      input.start !== undefined || input.localStart !== undefined
        ? new Date(resolveStart(input).utc)
        : event.startAt;
    if (newStart.getTime() < ctx.now().getTime() - 60_000) {
      throw new AppError('validation_failed', 'The start is in the past', {
        fields: [{ field: 'start', message: 'must be in the future' }],
      });
    }
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
      plan.set(t.id, { start, end: new Date(start.getTime() + durationMs) });
    }
    const sides = (await ctx.db
      .selectFrom('eventInstitutions as ei')
      .innerJoin('institutions as i', 'i.id', 'ei.institutionId')
      .select(['i.id', 'i.country', 'i.timeZone', 'i.workingHours', 'i.lessonPeriods'])
      .where('ei.eventId', '=', event.id)
      .execute()) as TInstitutionCalendar[];
    const violations = [...plan.values()].flatMap((p) =>
      checkWorkingTime(sides, p.start.toISOString(), p.end.toISOString()),
    );
    if (violations.length && !input.overrideCalendar) throw calendarViolationError(violations);
  }

  let rows: EventRow[];
  try {
    rows = await ctx.db.transaction().execute(async (trx) => {
      const out: EventRow[] = [];
      for (const t of targets) {
        const p = plan.get(t.id);
        const updated = (await trx
          .updateTable('events')
          .set((eb) => ({
            version: eb('version', '+', 1),
            updatedAt: new Date(),
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.description !== undefined ? { description: input.description } : {}),
            ...(p ? { startAt: p.start, endAt: p.end, status: 'proposed' } : {}),
            ...(p && input.overrideCalendar
              ? { calendarOverride: true, overrideNote: input.overrideNote ?? null }
              : {}),
          }))
          .where('id', '=', t.id)
          .where('status', 'in', ['proposed', 'confirmed'])
          .returning(EVENT_COLUMNS)
          .executeTakeFirst()) as EventRow | undefined;
        if (!updated) continue;
        if (p) {
          await trx
            .updateTable('eventResources')
            .set({ during: `[${p.start.toISOString()},${p.end.toISOString()})` })
            .where('eventId', '=', t.id)
            .execute();
          // Every side confirms the new time again, except the one proposing it and those that
          // pre-approved changes within their working calendar (not when the calendar is overridden).
          // The sides are read after the update above locked the event row, so a confirmation
          // racing with this move (decideEvent locks the same row) is seen, not overwritten.
          const sides = await trx
            .selectFrom('eventInstitutions')
            .select(['institutionId', 'decision', 'reschedulePreapproved'])
            .where('eventId', '=', t.id)
            .execute();
          const proposer =
            sides.find((s) => actor.institutionId === s.institutionId)?.institutionId ??
            sides.find(
              (s) =>
                canActForInstitution(actor, s.institutionId) && s.institutionId === t.organizerInstitutionId,
            )?.institutionId ??
            t.organizerInstitutionId;
          const standing = new Set(
            input.overrideCalendar
              ? []
              : // A side still to answer (say, after an earlier out-of-hours move) is asked again.
                sides
                  .filter((s) => s.reschedulePreapproved && s.decision === 'confirmed')
                  .map((s) => s.institutionId),
          );
          const asking = sides.filter((s) => s.institutionId !== proposer && !standing.has(s.institutionId));
          if (asking.length) {
            await trx
              .updateTable('eventInstitutions')
              .set({ decision: 'pending', decidedBy: null, decidedAt: null })
              .where('eventId', '=', t.id)
              .where(
                'institutionId',
                'in',
                asking.map((s) => s.institutionId),
              )
              .execute();
          }
          await trx
            .updateTable('eventInstitutions')
            .set({ decision: 'confirmed', decidedBy: actor.id, decidedAt: new Date() })
            .where('institutionId', '=', proposer)
            .where('eventId', '=', t.id)
            .execute();
          if (!asking.length) {
            // Everyone else pre-approved: the new time is confirmed as it stands.
            const confirmed = (await trx
              .updateTable('events')
              .set({ status: 'confirmed' })
              .where('id', '=', t.id)
              .returning(EVENT_COLUMNS)
              .executeTakeFirstOrThrow()) as EventRow;
            Object.assign(updated, confirmed);
          }
        }
        await writeOutbox(trx, {
          topic: p ? 'event.rescheduled' : 'event.updated',
          aggregateId: t.id,
          payload: { eventId: t.id, version: updated.version, actorId: actor.id },
        });
        out.push(updated);
      }
      await writeAudit(trx, {
        actorId: actor.id,
        action: timeChanged ? 'event.rescheduled' : 'event.updated',
        entity: 'event',
        entityId: eventId,
        data: { ids: out.map((o) => o.id), scope: input.scope },
      });
      return out;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23P01') {
      const resources = await ctx.db
        .selectFrom('eventResources')
        .select(['resourceType as type', 'resourceId as id'])
        .where('eventId', '=', event.id)
        .execute();
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
