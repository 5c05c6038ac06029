import type { TActor } from '@telemost/core/permissions';
import type { TPoll } from '@telemost/core/schemas/classroom';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { requireHost } from '../join/require-host.ts';
import { loadPolls, pushPoll, requireSeat } from './polls-view.ts';

/** A host asks a question with options; everyone in the lesson sees it live (`poll:updated`). */
export async function createPoll(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  input: { question: string; options: string[]; anonymous?: boolean },
): Promise<TPoll> {
  await requireHost(ctx, actor, eventId);
  const { seat } = await requireSeat(ctx, actor, eventId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('polls')
      .values({
        eventId,
        question: input.question,
        options: JSON.stringify(input.options),
        anonymous: input.anonymous ?? false,
        createdBy: actor.id,
        createdAt: ctx.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: 'live.poll_asked',
      entity: 'event',
      entityId: eventId,
      data: { pollId: row.id },
    });
    return row.id;
  });
  await pushPoll(ctx, eventId, id);
  return (await loadPolls(ctx, eventId, { id: actor.id, seat }, id))[0]!;
}
