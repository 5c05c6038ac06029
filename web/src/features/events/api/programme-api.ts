import {
  type TCreateProgrammeSession,
  type TProgramme,
  type TProgrammeSession,
  type TUpdateProgrammeSession,
  ZProgrammeSchema,
  ZProgrammeSessionSchema,
  ZPromotedSpeakerSchema,
} from '@telemost/core/schemas/programme';
import { z } from 'zod';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';

const base = (eventId: string) => `/api/events/${encodeURIComponent(eventId)}`;

/** The event's programme (the same public answer the `/programme/:id` page shows). */
export function getEventProgramme(eventId: string, signal?: AbortSignal): Promise<TProgramme> {
  return apiRequest(`${base(eventId)}/programme`, ZProgrammeSchema, { signal });
}

/**
 * Whether the viewer may change the programme: the hosts-only list of promoted speakers answers
 * them, and 403 (not a host) or 409 (cancelled, declined) to everyone else.
 */
export async function canEditProgramme(eventId: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await apiRequest(`${base(eventId)}/speakers`, z.array(ZPromotedSpeakerSchema), { signal });
    return true;
  } catch (err) {
    if (err instanceof ApiError && [401, 403, 404, 409].includes(err.status)) return false;
    throw err;
  }
}

/** A host adds a session. */
export function createProgrammeSession(
  eventId: string,
  body: TCreateProgrammeSession,
): Promise<TProgrammeSession> {
  return apiRequest(`${base(eventId)}/programme/sessions`, ZProgrammeSessionSchema, {
    method: 'POST',
    body,
  });
}

/** A host changes a session. */
export function updateProgrammeSession(
  eventId: string,
  sessionId: string,
  body: TUpdateProgrammeSession,
): Promise<TProgrammeSession> {
  return apiRequest(
    `${base(eventId)}/programme/sessions/${encodeURIComponent(sessionId)}`,
    ZProgrammeSessionSchema,
    { method: 'PATCH', body },
  );
}

/** A host removes a session. */
export async function deleteProgrammeSession(eventId: string, sessionId: string): Promise<void> {
  await apiRequest(`${base(eventId)}/programme/sessions/${encodeURIComponent(sessionId)}`, null, {
    method: 'DELETE',
  });
}
