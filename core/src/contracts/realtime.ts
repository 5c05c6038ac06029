import type { z } from 'zod';
import {
  ZBreakoutBroadcastMessageSchema,
  ZBreakoutsChangedMessageSchema,
  ZPollUpdatedMessageSchema,
} from '../schemas/classroom.ts';
import {
  type TEventWatchAck,
  ZEventChangedMessageSchema,
  ZEventWatchSchema,
  ZRoomStatusMessageSchema,
} from '../schemas/live.ts';
import { ZNotificationSchema } from '../schemas/notification.ts';

/**
 * Every socket.io message the server sends (the api's Server and the worker's Redis emitter), with
 * the schema both the sender and the web validate it with.
 */
export const SERVER_EVENT_SCHEMAS = {
  /** To `user:<id>`: a new in-app notification. */
  notification: ZNotificationSchema,
  /** To `event:<id>`: the event changed (confirmed, moved, cancelled…); reload it. */
  'event:changed': ZEventChangedMessageSchema,
  /** To `event:<id>`: the video room's state and who is in it. */
  'room:status': ZRoomStatusMessageSchema,
  /** To `event:<id>`: breakout teams started, someone moved or raised a hand, or they ended (`active: false`: back to the main room). */
  'breakouts:changed': ZBreakoutsChangedMessageSchema,
  /** To `event:<id>`: a host's message to every team. */
  'breakouts:broadcast': ZBreakoutBroadcastMessageSchema,
  /** To `event:<id>`: a poll was asked, answered or closed; its live results. */
  'poll:updated': ZPollUpdatedMessageSchema,
} as const;
export type TServerEventName = keyof typeof SERVER_EVENT_SCHEMAS;
export type TServerEventPayload<E extends TServerEventName> = z.infer<(typeof SERVER_EVENT_SCHEMAS)[E]>;

/** socket.io's `ServerToClientEvents` for `Server`, the emitter and the web's `Socket`. */
export type TServerToClientEvents = {
  [E in TServerEventName]: (payload: TServerEventPayload<E>) => void;
};

/** The messages a browser sends; the server still parses each with its schema. */
export const CLIENT_EVENT_SCHEMAS = {
  'event:watch': ZEventWatchSchema,
  'event:unwatch': ZEventWatchSchema,
} as const;

/** socket.io's `ClientToServerEvents`. */
export type TClientToServerEvents = {
  'event:watch': (payload: z.infer<typeof ZEventWatchSchema>, ack?: (reply: TEventWatchAck) => void) => void;
  'event:unwatch': (payload: z.infer<typeof ZEventWatchSchema>) => void;
};

/** Validates a server message against its schema: the sender before emitting, the web on receipt. */
export function parseServerEvent<E extends TServerEventName>(
  event: E,
  payload: unknown,
): { success: true; data: TServerEventPayload<E> } | { success: false; error: string } {
  const parsed = SERVER_EVENT_SCHEMAS[event].safeParse(payload);
  return parsed.success
    ? { success: true, data: parsed.data as TServerEventPayload<E> }
    : { success: false, error: parsed.error.message };
}
