import type { TActor, TLiveAccess, TTrackSource } from '@telemost/core';
import { canActForInstitution } from '@telemost/core';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/database.ts';

/** Who someone is in an event's video room, before any time or status checks. */
export type TLiveSeat = {
  access: TLiveAccess;
  /** Role in the event (`event_participants.role`), or `staff` for staff of an involved college. */
  role: string;
  institutionId: string | null;
  name: string;
};

const HOST_ROLES = new Set(['organizer', 'teacher', 'coordinator']);

/**
 * Decides the seat: participants by their event role (guests only listen whatever their row
 * says), and teachers, coordinators and admins acting for an involved college as hosts even when
 * not booked. Everyone else has no seat (null).
 */
export async function findLiveSeat(db: Db, actor: TActor, eventId: string): Promise<TLiveSeat | null> {
  const [user, participant, sides] = await Promise.all([
    db.selectFrom('users').select(['name']).where('id', '=', actor.id).executeTakeFirst(),
    db
      .selectFrom('eventParticipants')
      .select(['role', 'institutionId'])
      .where('eventId', '=', eventId)
      .where('userId', '=', actor.id)
      .executeTakeFirst(),
    db.selectFrom('eventInstitutions').select('institutionId').where('eventId', '=', eventId).execute(),
  ]);
  const name = user?.name ?? actor.id;
  if (participant) {
    const access: TLiveAccess =
      actor.role === 'guest'
        ? 'listener'
        : HOST_ROLES.has(participant.role)
          ? 'host'
          : participant.role === 'student'
            ? 'speaker'
            : 'listener';
    return { access, role: participant.role, institutionId: participant.institutionId, name };
  }
  const side = sides.find((s) => canActForInstitution(actor, s.institutionId));
  if (side && actor.role !== 'student' && actor.role !== 'guest') {
    return {
      access: 'host',
      role: 'staff',
      institutionId: actor.institutionId,
      name,
    };
  }
  return null;
}

function screenShareKey(eventId: string, userId: string) {
  return `telemost:screen-share:${eventId}:${userId}`;
}

/** Whether a host let this student share their screen (kept in Redis until the event is over). */
export async function isScreenShareGranted(
  ctx: AppContext,
  eventId: string,
  userId: string,
): Promise<boolean> {
  try {
    return (await ctx.redis.exists(screenShareKey(eventId, userId))) === 1;
  } catch {
    // Redis away: the safe default is the student's ordinary seat, camera and microphone.
    return false;
  }
}

/** Records (or withdraws) a host's screen-share grant until `until`. */
export async function storeScreenShareGrant(
  ctx: AppContext,
  eventId: string,
  userId: string,
  allowed: boolean,
  until: Date,
): Promise<void> {
  const key = screenShareKey(eventId, userId);
  if (!allowed) {
    await ctx.redis.del(key);
    return;
  }
  const ttl = Math.max(60, Math.ceil((until.getTime() - ctx.now().getTime()) / 1000));
  await ctx.redis.set(key, '1', 'EX', ttl);
}

/** What each seat may publish. */
export function publishSources(access: TLiveAccess, screenShareGranted: boolean): TTrackSource[] {
  if (access === 'host') return ['camera', 'microphone', 'screen_share', 'screen_share_audio'];
  if (access === 'speaker') {
    return screenShareGranted
      ? ['camera', 'microphone', 'screen_share', 'screen_share_audio']
      : ['camera', 'microphone'];
  }
  return [];
}
