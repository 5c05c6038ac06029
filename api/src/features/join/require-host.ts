import type { TActor } from '@telemost/core';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { findLiveSeat } from './live-access.ts';

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
