import type { TActor } from '@telemost/core/permissions';
import type { TPoll } from '@telemost/core/schemas/classroom';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { loadPolls, pushPoll, requireSeat } from './polls-view.ts';

/**
 * Someone in the lesson answers a poll, once: a second answer is refused with 409 `conflict`
 * (the first one counts), so results never move under a host's eyes. A closed poll: 409.
 */
export async function answerPoll(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  pollId: string,
  option: number,
): Promise<TPoll> {
  const { seat } = await requireSeat(ctx, actor, eventId);
  const poll = await ctx.db
    .selectFrom('polls')
    .select(['id', 'options', 'closedAt'])
    .where('id', '=', pollId)
    .where('eventId', '=', eventId)
    .executeTakeFirst();
  if (!poll) throw notFound('Poll');
  if (poll.closedAt) throw new AppError('invalid_state', 'This poll is closed');
  if (option >= poll.options.length) {
    throw new AppError('validation_failed', 'No such option', {
      fields: [{ field: 'option', message: `expected 0–${poll.options.length - 1}` }],
    });
  }
  const inserted = await ctx.db
    .insertInto('pollAnswers')
    .values({ pollId, userId: actor.id, institutionId: seat.institutionId, option, answeredAt: ctx.now() })
    .onConflict((oc) => oc.columns(['pollId', 'userId']).doNothing())
    .returning('pollId')
    .executeTakeFirst();
  if (!inserted) throw new AppError('conflict', 'You have already answered this poll');
  await pushPoll(ctx, eventId, pollId);
  return (await loadPolls(ctx, eventId, { id: actor.id, seat }, pollId))[0]!;
}
