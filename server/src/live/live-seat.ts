import type { TActor } from '@telemost/core/permissions';
import { canActForInstitution } from '@telemost/core/permissions';
import type { TLiveAccess } from '@telemost/core/schemas/live';
import { cameraOwnerOf } from '@telemost/core/schemas/second-camera';
import type { Db } from '../db/database.ts';

/** An active (not disabled) user as an actor, or undefined. */
export async function findActor(db: Db, id: string): Promise<TActor | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'role', 'institutionId'])
    .where('id', '=', id)
    .where('disabledAt', 'is', null)
    .executeTakeFirst() as Promise<TActor | undefined>;
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether someone invited by link (identity `guest:<invitationId>:<random>`) may be in the room:
 * admitted to this event, by an invitation not revoked since.
 */
async function guestHasSeat(db: Db, identity: string, eventId: string): Promise<boolean> {
  const row = await db
    .selectFrom('invitationGuests as g')
    .innerJoin('invitations as i', 'i.id', 'g.invitationId')
    .select('g.id')
    .where('g.identity', '=', identity)
    .where('g.eventId', '=', eventId)
    .where('g.status', '=', 'admitted')
    .where('i.revokedAt', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Whether the person a LiveKit identity names (join tokens are issued with the user id) still has
 * a seat in the event: still on it, or staff of an involved college, and not disabled.
 */
export async function identityHasSeat(db: Db, identity: string, eventId: string): Promise<boolean> {
  if (identity.startsWith('guest:')) return guestHasSeat(db, identity, eventId);
  // A phone camera has its owner's seat.
  const owner = cameraOwnerOf(identity);
  if (owner) return identityHasSeat(db, owner, eventId);
  if (!UUID.test(identity)) return false;
  const actor = await findActor(db, identity);
  return actor ? (await findLiveSeat(db, actor, eventId)) !== null : false;
}
