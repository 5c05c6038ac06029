import type { TActor } from '@telemost/core/permissions';
import { SECOND_CAMERA_PAIR_MINUTES, type TSecondCameraPair } from '@telemost/core/schemas/second-camera';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { publicBaseUrl } from '../calendar/routes.ts';
import { openLiveSeat } from '../join/join-event.ts';
import { hashPairCode, isCameraAllowed, newPairCode } from './second-camera.repository.ts';

/** Whether this person may pair a phone camera: a host always, a student once a host allowed it. */
export async function secondCameraStatus(ctx: AppContext, actor: TActor, eventId: string) {
  const { seat, event } = await openLiveSeat(ctx, actor, eventId);
  if (seat.access === 'host') return { allowed: true, reason: 'host' as const };
  if (seat.access === 'speaker' && (await isCameraAllowed(ctx.db, event.id, actor.id))) {
    return { allowed: true, reason: 'allowed_by_host' as const };
  }
  return { allowed: false, reason: 'not_allowed' as const };
}

/**
 * A pairing link for a phone: its code is shown once (in the answer, as a QR code on the lesson
 * page) and the database keeps its hash. It works once, for SECOND_CAMERA_PAIR_MINUTES, and only
 * while the lesson's room is open. A new link does not cancel an earlier one that is still valid.
 */
export async function pairSecondCamera(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
): Promise<TSecondCameraPair> {
  const status = await secondCameraStatus(ctx, actor, eventId);
  if (!status.allowed) {
    throw forbidden('A teacher of this lesson has to allow you a phone camera first');
  }
  const code = newPairCode();
  const expiresAt = new Date(ctx.now().getTime() + SECOND_CAMERA_PAIR_MINUTES * 60_000);
  await ctx.db
    .insertInto('cameraPairings')
    .values({ eventId, ownerId: actor.id, codeHash: hashPairCode(code), expiresAt, createdAt: ctx.now() })
    .execute();
  return { pairUrl: `${publicBaseUrl(ctx)}/camera/${code}`, expiresAt: expiresAt.toISOString() };
}
