import { type TProgramme, ZProgrammeSchema } from '@telemost/core/schemas/programme';
import { apiRequest } from '../../../lib/api-client.ts';

/** The public programme of a conference or cultural event (no sign-in). */
export function getProgramme(eventId: string, signal?: AbortSignal): Promise<TProgramme> {
  return apiRequest(`/api/events/${encodeURIComponent(eventId)}/programme`, ZProgrammeSchema, { signal });
}
