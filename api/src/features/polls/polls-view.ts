import type { TActor } from '@telemost/core/permissions';
import type { TPoll } from '@telemost/core/schemas/classroom';
import { eventSidesQuery } from '@telemost/server/db/event-sides';
import { findLiveSeat, type TLiveSeat } from '@telemost/server/live/live-seat';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';

// What the poll use cases share: the seat check, the results per college and in total, the live push.

/** The event, when the actor has a seat in it (participants, staff of its colleges); else 403/404. */
export async function requireSeat(ctx: AppContext, actor: TActor, eventId: string) {
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'status'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  const seat = await findLiveSeat(ctx.db, actor, event.id);
  if (!seat)
    throw forbidden('Only participants of this event and staff of its colleges take part in its polls');
  return { event, seat };
}

/** Polls of an event with their results, in the order they were asked. */
export async function loadPolls(
  ctx: AppContext,
  eventId: string,
  viewer: { id: string; seat: TLiveSeat } | null,
  pollId?: string,
): Promise<TPoll[]> {
  let q = ctx.db
    .selectFrom('polls')
    .select(['id', 'eventId', 'question', 'options', 'anonymous', 'createdAt', 'closedAt'])
    .where('eventId', '=', eventId)
    .orderBy('createdAt')
    .orderBy('id');
  if (pollId) q = q.where('id', '=', pollId);
  const polls = await q.execute();
  if (!polls.length) return [];
  const [answers, sides] = await Promise.all([
    ctx.db
      .selectFrom('pollAnswers as a')
      .innerJoin('users as u', 'u.id', 'a.userId')
      .select(['a.pollId', 'a.userId', 'a.institutionId', 'a.option', 'u.name'])
      .where(
        'a.pollId',
        'in',
        polls.map((p) => p.id),
      )
      .orderBy('u.name')
      .execute(),
    eventSidesQuery(ctx.db, eventId).select(['i.id', 'i.code', 'i.city']).execute(),
  ]);
  return polls.map((p) => {
    const mine = answers.filter((a) => a.pollId === p.id);
    const result = (rows: typeof mine) => {
      const counts = p.options.map(() => 0);
      for (const r of rows) if (r.option < counts.length) counts[r.option]! += 1;
      return { counts, answered: rows.length };
    };
    const poll: TPoll = {
      id: p.id,
      eventId: p.eventId,
      question: p.question,
      options: p.options,
      anonymous: p.anonymous,
      createdAt: new Date(p.createdAt).toISOString(),
      closedAt: p.closedAt ? new Date(p.closedAt).toISOString() : null,
      total: result(mine),
      byInstitution: sides.map((s) => ({
        institutionId: s.id,
        code: s.code,
        city: s.city,
        ...result(mine.filter((a) => a.institutionId === s.id)),
      })),
      myAnswer: viewer ? (mine.find((a) => a.userId === viewer.id)?.option ?? null) : null,
    };
    if (viewer?.seat.access === 'host' && !p.anonymous) {
      poll.voters = mine.map((a) => ({ userId: a.userId, name: a.name, option: a.option }));
    }
    return poll;
  });
}

/** Pushes a poll's results (no voters) to the event's watchers as `poll:updated`. */
export async function pushPoll(ctx: AppContext, eventId: string, pollId: string) {
  if (!ctx.realtime) return;
  const [poll] = await loadPolls(ctx, eventId, null, pollId);
  if (!poll) return;
  const { voters: _v, myAnswer: _m, ...message } = poll;
  ctx.realtime.toEvent(eventId, 'poll:updated', message);
}
