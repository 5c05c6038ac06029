import type { TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';
import { requireHost, requireStudentOf } from '../join/require-host.ts';

/**
 * A host lets a student of the event show a phone camera (or takes it back). Hosts need no
 * permission. The allowance is a row for the event: it holds for the rest of the lesson and for
 * every reconnect, and withdrawing it refuses new pairings (a phone already on stays until its
 * owner leaves or a host removes it).
 */
export async function allowSecondCamera(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  userId: string,
  allowed: boolean,
): Promise<{ userId: string; allowed: boolean }> {
  const event = await requireHost(ctx, actor, eventId);
  await requireStudentOf(ctx, event.id, userId, 'A phone camera is allowed to students of this event');
  await ctx.db.transaction().execute(async (trx) => {
    if (allowed) {
      await trx
        .insertInto('cameraAllowances')
        .values({ eventId: event.id, userId, allowedBy: actor.id, allowedAt: ctx.now() })
        .onConflict((oc) => oc.columns(['eventId', 'userId']).doNothing())
        .execute();
    } else {
      await trx
        .deleteFrom('cameraAllowances')
        .where('eventId', '=', event.id)
        .where('userId', '=', userId)
        .execute();
    }
    await writeAudit(trx, {
      actorId: actor.id,
      action: allowed ? 'live.second_camera_allowed' : 'live.second_camera_withdrawn',
      entity: 'event',
      entityId: event.id,
      data: { userId },
    });
  });
  return { userId, allowed };
}
