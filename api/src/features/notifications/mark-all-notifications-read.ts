import type { TActor } from '@telemost/core/permissions';
import type { AppContext } from '../../context.ts';
import { markAllRead } from './notifications.repository.ts';

/** Marks all of the signed-in user's notifications read. */
export async function markAllNotificationsRead(ctx: AppContext, actor: TActor): Promise<{ updated: number }> {
  return { updated: await markAllRead(ctx.db, actor.id, ctx.now()) };
}
