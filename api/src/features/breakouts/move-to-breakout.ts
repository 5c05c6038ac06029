import type { TTeams } from '@telemost/core/classroom/breakout-teams';
import type { TActor } from '@telemost/core/permissions';
import { breakoutRoomName, type TBreakouts } from '@telemost/core/schemas/classroom';
import { createRoomService, isNotFound } from '@telemost/server/livekit/livekit-client';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { requireHost, requireStudentOf } from '../join/require-host.ts';
import { loadBreakouts, planScope, savePlan } from './breakouts.repository.ts';
import { hostView, pushChanged } from './breakouts-live.ts';

/**
 * A host moves a student to another team: the membership and the saved plan change, the student
 * is taken out of the old team's room (their client, told over socket.io, joins the new one).
 */
export async function moveToBreakout(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  team: number,
  userId: string,
): Promise<TBreakouts> {
  await requireHost(ctx, actor, eventId);
  const loaded = await loadBreakouts(ctx.db, eventId);
  if (!loaded || team > loaded.teamCount) throw notFound('Breakout team');
  await requireStudentOf(ctx, eventId, userId, 'Only a student of this event can be moved');
  const before = loaded.members.find((m) => m.userId === userId)?.team ?? null;
  if (before !== team) {
    const event = await ctx.db
      .selectFrom('events')
      .select(['id', 'seriesId'])
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow();
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('breakoutMembers')
        .values({ eventId, userId, team })
        .onConflict((oc) => oc.columns(['eventId', 'userId']).doUpdateSet({ team }))
        .execute();
      const rows = await trx
        .selectFrom('breakoutMembers')
        .select(['userId', 'team'])
        .where('eventId', '=', eventId)
        .execute();
      const teams: TTeams = Array.from({ length: loaded.teamCount }, (_, i) =>
        rows.filter((r) => r.team === i + 1).map((r) => r.userId),
      );
      await savePlan(trx, planScope(event), teams, ctx.now());
      await writeAudit(trx, {
        actorId: actor.id,
        action: 'live.breakout_moved',
        entity: 'event',
        entityId: eventId,
        data: { userId, from: before, to: team },
      });
    });
    // The student's client is told first (it goes to the new team by itself), then taken out of
    // the old team's room, so a moved student is never left in a team they no longer belong to.
    await pushChanged(ctx, eventId, await loadBreakouts(ctx.db, eventId));
    if (before !== null) {
      await createRoomService(ctx.env)
        .removeParticipant(breakoutRoomName(eventId, before), userId)
        .catch((err: unknown) => {
          if (!isNotFound(err))
            ctx.logger.warn({ eventId, userId }, 'could not take a moved student out of the old team room');
        });
    }
  }
  return hostView(ctx, eventId, actor.id);
}
