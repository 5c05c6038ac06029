import { type TEventView, ZEventViewSchema } from '@telemost/core/schemas/event';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

export const ZJoinSchema = z.object({
  serverUrl: z.string(),
  token: z.string(),
  expiresAt: z.string().optional(),
  /** What this person may publish; screen sharing is for hosts, or students a host allowed. */
  canPublishSources: z.array(z.string()).default(['camera', 'microphone']),
  access: z.string().optional(),
  /** The LiveKit room: the event id, or `<eventId>~<n>` for a breakout team. */
  room: z.string().optional(),
  /** The person's team while breakouts run: the page goes there (and back there after a reconnect). */
  breakout: z
    .object({ roomId: z.number(), livekitRoom: z.string(), endsAt: z.string().nullable() })
    .nullable()
    .optional(),
});
/** Where and with what to connect to the lesson's video room. */
export type TJoinGrant = z.infer<typeof ZJoinSchema>;

/** The lesson, for the page title and the teacher's controls. */
export function getLesson(id: string, signal?: AbortSignal): Promise<TEventView> {
  return apiRequest(`/api/events/${id}`, ZEventViewSchema, { signal });
}

/** A LiveKit access token for this lesson, minted only for its participants inside the join window. */
export function joinLesson(id: string): Promise<TJoinGrant> {
  return apiRequest(`/api/events/${id}/join`, ZJoinSchema, { method: 'POST' });
}

/** Teacher control: mutes a participant's microphone (server-side, so it cannot be undone by a click). */
export function muteParticipant(eventId: string, identity: string): Promise<void> {
  return apiRequest(`/api/events/${eventId}/participants/${encodeURIComponent(identity)}/mute`, null, {
    method: 'POST',
  });
}

const ZEndSchema = z.object({ endedAt: z.string(), ended: z.boolean() });

/** Host control: ends the lesson for everyone (the room is closed; repeating it is harmless). */
export function endLesson(eventId: string): Promise<z.infer<typeof ZEndSchema>> {
  return apiRequest(`/api/events/${eventId}/end`, ZEndSchema, { method: 'POST' });
}

/** Teacher control: removes a participant from the room. */
export function removeParticipant(eventId: string, identity: string): Promise<void> {
  return apiRequest(`/api/events/${eventId}/participants/${encodeURIComponent(identity)}/remove`, null, {
    method: 'POST',
  });
}

/** Host control: lets a student share their screen (or takes it back); applied live in the room. */
export function allowScreenShare(eventId: string, userId: string, allowed: boolean): Promise<void> {
  return apiRequest(`/api/events/${eventId}/participants/${encodeURIComponent(userId)}/screen-share`, null, {
    method: 'POST',
    body: { allowed },
  });
}

/** Host control in a conference's hall: gives someone of the audience the floor (they may publish). */
export function promoteSpeaker(eventId: string, identity: string): Promise<void> {
  return apiRequest(`/api/events/${eventId}/speakers`, null, { method: 'POST', body: { identity } });
}

/** Host control: takes the floor back (the person listens again). */
export function demoteSpeaker(eventId: string, identity: string): Promise<void> {
  return apiRequest(`/api/events/${eventId}/speakers/${encodeURIComponent(identity)}`, null, {
    method: 'DELETE',
  });
}
