import { canActForInstitution, type TActor } from '@telemost/core/permissions';
import type { Db } from '@telemost/server/db/database';

/**
 * Who may follow an event live (`event:watch`): its participants, staff of its colleges, and
 * admins. False as well when the event does not exist, so ids cannot be probed.
 */
export async function canWatchEvent(db: Db, actor: TActor, eventId: string): Promise<boolean> {
  const [sides, participant] = await Promise.all([
    db.selectFrom('eventInstitutions').select('institutionId').where('eventId', '=', eventId).execute(),
    db
      .selectFrom('eventParticipants')
      .select('userId')
      .where('eventId', '=', eventId)
      .where('userId', '=', actor.id)
      .executeTakeFirst(),
  ]);
  if (sides.length === 0) return false;
  if (participant) return true;
  if (actor.role === 'student' || actor.role === 'guest') return false;
  return sides.some((s) => canActForInstitution(actor, s.institutionId));
}
