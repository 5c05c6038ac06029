import { Room } from 'livekit-client';
import { joinLesson, type TJoinGrant } from './telebridge-api.ts';

/** A warm grant older than this is asked for again on the click (the lesson may have ended meanwhile). */
const WARM_MAX_AGE_MS = 2 * 60_000;
/** Getting ready again renews a warm grant older than this, so a page left open keeps a fresh one. */
const WARM_RENEW_AGE_MS = WARM_MAX_AGE_MS / 2;

/** A Room that never connects, only warms the connection to the server (one for every renewal). */
let preparer: Room | null = null;

let warm: {
  eventId: string;
  at: number;
  grant: Promise<TJoinGrant>;
  ready: Promise<void>;
  /** The grant, once it has arrived. */
  granted?: TJoinGrant;
} | null = null;

/**
 * Asks for the lesson's join token before the click, and lets the browser open its connection to
 * the LiveKit server (`prepareConnection`), so that "Join" goes straight to connecting. Settles
 * when both are done. Called again, it renews a grant older than WARM_RENEW_AGE_MS. Only a
 * participant inside the join window gets a token; any refusal is left for the click to report.
 */
export function warmJoin(eventId: string): Promise<void> {
  const current = warmFor(eventId, WARM_RENEW_AGE_MS);
  if (current) return current.ready;
  const grant = joinLesson(eventId);
  const entry: NonNullable<typeof warm> = { eventId, at: Date.now(), grant, ready: Promise.resolve() };
  entry.ready = grant.then(
    (g) => {
      entry.granted = g;
      preparer ??= new Room();
      return preparer.prepareConnection(g.serverUrl, g.token);
    },
    () => {},
  );
  warm = entry;
  return entry.ready;
}

/** The warm join of this lesson, when it is younger than `maxAgeMs`. */
function warmFor(eventId: string, maxAgeMs: number) {
  return warm?.eventId === eventId && Date.now() - warm.at < maxAgeMs ? warm : null;
}

/** The warm grant when it has already arrived and is fresh, taken at once (no promise to wait for). */
export function takeReadyGrant(eventId: string): TJoinGrant | null {
  const granted = warmFor(eventId, WARM_MAX_AGE_MS)?.granted;
  if (!granted) return null;
  warm = null;
  return granted;
}

/** The join grant: the warm one when it is fresh and was granted, otherwise a new request. */
export function takeJoinGrant(eventId: string): Promise<TJoinGrant> {
  const fresh = warmFor(eventId, WARM_MAX_AGE_MS);
  warm = null;
  return fresh ? fresh.grant.catch(() => joinLesson(eventId)) : joinLesson(eventId);
}
