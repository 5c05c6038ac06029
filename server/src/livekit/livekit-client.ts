import { RoomServiceClient } from 'livekit-server-sdk';
import type { TEnv } from '../config/env.ts';

/** The LiveKit settings every part of Telemost reads from the environment. */
export type TLiveKitEnv = Pick<
  TEnv,
  | 'LIVEKIT_URL'
  | 'LIVEKIT_API_KEY'
  | 'LIVEKIT_API_SECRET'
  | 'LIVEKIT_MAX_PARTICIPANTS'
  | 'LIVEKIT_EMPTY_TIMEOUT_SECONDS'
  | 'LIVEKIT_DEPARTURE_TIMEOUT_SECONDS'
>;

/** LiveKit's HTTP (Twirp) address for a `ws://`/`wss://` LIVEKIT_URL. */
export function liveKitHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, 'http$1://');
}

/**
 * A RoomService client that gives up after a few seconds, so a LiveKit outage surfaces as an
 * error the caller retries rather than a request that hangs. Failover is for LiveKit Cloud only.
 */
export function createRoomService(env: TLiveKitEnv, timeoutSeconds = 5): RoomServiceClient {
  return new RoomServiceClient(liveKitHttpUrl(env.LIVEKIT_URL), env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET, {
    requestTimeout: timeoutSeconds,
    failover: false,
  });
}

const shared = new Map<string, RoomServiceClient>();

/** One RoomService client per LiveKit server and key (they are stateless and cheap to share). */
export function sharedRoomService(env: TLiveKitEnv): RoomServiceClient {
  const key = `${env.LIVEKIT_URL}|${env.LIVEKIT_API_KEY}`;
  let client = shared.get(key);
  if (!client) {
    client = createRoomService(env);
    shared.set(key, client);
  }
  return client;
}

/** LiveKit answers 404 / `not_found` for a room or participant that does not exist. */
export function isNotFound(err: unknown): boolean {
  const e = err as { status?: number; code?: string };
  return e?.status === 404 || e?.code === 'not_found';
}

/**
 * The settings every Telemost room gets, whoever creates it: the worker ahead of the start, or
 * LiveKit itself when the first join token arrives first (the token carries the same settings).
 */
export function roomSettings(env: TLiveKitEnv) {
  return {
    emptyTimeout: env.LIVEKIT_EMPTY_TIMEOUT_SECONDS,
    departureTimeout: env.LIVEKIT_DEPARTURE_TIMEOUT_SECONDS,
    maxParticipants: env.LIVEKIT_MAX_PARTICIPANTS,
  };
}

/** Whether LiveKit answers at its HTTP address within `timeoutMs`. */
export async function liveKitAnswers(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const res = await fetch(liveKitHttpUrl(url), { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}
