import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';

/**
 * Whether someone of a conference's (or cultural event's) audience may publish: a host promoted
 * them (kept until demoted, so a reconnect keeps it), or the programme names them as a speaker
 * of one of its sessions (people of either college, by user id).
 */
export async function isAudienceSpeaker(
  ctx: AppContext,
  eventId: string,
  identity: string,
): Promise<boolean> {
  const promoted = await ctx.db
    .selectFrom('eventSpeakers')
    .select('identity')
    .where('eventId', '=', eventId)
    .where('identity', '=', identity)
    .executeTakeFirst();
  if (promoted) return true;
  const named = await ctx.db
    .selectFrom('programmeSessions')
    .select('id')
    .where('eventId', '=', eventId)
    .where(sql<boolean>`speakers @> ${JSON.stringify([{ userId: identity }])}::jsonb`)
    .executeTakeFirst();
  return named !== undefined;
}
