import { type TEventStatus, ZEventViewSchema } from '@telemost/core/schemas/event';
import type { TEventKind } from '@telemost/core/schemas/partnership';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

/** Filters of the calendar, as the api takes them. */
export type TCalendarQuery = {
  from: string;
  to: string;
  institutionId?: string;
  groupId?: string;
  kind?: TEventKind;
  status?: TEventStatus;
};

/** Events overlapping [from, to) that the user may see. */
export function listEvents(query: TCalendarQuery, signal?: AbortSignal) {
  return apiRequest('/api/events', z.object({ items: z.array(ZEventViewSchema), total: z.number() }), {
    query: { ...query, limit: 500 },
    signal,
  });
}

/** Creates (or replaces) the personal calendar feed link. */
export function createCalendarFeed() {
  return apiRequest('/api/me/calendar-token', z.object({ url: z.string() }), { method: 'POST' });
}

/** Revokes the personal calendar feed link. */
export function revokeCalendarFeed() {
  return apiRequest('/api/me/calendar-token', null, { method: 'DELETE' });
}

/** Confirms or declines a proposal for the viewer's college, in place (the decisions inbox). */
export function decideProposal(id: string, verb: 'confirm' | 'decline', institutionId: string) {
  return apiRequest(`/api/events/${id}/${verb}`, ZEventViewSchema, {
    method: 'POST',
    body: { institutionId },
  });
}
