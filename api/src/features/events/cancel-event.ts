import type { TActor } from '@telemost/core/permissions';
import type { TEventView } from '@telemost/core/schemas/event';
import { recordChange, wakeOutbox } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { assertInvolvedStaff, getEventRowVisible } from './event-checks.ts';
import { EVENT_COLUMNS, type EventRow, loadEventViews, loadViewer } from './events.repository.ts';

/**
 * Cancels an event, or this and every later occurrence of its series. Bookings are released at
 * once; the worker removes pending reminders and closes the room.
 */
export async function cancelEvent(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: { scope: 'this' | 'following'; reason?: string },
): Promise<TEventView[]> {
  const event = await getEventRowVisible(ctx, actor, eventId);
  await assertInvolvedStaff(ctx, actor, event);
  if (event.status === 'cancelled' || event.status === 'declined') {
    throw new AppError('invalid_state', `The event is already ${event.status}`);
  }
  const rows = await ctx.db.transaction().execute(async (trx) => {
    let q = trx
      .updateTable('events')
      .set((eb) => ({ status: 'cancelled', version: eb('version', '+', 1), updatedAt: new Date() }))
      .where('status', 'in', ['proposed', 'confirmed']);
    q =
      input.scope === 'following' && event.seriesId
        ? q.where('seriesId', '=', event.seriesId).where('seriesIndex', '>=', event.seriesIndex ?? 0)
        : q.where('id', '=', eventId);
    const cancelled = (await q.returning(EVENT_COLUMNS).execute()) as EventRow[];
    const ids = cancelled.map((c) => c.id);
    if (ids.length)
      await trx.updateTable('eventResources').set({ active: false }).where('eventId', 'in', ids).execute();
    await recordChange(trx, {
      actorId: actor.id,
      action: 'event.cancelled',
      entity: 'event',
      entityId: eventId,
      data: { ids, reason: input.reason ?? null, scope: input.scope },
      outbox: cancelled.map((c) => ({
        topic: 'event.cancelled',
        aggregateId: c.id,
        payload: { eventId: c.id, version: c.version, actorId: actor.id },
      })),
    });
    return cancelled.sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  });
  wakeOutbox(ctx.db);
  return loadEventViews(ctx.db, rows, await loadViewer(ctx.db, actor));
}
