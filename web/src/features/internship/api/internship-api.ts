import { type TEventView, ZEventViewSchema } from '@telemost/core/schemas/event';
import {
  type TInternship,
  type TInternshipSetup,
  ZInternshipSchema,
} from '@telemost/core/schemas/internship';
import { apiRequest } from '../../../lib/api-client.ts';

export type { TInternship };

export function getEvent(id: string, signal?: AbortSignal): Promise<TEventView> {
  return apiRequest(`/api/events/${id}`, ZEventViewSchema, { signal });
}

export function getInternship(eventId: string, signal?: AbortSignal): Promise<TInternship> {
  return apiRequest(`/api/events/${eventId}/internship`, ZInternshipSchema, { signal });
}

/** A mentor of the host college confirms a day; the interns not there that day are named. */
export function confirmDay(eventId: string, dayId: string, absentIds: string[]): Promise<TInternship> {
  return apiRequest(`/api/events/${eventId}/internship/days/${dayId}/confirm`, ZInternshipSchema, {
    method: 'POST',
    body: { absentIds },
  });
}

/** A host sets up (or changes) the host college, the mentors and the programme of days. */
export function setupInternship(eventId: string, body: TInternshipSetup): Promise<TInternship> {
  return apiRequest(`/api/events/${eventId}/internship`, ZInternshipSchema, { method: 'PUT', body });
}
