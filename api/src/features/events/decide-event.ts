import { canActForInstitution, type TActor } from '@telemost/core/permissions';
import type { TEventView } from '@telemost/core/schemas/event';
import { recordChange, wakeOutbox } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { getEventRowVisible } from './event-checks.ts';
import { EVENT_COLUMNS, type EventRow, loadEventViews, loadViewer } from './events.repository.ts';

/**
 * One side's answer to a proposal. When every involved college has confirmed, the event is
 * confirmed; a single decline declines it and frees its bookings. A confirmation may pre-approve
 * later changes of time (see rescheduleEvent).
 */
export async function decideEvent(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  decision: 'confirmed' | 'declined',
  options: { institutionId?: string; preApproveReschedule?: boolean } = {},
): Promise<TEventView> {
  const { institutionId, preApproveReschedule = false } = options;
  if (preApproveReschedule && decision === 'declined') {
    throw new AppError('validation_failed', 'Only a confirmation can pre-approve reschedules', {
      fields: [{ field: 'preApproveReschedule', message: 'not allowed with a decline' }],
    });
  }
  await getEventRowVisible(ctx, actor, eventId);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const event = (await trx
      .selectFrom('events')
      .select(EVENT_COLUMNS)
      .where('id', '=', eventId)
      .forUpdate()
      .executeTakeFirstOrThrow()) as EventRow;
    const sides = await trx
      .selectFrom('eventInstitutions')
      .selectAll()
      .where('eventId', '=', eventId)
      .execute();
    // The side answered for: the one named, else the actor's own college, else (admins) the first pending.
    const side = institutionId
      ? sides.find((s) => s.institutionId === institutionId)
      : (sides.find((s) => s.institutionId === actor.institutionId) ??
        (actor.role === 'admin' ? sides.find((s) => s.decision === 'pending') : undefined));
    if (!side || !canActForInstitution(actor, side.institutionId)) {
      throw new AppError('forbidden', 'Your college has nothing to decide on this event', {
        fields: [{ field: 'institutionId', message: 'not an involved college you can act for' }],
      });
    }
    if (event.status !== 'proposed') {
      throw new AppError(
        'invalid_state',
        `The event is ${event.status}; only a proposed event can be confirmed or declined`,
      );
    }
    if (side.decision !== 'pending')
      throw new AppError('invalid_state', `Your college has already ${side.decision} it`);
    await trx
      .updateTable('eventInstitutions')
      .set({
        decision,
        decidedBy: actor.id,
        decidedAt: new Date(),
        reschedulePreapproved: decision === 'confirmed' && preApproveReschedule,
      })
      .where('eventId', '=', eventId)
      .where('institutionId', '=', side.institutionId)
      .execute();
    const allConfirmed = sides.every(
      (s) => s.institutionId === side.institutionId || s.decision === 'confirmed',
    );
    const status = decision === 'declined' ? 'declined' : allConfirmed ? 'confirmed' : 'proposed';
    const updated = (await trx
      .updateTable('events')
      .set({ status, updatedAt: new Date() })
      .where('id', '=', eventId)
      .returning(EVENT_COLUMNS)
      .executeTakeFirstOrThrow()) as EventRow;
    if (status === 'declined') {
      await trx.updateTable('eventResources').set({ active: false }).where('eventId', '=', eventId).execute();
    }
    await recordChange(trx, {
      actorId: actor.id,
      action: `event.side_${decision}`,
      entity: 'event',
      entityId: eventId,
      data: { institutionId: side.institutionId, status, preApproveReschedule },
      outbox: [
        {
          // One side's confirmation while others are still to answer changes no status.
          topic: status === 'proposed' ? 'event.updated' : `event.${status}`,
          aggregateId: eventId,
          payload: { eventId, version: updated.version, actorId: actor.id },
        },
      ],
    });
    return updated;
  });
  wakeOutbox(ctx.db);
  const [view] = await loadEventViews(ctx.db, [row], await loadViewer(ctx.db, actor));
  return view!;
}
