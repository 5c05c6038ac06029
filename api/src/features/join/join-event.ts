import type { TActor } from '@telemost/core/permissions';
import {
  JOIN_OPENS_BEFORE_MINUTES,
  type TJoinResponse,
  type TLiveAccess,
  type TParticipantMetadata,
  type TTrackSource,
} from '@telemost/core/schemas/live';
import { isAudienceKind } from '@telemost/core/schemas/programme';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import { roomSettings } from '@telemost/server/livekit/livekit-client';
import { loadRoomMetadata } from '@telemost/server/livekit/room-metadata';
import { AccessToken, RoomConfiguration, TrackSource } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';
import { findMyBreakout } from '../breakouts/breakouts.repository.ts';
import { isAudienceSpeaker } from '../programme/audience.ts';
import { isScreenShareGranted, publishSources } from './live-access.ts';

const MINUTE = 60_000;
/** A token stays usable a little past the end, for a reconnect in the last minutes. */
export const TOKEN_GRACE_AFTER_END_MINUTES = 10;
/**
 * And never longer than this after it is minted. A token's expiry only bounds its first connect
 * (LiveKit hands connected participants fresh tokens for their reconnects), so a short life means
 * a token taken before a cancel, a removal or the end cannot be used long after; the lesson page
 * asks for a fresh one while it is open.
 */
export const TOKEN_MAX_TTL_MINUTES = 10;

const SOURCE: Record<TTrackSource, TrackSource> = {
  camera: TrackSource.CAMERA,
  microphone: TrackSource.MICROPHONE,
  screen_share: TrackSource.SCREEN_SHARE,
  screen_share_audio: TrackSource.SCREEN_SHARE_AUDIO,
};

/** An event as the join rules read it. */
export type TJoinableEvent = {
  id: string;
  status: string;
  startAt: Date | string;
  endAt: Date | string;
  endedAt: Date | string | null;
};

/**
 * The rules every room token follows, whoever asks (a user, or a guest by invitation): the event
 * is confirmed, not ended by a host, and it is between 15 minutes before the start and the end.
 * Returns "now" and the token's lifetime: until the end plus a short grace, never more than
 * TOKEN_MAX_TTL_MINUTES.
 */
export function assertRoomOpen(ctx: AppContext, event: TJoinableEvent): { now: Date; ttlSeconds: number } {
  if (event.status !== 'confirmed') {
    throw new AppError('invalid_state', 'The video room opens once every college has confirmed the event', {
      extra: { eventStatus: event.status },
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
  return { now, ttlSeconds: Math.ceil(ttlMs / 1000) };
}

/** Who a room token is for and what it lets them do. */
export type TRoomTokenRequest = {
  eventId: string;
  /** The LiveKit room: the event's main room (its id, the default) or a breakout team's. */
  room?: string;
  identity: string;
  name: string;
  metadata: TParticipantMetadata;
  access: TLiveAccess;
  sources: TTrackSource[];
  canPublishData: boolean;
  /** Whether it receives the others' tracks (default true; a phone camera only sends). */
  canSubscribe?: boolean;
  /** LiveKit participant attributes (e.g. `jury`). */
  attributes?: Record<string, string>;
  now: Date;
  ttlSeconds: number;
};

/**
 * Signs a LiveKit token for a room of the event. The token also carries the room settings, so the
 * room comes up right even if the worker has not created it yet.
 */
export async function mintRoomToken(ctx: AppContext, r: TRoomTokenRequest): Promise<TJoinResponse> {
  const room = r.room ?? r.eventId;
  const token = new AccessToken(ctx.env.LIVEKIT_API_KEY, ctx.env.LIVEKIT_API_SECRET, {
    identity: r.identity,
    name: r.name,
    metadata: JSON.stringify(r.metadata),
    ...(r.attributes ? { attributes: r.attributes } : {}),
    ttl: r.ttlSeconds,
  });
  token.addGrant({
    room,
    roomJoin: true,
    roomAdmin: r.access === 'host',
    canSubscribe: r.canSubscribe ?? true,
    canPublish: r.sources.length > 0,
    canPublishSources: r.sources.map((s) => SOURCE[s]),
    canPublishData: r.canPublishData,
    canUpdateOwnMetadata: false,
  });
  token.roomConfig = new RoomConfiguration({
    name: room,
    ...roomSettings(ctx.env),
    metadata: (await loadRoomMetadata(ctx.db, r.eventId)) ?? '',
  });
  return {
    serverUrl: ctx.env.LIVEKIT_PUBLIC_URL ?? ctx.env.LIVEKIT_URL,
    token: await token.toJwt(),
    expiresAt: new Date(r.now.getTime() + r.ttlSeconds * 1000).toISOString(),
    identity: r.identity,
    room,
    access: r.access,
    canPublishSources: r.sources,
  };
}

export type TOpenLiveSeat = {
  event: { id: string; kind: string; endAt: Date };
  seat: NonNullable<Awaited<ReturnType<typeof findLiveSeat>>>;
  now: Date;
  ttlSeconds: number;
};

/**
 * The checks of every join by a user (the main room and a breakout team's): a seat (a participant,
 * or staff of an involved college), then the room rules of `assertRoomOpen`. Throws the problem
 * otherwise.
 */
export async function openLiveSeat(ctx: AppContext, actor: TActor, eventId: string): Promise<TOpenLiveSeat> {
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'kind', 'status', 'startAt', 'endAt', 'endedAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  const seat = await findLiveSeat(ctx.db, actor, event.id);
  if (!seat) throw forbidden('Only participants of this event and staff of its colleges can join');
  const { now, ttlSeconds } = assertRoomOpen(ctx, event);
  return { event: { id: event.id, kind: event.kind, endAt: new Date(event.endAt) }, seat, now, ttlSeconds };
}

/**
 * A user's token for one room of the event (its main room, a team's or a session's), with grants
 * by seat: hosts administer the room and publish anything; students publish camera and microphone
 * (and their screen once a host allows it); listeners only subscribe. Conferences and cultural
 * events run in audience mode: everyone but a host listens (and may raise a hand, a data
 * message) unless a host promoted them or the programme names them a speaker.
 */
export async function mintSeatToken(
  ctx: AppContext,
  actor: TActor,
  { event, seat, now, ttlSeconds }: TOpenLiveSeat,
  room: string,
): Promise<TJoinResponse> {
  const audience = isAudienceKind(event.kind);
  let access = seat.access;
  if (audience && access !== 'host') {
    access = (await isAudienceSpeaker(ctx, event.id, actor.id)) ? 'speaker' : 'listener';
  }
  const granted = access === 'speaker' && (await isScreenShareGranted(ctx, event.id, actor.id));
  return mintRoomToken(ctx, {
    eventId: event.id,
    room,
    identity: actor.id,
    name: seat.name,
    metadata: { role: seat.role, access, institutionId: seat.institutionId },
    access,
    sources: publishSources(access, granted),
    canPublishData: access !== 'listener' || audience,
    now,
    ttlSeconds,
  });
}

/** Joins the event's main room; the answer names the person's breakout team while teams run. */
export async function joinEvent(ctx: AppContext, actor: TActor, eventId: string): Promise<TJoinResponse> {
  const open = await openLiveSeat(ctx, actor, eventId);
  const joined = await mintSeatToken(ctx, actor, open, open.event.id);
  return { ...joined, breakout: await findMyBreakout(ctx.db, open.event.id, actor.id) };
}
