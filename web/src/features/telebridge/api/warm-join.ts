import { Room } from 'livekit-client';
import { joinLesson, type TJoinGrant } from './telebridge-api.ts';

/** A warm grant older than this is asked for again on the click (the lesson may have ended meanwhile). */
const WARM_MAX_AGE_MS = 2 * 60_000;

const LESSON_PATH = /^\/events\/([0-9a-f-]{36})\/?$/i;

let warm: { eventId: string; at: number; grant: Promise<TJoinGrant> } | null = null;

/**
 * Asks for the lesson's join token before the click, and lets the browser open its connection to
 * the LiveKit server (`prepareConnection`), so that "Join" goes straight to connecting. Only a
 * participant inside the join window gets a token; any refusal is left for the click to report.
 */
export function warmJoin(eventId: string): void {
  if (warm?.eventId === eventId && Date.now() - warm.at < WARM_MAX_AGE_MS) return;
  const grant = joinLesson(eventId);
  warm = { eventId, at: Date.now(), grant };
  grant.then((g) => new Room().prepareConnection(g.serverUrl, g.token)).catch(() => {});
}

/**
 * Warms the join of the lesson page the browser is on. The lesson page preloads the video bridge
 * only while its join window is open, so that preload is the moment to call this.
 */
export function warmJoinFromLocation(): void {
  const match = LESSON_PATH.exec(window.location.pathname);
  if (match?.[1]) warmJoin(match[1]);
}

/** The join grant: the warm one when it is fresh and was granted, otherwise a new request. */
export function takeJoinGrant(eventId: string): Promise<TJoinGrant> {
  const w = warm;
  warm = null;
  if (w?.eventId === eventId && Date.now() - w.at < WARM_MAX_AGE_MS) {
    return w.grant.catch(() => joinLesson(eventId));
  }
  return joinLesson(eventId);
}
