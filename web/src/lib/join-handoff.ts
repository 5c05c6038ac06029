/**
 * How the lesson page's Join button reaches the video bridge without importing it. The bridge
 * (a chunk of its own, with livekit-client) registers itself once loaded; the lesson page loads it
 * while the join window is open and asks it to get ready (fetch the join token, open the
 * connection to the LiveKit server). The button is ready when that is done, so that the click goes
 * straight to connecting, and the click itself starts connecting, before the route changes.
 */
export type TJoinBridge = {
  /** Gets ready to join this lesson; settles when it is (or when it is clear it cannot be). */
  prepare(eventId: string): Promise<void>;
  /** Starts joining this lesson now; the bridge's page takes the join over when it renders. */
  start(eventId: string): void;
};

let bridge: TJoinBridge | null = null;

/** Called by the video bridge once its code has loaded (null: none, for tests). */
export function registerJoinBridge(next: TJoinBridge | null): void {
  bridge = next;
}

/** Gets the bridge ready for this lesson; settles at once when no bridge has registered. */
export function prepareJoin(eventId: string): Promise<void> {
  return bridge ? bridge.prepare(eventId).catch(() => {}) : Promise.resolve();
}

/** Called by the Join button, just before it navigates to the bridge's page. */
export function startJoinEarly(eventId: string): void {
  bridge?.start(eventId);
}
