import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@telemost/server/db/database';

/** A fresh pairing code: 24 random bytes, base64url (32 characters). */
export const newPairCode = () => randomBytes(24).toString('base64url');

/** The database keeps only this. */
export const hashPairCode = (code: string) => createHash('sha256').update(code).digest('base64url');

/** Whether a host let this student pair a phone camera in this event. */
export async function isCameraAllowed(db: Db, eventId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('cameraAllowances')
    .select('userId')
    .where('eventId', '=', eventId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
