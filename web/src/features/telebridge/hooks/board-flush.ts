/**
 * The open whiteboard's pending snapshot, written before a host ends the lesson so the board's
 * last strokes are in the image saved to the materials. Set by the (lazily loaded) board.
 */
let flush: (() => Promise<void>) | null = null;

export function setBoardFlush(next: (() => Promise<void>) | null): void {
  flush = next;
}

/** Writes the board's pending snapshot, if a board is open; never throws. */
export async function flushBoard(): Promise<void> {
  await flush?.().catch(() => {});
}
