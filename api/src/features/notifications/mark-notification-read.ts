import type { TActor } from '@telemost/core/permissions';
import type { TNotification } from '@telemost/core/schemas/notification';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { markRead } from './notifications.repository.ts';

/** Marks one notification read. Someone else's notification is a 404, as if it did not exist. */
export async function markNotificationRead(
  ctx: AppContext,
  actor: TActor,
  id: string,
): Promise<TNotification> {
  const row = await markRead(ctx.db, actor.id, id, ctx.now());
  if (!row) throw notFound('Notification');
  return row;
}
