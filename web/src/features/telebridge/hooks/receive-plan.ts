import { Track } from 'livekit-client';

/**
 * What a lesson viewer receives. The lesson connects with `autoSubscribe: false`: LiveKit then
 * sends nothing until the page asks for it, so a camera is received only because a tile on screen
 * asked for it, never because it was published (or the page reconnected) a moment before the grid
 * had its say. (With autoSubscribe on, every new publication arrives subscribed and each one had to
 * be caught and unsubscribed; livekit-client drops its events while the room is still connecting,
 * so some never were, and the page decoded the whole class.) Pure: the hook applies the plan.
 */

/** The key of a tile and of the video it shows: `<identity>-<source>`. */
export const receiveKey = (identity: string, source: Track.Source) => `${identity}-${source}`;

/** A remote publication as the plan reads it (a livekit-client RemoteTrackPublication is one). */
export type TReceivable = {
  kind: Track.Kind;
  source: Track.Source;
  /** Whether this viewer has asked for it (livekit-client's own flag). */
  isDesired: boolean;
};

/**
 * Whether this viewer receives a publication: every sound (microphones, a shared screen's
 * audio: the room hears everyone), and a video only while its tile is shown; "audio only"
 * receives no video at all.
 */
export function shouldReceive(
  identity: string,
  pub: Pick<TReceivable, 'kind' | 'source'>,
  shown: ReadonlySet<string>,
  audioOnly: boolean,
): boolean {
  if (pub.kind === Track.Kind.Audio) return true;
  if (pub.kind !== Track.Kind.Video) return false;
  return !audioOnly && shown.has(receiveKey(identity, pub.source));
}

/** The subscription changes that bring what is received in line with what is shown. */
export function receiveChanges<P extends TReceivable>(
  participants: Iterable<{ identity: string; trackPublications: ReadonlyMap<string, P> }>,
  shown: ReadonlySet<string>,
  audioOnly: boolean,
): { pub: P; subscribe: boolean }[] {
  const changes: { pub: P; subscribe: boolean }[] = [];
  for (const p of participants) {
    for (const pub of p.trackPublications.values()) {
      const want = shouldReceive(p.identity, pub, shown, audioOnly);
      if (pub.isDesired !== want) changes.push({ pub, subscribe: want });
    }
  }
  return changes;
}
