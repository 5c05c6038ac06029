import type { TActor } from '@telemost/core/permissions';
import type { TListNotificationsQuery, TNotificationList } from '@telemost/core/schemas/notification';
import type { AppContext } from '../../context.ts';
import { countUnread, findNotifications } from './notifications.repository.ts';

/** The signed-in user's notifications, newest first, with their unread count. */
export async function listNotifications(
  ctx: AppContext,
  actor: TActor,
  query: TListNotificationsQuery,
): Promise<TNotificationList> {
  const [items, unread] = await Promise.all([
    findNotifications(ctx.db, actor.id, query),
    countUnread(ctx.db, actor.id),
  ]);
  return { items, unread };
}
