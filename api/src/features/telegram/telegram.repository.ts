import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@telemost/server/db/database';

export const LINK_TOKEN_TTL_MS = 10 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh one-time link token for a person (only its hash is stored). */
export async function createLinkToken(
  db: Db,
  userId: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  // 32 url-safe characters: Telegram's /start payload allows up to 64 of [A-Za-z0-9_-].
  const token = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + LINK_TOKEN_TTL_MS);
  await db
    .deleteFrom('telegramLinkTokens')
    .where('userId', '=', userId)
    .where('expiresAt', '<', now)
    .execute();
  await db
    .insertInto('telegramLinkTokens')
    .values({ tokenHash: hashToken(token), userId, expiresAt })
    .execute();
  return { token, expiresAt };
}

/**
 * Uses a link token once and binds the chat to its person (a chat or a person linked before is
 * re-bound). Null when the token is unknown, used or expired.
 */
export async function redeemLinkToken(
  db: Db,
  token: string,
  chatId: string,
  now: Date,
): Promise<string | null> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('telegramLinkTokens')
      .set({ usedAt: now })
      .where('tokenHash', '=', hashToken(token))
      .where('usedAt', 'is', null)
      .where('expiresAt', '>', now)
      .returning('userId')
      .executeTakeFirst();
    if (!used) return null;
    await trx
      .deleteFrom('telegramLinks')
      .where((eb) => eb.or([eb('userId', '=', used.userId), eb('chatId', '=', chatId)]))
      .execute();
    await trx.insertInto('telegramLinks').values({ userId: used.userId, chatId, linkedAt: now }).execute();
    return used.userId;
  });
}

export async function findLinkByUser(db: Db, userId: string) {
  return db.selectFrom('telegramLinks').selectAll().where('userId', '=', userId).executeTakeFirst();
}

export async function findLinkByChat(db: Db, chatId: string) {
  return db.selectFrom('telegramLinks').selectAll().where('chatId', '=', chatId).executeTakeFirst();
}

export async function deleteLink(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('telegramLinks').where('userId', '=', userId).execute();
  await db.deleteFrom('telegramLinkTokens').where('userId', '=', userId).execute();
}

/** The inline button behind a callback id, only when it belongs to that person. */
export async function findAction(db: Db, id: string, userId: string) {
  return db
    .selectFrom('telegramActions')
    .selectAll()
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
}
