import {
  JOIN_OPENS_BEFORE_MINUTES,
  type TActor,
  type TJoinResponse,
  type TParticipantMetadata,
  type TTrackSource,
} from '@telemost/core';
import { AccessToken, RoomConfiguration, TrackSource } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import { roomSettings } from '../livekit/livekit-client.ts';
import { loadRoomMetadata } from '../livekit/room-metadata.ts';
import { findLiveSeat, isScreenShareGranted, publishSources } from './live-access.ts';

const MINUTE = 60_000;
/** A token stays usable a little past the end, for a reconnect in the last minutes. */
export const TOKEN_GRACE_AFTER_END_MINUTES = 10;
/** And never longer than this, however long the event. */
export const TOKEN_MAX_TTL_MINUTES = 4 * 60;

const SOURCE: Record<TTrackSource, TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

/**
 * Mints a LiveKit token for the event's room (named after the event). Only for someone with a
 * seat (a participant, or staff of an involved college), only for a confirmed event, and only from
 * 15 minutes before the start until the end, unless a host ended it early. Grants follow the seat: hosts administer the room
 * and publish anything; students publish camera and microphone (and their screen once a host
 * allows it); listeners only subscribe. The token also carries the room settings, so the room
 * comes up right even if the worker has not created it yet.
 */
export async function joinEvent(ctx: AppContext, actor: TActor, eventId: string): Promise<TJoinResponse> {
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'status', 'startAt', 'endAt', 'endedAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  const seat = await findLiveSeat(ctx.db, actor, event.id);
  if (!seat) throw forbidden('Only participants of this event and staff of its colleges can join');
  if (event.status !== 'confirmed') {
    throw new AppError('invalid_state', 'The video room opens once every college has confirmed the event', {
      extra: { status: event.status },
    });
  }
  if (event.endedAt) {
    throw new AppError('lesson_ended', 'The teacher has ended this lesson for everyone', {
      extra: { endedAt: new Date(event.endedAt).toISOString() },
    });
  }
  const now = ctx.now();
  const start = new Date(event.startAt);
  const end = new Date(event.endAt);
  const opensAt = new Date(start.getTime() - JOIN_OPENS_BEFORE_MINUTES * MINUTE);
  if (now < opensAt) {
    throw new AppError(
      'not_yet_open',
      `Joining opens ${JOIN_OPENS_BEFORE_MINUTES} minutes before the start`,
      {
        extra: { opensAt: opensAt.toISOString() },
      },
    );
  }
  if (now >= end) {
    throw new AppError('join_window_closed', 'This event has ended', {
      extra: { closedAt: end.toISOString() },
    });
  }

  const ttlMs = Math.min(
    end.getTime() + TOKEN_GRACE_AFTER_END_MINUTES * MINUTE - now.getTime(),
    TOKEN_MAX_TTL_MINUTES * MINUTE,
  );
  const ttlSeconds = Math.ceil(ttlMs / 1000);
  const granted = seat.access === 'speaker' && (await isScreenShareGranted(ctx, event.id, actor.id));
  const sources = publishSources(seat.access, granted);
  const metadata: TParticipantMetadata = {
    role: seat.role,
    access: seat.access,
    institutionId: seat.institutionId,
  };
  const token = new AccessToken(ctx.env.LIVEKIT_API_KEY, ctx.env.LIVEKIT_API_SECRET, {
    identity: actor.id,
    name: seat.name,
    metadata: JSON.stringify(metadata),
    ttl: ttlSeconds,
  });
  token.addGrant({
    room: event.id,
    roomJoin: true,
    roomAdmin: seat.access === 'host',
    canSubscribe: true,
    canPublish: sources.length > 0,
    canPublishSources: sources.map((s) => SOURCE[s]),
    canPublishData: seat.access !== 'listener',
    canUpdateOwnMetadata: false,
  });
  token.roomConfig = new RoomConfiguration({
    name: event.id,
    ...roomSettings(ctx.env),
    metadata: (await loadRoomMetadata(ctx.db, event.id)) ?? '',
  });
  return {
    serverUrl: ctx.env.LIVEKIT_PUBLIC_URL ?? ctx.env.LIVEKIT_URL,
    token: await token.toJwt(),
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
    identity: actor.id,
    room: event.id,
    access: seat.access,
    canPublishSources: sources,
  };
}
