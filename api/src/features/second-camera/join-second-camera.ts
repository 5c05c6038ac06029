import { secondCameraIdentity, type TSecondCameraJoin } from '@telemost/core/schemas/second-camera';
import { findActor, findLiveSeat } from '@telemost/server/live/live-seat';
import { createRoomService, isNotFound } from '@telemost/server/livekit/livekit-client';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import { assertRoomOpen, mintRoomToken } from '../join/join-event.ts';
import { hashPairCode, isCameraAllowed } from './second-camera.repository.ts';

const GONE = 'This pairing code is no longer valid: show a new QR code on the lesson page';

/**
 * A phone opens a pairing link, with no sign-in. The code is checked (known, unused, not
 * expired), then its owner (still in the lesson, still allowed, in the room right now), and only
 * then used up: one UPDATE … WHERE used_at IS NULL, so of two phones (or two api processes)
 * racing for one code exactly one wins. The token is the owner's second video: identity
 * `<ownerId>#camera`, metadata naming the owner, camera only (no microphone, no data), and it
 * subscribes to nothing. The api removes it when the owner leaves the room (LiveKit webhook,
 * and the worker's reconciliation when a webhook is lost).
 */
export async function joinSecondCamera(ctx: AppContext, code: string): Promise<TSecondCameraJoin> {
  const hash = hashPairCode(code);
  const pairing = await ctx.db
    .selectFrom('cameraPairings as c')
    .innerJoin('events as e', 'e.id', 'c.eventId')
    .select(['c.id', 'c.eventId', 'c.ownerId', 'c.expiresAt', 'c.usedAt', 'e.title'])
    .select(['e.status', 'e.startAt', 'e.endAt', 'e.endedAt'])
    .where('c.codeHash', '=', hash)
    .executeTakeFirst();
  if (!pairing)
    throw new AppError('not_found', 'No such pairing code: check the link or scan the QR code again');
  const now = ctx.now();
  if (pairing.usedAt) {
    throw new AppError('pairing_used', `${GONE} (each code works once)`, {
      extra: { usedAt: new Date(pairing.usedAt).toISOString() },
    });
  }
  if (new Date(pairing.expiresAt) <= now) {
    throw new AppError('pairing_expired', `${GONE} (it expired)`, {
      extra: { expiredAt: new Date(pairing.expiresAt).toISOString() },
    });
  }
  const { ttlSeconds } = assertRoomOpen(ctx, {
    id: pairing.eventId,
    status: pairing.status,
    startAt: pairing.startAt,
    endAt: pairing.endAt,
    endedAt: pairing.endedAt,
  });
  const owner = await findActor(ctx.db, pairing.ownerId);
  const seat = owner ? await findLiveSeat(ctx.db, owner, pairing.eventId) : null;
  if (
    !owner ||
    !seat ||
    (seat.access !== 'host' &&
      !(seat.access === 'speaker' && (await isCameraAllowed(ctx.db, pairing.eventId, owner.id))))
  ) {
    throw forbidden('The person who showed this code may no longer use a phone camera in this lesson');
  }
  try {
    await createRoomService(ctx.env).getParticipant(pairing.eventId, owner.id);
  } catch (err) {
    if (isNotFound(err)) {
      throw new AppError('owner_not_in_room', `${seat.name} is not in the lesson right now: join it first`);
    }
    throw new AppError('service_unavailable', 'The video server does not answer; please try again');
  }
  const used = await ctx.db
    .updateTable('cameraPairings')
    .set({ usedAt: now })
    .where('id', '=', pairing.id)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now)
    .returning('id')
    .executeTakeFirst();
  if (!used) throw new AppError('pairing_used', `${GONE} (each code works once)`);
  const joined = await mintRoomToken(ctx, {
    eventId: pairing.eventId,
    identity: secondCameraIdentity(owner.id),
    name: `${seat.name} · camera`,
    metadata: { role: seat.role, access: 'speaker', institutionId: seat.institutionId, cameraOf: owner.id },
    access: 'speaker',
    sources: ['camera'],
    canPublishData: false,
    canSubscribe: false,
    now,
    ttlSeconds,
  });
  return {
    serverUrl: joined.serverUrl,
    token: joined.token,
    expiresAt: joined.expiresAt,
    identity: joined.identity,
    room: joined.room,
    ownerId: owner.id,
    ownerName: seat.name,
    eventTitle: pairing.title,
  };
}
