import {
  type TBreakouts,
  type TMaterial,
  type TPoll,
  ZBreakoutsSchema,
  ZMaterialListSchema,
  ZMaterialSchema,
  ZPollListSchema,
  ZPollSchema,
} from '@telemost/core/schemas/classroom';
import { ApiError, apiRequest, problemFrom } from '../../../lib/api-client.ts';
import { type TJoinGrant, ZJoinSchema } from './telebridge-api.ts';

/** The lesson's breakout teams (hosts: with who is in each room). */
export function getBreakouts(eventId: string): Promise<TBreakouts> {
  return apiRequest(`/api/events/${eventId}/breakouts`, ZBreakoutsSchema);
}

/** A host splits the lesson into teams. */
export function startBreakouts(
  eventId: string,
  body: { count: number; mix: 'colleges' | 'random'; durationMinutes?: number; reshuffle?: boolean },
): Promise<TBreakouts> {
  return apiRequest(`/api/events/${eventId}/breakouts`, ZBreakoutsSchema, { method: 'POST', body });
}

/** A host ends the teams; everyone goes back to the main room. */
export function endBreakouts(eventId: string): Promise<void> {
  return apiRequest(`/api/events/${eventId}/breakouts`, null, { method: 'DELETE' });
}

/** A host moves a student into a team (their client follows by itself). */
export function moveToTeam(eventId: string, team: number, userId: string): Promise<TBreakouts> {
  return apiRequest(`/api/events/${eventId}/breakouts/${team}`, ZBreakoutsSchema, {
    method: 'PATCH',
    body: { userId },
  });
}

/** A host writes to every team. */
export function broadcastToTeams(eventId: string, message: string): Promise<void> {
  return apiRequest(`/api/events/${eventId}/breakouts/broadcast`, null, {
    method: 'POST',
    body: { message },
  });
}

/** A token for a team's room (members and hosts). */
export function joinTeam(eventId: string, team: number): Promise<TJoinGrant> {
  return apiRequest(`/api/events/${eventId}/breakouts/${team}/join`, ZJoinSchema, { method: 'POST' });
}

export function listPolls(eventId: string): Promise<TPoll[]> {
  return apiRequest(`/api/events/${eventId}/polls`, ZPollListSchema).then((r) => r.items);
}

export function askPoll(eventId: string, question: string, options: string[]): Promise<TPoll> {
  return apiRequest(`/api/events/${eventId}/polls`, ZPollSchema, {
    method: 'POST',
    body: { question, options },
  });
}

export function answerPoll(eventId: string, pollId: string, option: number): Promise<TPoll> {
  return apiRequest(`/api/events/${eventId}/polls/${pollId}/answers`, ZPollSchema, {
    method: 'POST',
    body: { option },
  });
}

export function listMaterials(eventId: string): Promise<TMaterial[]> {
  return apiRequest(`/api/events/${eventId}/materials`, ZMaterialListSchema).then((r) => r.items);
}

/** Where a material downloads from (a plain link: the browser keeps the original name). */
export function materialUrl(eventId: string, materialId: string): string {
  return `/api/events/${eventId}/materials/${materialId}`;
}

/** A host attaches a file (multipart, field `file`). */
export async function uploadMaterial(eventId: string, file: File): Promise<TMaterial> {
  const form = new FormData();
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`/api/events/${eventId}/materials`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
      body: form,
    });
  } catch {
    throw problemFrom(0, null);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw problemFrom(res.status, body);
  const parsed = ZMaterialSchema.safeParse(body);
  if (!parsed.success) throw new ApiError({ status: res.status, code: 'unexpected_response' });
  return parsed.data;
}
