import { type TNotificationRow, toNotification } from '@telemost/core/schemas/notification';
import type { TWorkerContext } from '../context.ts';

/**
 * Pushes the notification saved under `dedupeKey` to its recipient's open pages, unless that push
 * already went out (`pushed_at`) or the notification was read meanwhile, and records it. A push
 * that fails (Redis away) throws, so the job is retried and the retry pushes what the first try
 * could not: the saved row alone does not mean the alert was seen. A push repeated after a crash
 * carries the same notification id, which the web client shows once.
 */
export async function pushNotification(
  ctx: Pick<TWorkerContext, 'db' | 'realtime'>,
  userId: string,
  dedupeKey: string,
): Promise<boolean> {
  const row: TNotificationRow | undefined = await ctx.db
    .selectFrom('notifications')
    .select(['id', 'kind', 'eventId', 'payload', 'createdAt', 'readAt'])
    .where('dedupeKey', '=', dedupeKey)
    .where('pushedAt', 'is', null)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  if (!row) return false;
  await ctx.realtime.pushToUser(userId, 'notification', toNotification(row));
  await ctx.db.updateTable('notifications').set({ pushedAt: new Date() }).where('id', '=', row.id).execute();
  return true;
}
