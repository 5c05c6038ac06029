import type { TActor } from '@telemost/core/permissions';
import type { TPoll } from '@telemost/core/schemas/classroom';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { loadPolls, pushPoll, requireSeat } from './polls-view.ts';

/** A host closes a poll: no more answers; the results stay with the lesson. */
export async function closePoll(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  pollId: string,
): Promise<TPoll> {
  await requireHost(ctx, actor, eventId);
  const { seat } = await requireSeat(ctx, actor, eventId);
  const poll = await ctx.db
    .updateTable('polls')
    .set({ closedAt: ctx.now() })
    .where('id', '=', pollId)
    .where('eventId', '=', eventId)
    .where('closedAt', 'is', null)
    .returning('id')
    .executeTakeFirst();
  if (!poll) {
    const exists = await ctx.db
      .selectFrom('polls')
      .select('id')
      .where('id', '=', pollId)
      .where('eventId', '=', eventId)
      .executeTakeFirst();
    if (!exists) throw notFound('Poll');
  } else await pushPoll(ctx, eventId, pollId);
  return (await loadPolls(ctx, eventId, { id: actor.id, seat }, pollId))[0]!;
}
