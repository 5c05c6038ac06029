import { createHash, randomBytes } from 'node:crypto';
import type { TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { AppContext } from '../../context.ts';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues a new personal feed token (revoking the previous one). Only its hash is stored. */
export async function rotateCalendarToken(ctx: AppContext, actor: TActor): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await ctx.db
    .updateTable('users')
    .set({ calendarToken: hashToken(token) })
    .where('id', '=', actor.id)
    .execute();
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'calendar_token.rotated',
    entity: 'user',
    entityId: actor.id,
  });
  return token;
}

export async function revokeCalendarToken(ctx: AppContext, actor: TActor): Promise<void> {
  await ctx.db.updateTable('users').set({ calendarToken: null }).where('id', '=', actor.id).execute();
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'calendar_token.revoked',
    entity: 'user',
    entityId: actor.id,
  });
}

export async function actorByCalendarToken(ctx: AppContext, token: string): Promise<TActor | undefined> {
  return ctx.db
    .selectFrom('users')
    .select(['id', 'role', 'institutionId'])
    .where('calendarToken', '=', hashToken(token))
    .where('disabledAt', 'is', null)
    .executeTakeFirst() as Promise<TActor | undefined>;
}
