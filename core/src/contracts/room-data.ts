import { z } from 'zod';

/**
 * LiveKit data messages of the video room: the topic each travels on and its payload schema, used
 * by the side that sends (the api's RoomService or a browser) and the browser that reads them.
 */
export const ROOM_DATA_TOPICS = {
  /** From the api to one participant: a host muted them, named so they know who and why. */
  moderation: 'moderation',
  /** From a student to the room's hosts: may I share my screen? */
  screenRequest: 'screen-request',
} as const;

/** A host muted this participant's microphone, camera or screen share. */
export const ZModerationMessageSchema = z.strictObject({
  type: z.literal('muted'),
  source: z.enum(['microphone', 'camera', 'screen_share']),
  /** The host's name, as people see it. */
  by: z.string().min(1).max(200),
});
export type TModerationMessage = z.infer<typeof ZModerationMessageSchema>;

/** A student asks (or stops asking) to share their screen. */
export const ZScreenRequestMessageSchema = z.strictObject({ ask: z.boolean() });
export type TScreenRequestMessage = z.infer<typeof ZScreenRequestMessageSchema>;
