import type { TActor } from '@telemost/core/permissions';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';

/** The event, when the actor is a host of its room (teacher, organiser, coordinator, staff); else 403/404. */
export async function requireHost(ctx: AppContext, actor: TActor, eventId: string) {
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'status', 'startAt', 'endAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  const seat = await findLiveSeat(ctx.db, actor, event.id);
  if (seat?.access !== 'host') throw forbidden('Only a teacher or coordinator of this event can do this');
  return { ...event, startAt: new Date(event.startAt), endAt: new Date(event.endAt) };
}

/**
 * For a host acting on one student (a permission, a team): 422 naming `userId` unless that user is
 * a student of the event. `detail` says what only a student can have.
 */
export async function requireStudentOf(ctx: AppContext, eventId: string, userId: string, detail: string) {
  const target = await ctx.db
    .selectFrom('eventParticipants')
    .select('role')
    .where('eventId', '=', eventId)
    .where('userId', '=', userId)
    .where('role', '=', 'student')
    .executeTakeFirst();
  if (!target) {
    throw new AppError('validation_failed', detail, {
      fields: [{ field: 'userId', message: 'not a student of this event' }],
    });
  }
}
