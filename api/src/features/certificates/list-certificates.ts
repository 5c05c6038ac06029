import type { TActor } from '@telemost/core/permissions';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { assertCanSeeEventReport } from '../attendance/get-attendance.ts';
import { listEventCertificates } from './certificates.repository.ts';

/**
 * The event's certificates: all of them for staff who may see its attendance; a participant
 * (a student) sees their own only.
 */
export async function listCertificates(ctx: AppContext, actor: TActor, eventId: string) {
  try {
    const event = await assertCanSeeEventReport(ctx, actor, eventId);
    return listEventCertificates(ctx.db, event.id);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'forbidden') throw err;
    const participant = await ctx.db
      .selectFrom('eventParticipants')
      .select('userId')
      .where('eventId', '=', eventId)
      .where('userId', '=', actor.id)
      .executeTakeFirst();
    if (!participant) throw forbidden('Certificates of an event are for its people');
    return listEventCertificates(ctx.db, eventId, actor.id);
  }
}
