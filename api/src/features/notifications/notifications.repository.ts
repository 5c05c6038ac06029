import { type TNotification, toNotification } from '@telemost/core/schemas/notification';
import type { Db } from '@telemost/server/db/database';

const COLUMNS = ['id', 'kind', 'eventId', 'payload', 'createdAt', 'readAt'] as const;

/** A user's notifications, newest first. */
export async function findNotifications(
  db: Db,
  userId: string,
  filter: { unread?: boolean; before?: string; limit: number },
): Promise<TNotification[]> {
  let q = db.selectFrom('notifications').select(COLUMNS).where('userId', '=', userId);
  if (filter.unread) q = q.where('readAt', 'is', null);
  if (filter.before) q = q.where('createdAt', '<', new Date(filter.before));
  const rows = await q.orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toNotification);
}

export async function countUnread(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the user's notifications read (keeping the first read time); null if not theirs. */
export async function markRead(db: Db, userId: string, id: string, at: Date): Promise<TNotification | null> {
  const row = await db
    .updateTable('notifications')
    .set((eb) => ({ readAt: eb.fn.coalesce('readAt', eb.val(at)) }))
    .where('id', '=', id)
    .where('userId', '=', userId)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row ? toNotification(row) : null;
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllRead(db: Db, userId: string, at: Date): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: at })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
