import { z } from 'zod';
import { MAX_BREAKOUT_TEAMS } from './classroom.ts';

/** A lesson's boards: 0 is the main room's, 1..n a breakout team's. */
export const ZBoardSchema = z.coerce.number().int().min(0).max(MAX_BREAKOUT_TEAMS);

/** The most a board's snapshot (a PNG with the scene embedded) may weigh. */
export const WHITEBOARD_MAX_BYTES = 5 * 1024 * 1024;

/** `POST /api/events/:id/whiteboards/:board/lock`. */
export const ZWhiteboardLockSchema = z.strictObject({ locked: z.boolean() });

/** A board's state as the api keeps it. */
export const ZWhiteboardStateSchema = z.object({
  board: z.number().int(),
  locked: z.boolean(),
  /** Whether a snapshot is kept (GET …/image answers it). */
  hasSnapshot: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type TWhiteboardState = z.infer<typeof ZWhiteboardStateSchema>;

/**
 * The whiteboard's live messages over LiveKit (reliable text streams, topic `whiteboard`):
 * `elements` carries changed Excalidraw elements (the higher `version` wins); `sync` asks peers
 * for the whole board (a late joiner); `clear` (hosts only) empties it.
 */
export const WHITEBOARD_TOPIC = 'whiteboard';
export const ZWhiteboardMessageSchema = z.discriminatedUnion('t', [
  z.object({ t: z.literal('elements'), elements: z.array(z.record(z.string(), z.unknown())).max(20_000) }),
  z.object({ t: z.literal('sync') }),
  z.object({ t: z.literal('clear') }),
]);
export type TWhiteboardMessage = z.infer<typeof ZWhiteboardMessageSchema>;

/** The room metadata's lock flags, set by the api: `whiteboardLocks["2"] === true` locks team 2's board. */
export const ZWhiteboardLocksSchema = z.record(z.string(), z.boolean());
