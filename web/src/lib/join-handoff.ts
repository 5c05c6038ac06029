/**
 * Lets the lesson page start joining the video bridge on the click itself, before the route
 * changes, without importing the telebridge feature: the telebridge registers how to start a join
 * when its chunk has loaded (the lesson page preloads it while the join window is open), and the
 * Join button calls `startJoinEarly`. If the chunk is not loaded yet, nothing happens here and the
 * telebridge page joins on arrival as before.
 */
let starter: ((eventId: string) => void) | null = null;

/** Called by the telebridge once loaded. */
export function registerJoinStarter(start: (eventId: string) => void): void {
  starter = start;
}

/** Called by the Join button, just before it navigates to the telebridge. */
export function startJoinEarly(eventId: string): void {
  starter?.(eventId);
}
