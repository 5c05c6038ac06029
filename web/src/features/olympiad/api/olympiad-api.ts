import { type TEventView, ZEventViewSchema } from '@telemost/core/schemas/event';
import { type TJuryCredential, ZJuryCredentialSchema } from '@telemost/core/schemas/invitation';
import {
  ZOlympiadAuditEntrySchema,
  ZOlympiadResultsSchema,
  ZOlympiadSchema,
  type ZOlympiadSetupSchema,
  ZOlympiadTaskSchema,
} from '@telemost/core/schemas/olympiad';
import { createContext } from 'react';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

/**
 * The jury credential of a juror invited by link (see the invitation page), or null for someone
 * signed in: the olympiad's jury calls send it as `Authorization: Bearer`.
 */
export const JuryCredentialContext = createContext<string | null>(null);

const authHeaders = (auth?: string | null) => (auth ? { authorization: `Bearer ${auth}` } : undefined);

export type TOlympiad = z.infer<typeof ZOlympiadSchema>;
export type TOlympiadSetup = z.input<typeof ZOlympiadSetupSchema>;
export type TOlympiadResults = z.infer<typeof ZOlympiadResultsSchema>;
export type TAuditEntry = z.infer<typeof ZOlympiadAuditEntrySchema>;
export type TTask = z.infer<typeof ZOlympiadTaskSchema>;
export type TMarkInput = { passed?: boolean; value?: number; score?: number };

const base = (eventId: string) => `/api/events/${eventId}/olympiad`;

export function getEvent(id: string, signal?: AbortSignal): Promise<TEventView> {
  return apiRequest(`/api/events/${id}`, ZEventViewSchema, { signal });
}

export function getOlympiad(eventId: string, signal?: AbortSignal, auth?: string | null): Promise<TOlympiad> {
  return apiRequest(base(eventId), ZOlympiadSchema, { signal, headers: authHeaders(auth) });
}

/** Results: live for the jury and hosts, published to everyone once marking is closed. */
export function getResults(
  eventId: string,
  signal?: AbortSignal,
  auth?: string | null,
): Promise<TOlympiadResults> {
  return apiRequest(`${base(eventId)}/results`, ZOlympiadResultsSchema, {
    signal,
    headers: authHeaders(auth),
  });
}

/** Every mark set or changed (who, when, from what), for hosts and the jury. */
export function getAudit(
  eventId: string,
  signal?: AbortSignal,
  auth?: string | null,
): Promise<TAuditEntry[]> {
  return apiRequest(`${base(eventId)}/audit`, z.array(ZOlympiadAuditEntrySchema), {
    signal,
    headers: authHeaders(auth),
  });
}

export function setMark(
  eventId: string,
  taskId: string,
  competitorId: string,
  body: TMarkInput,
  auth?: string | null,
) {
  return apiRequest(`${base(eventId)}/tasks/${taskId}/marks/${competitorId}`, null, {
    method: 'PUT',
    body,
    headers: authHeaders(auth),
  });
}

export function addTask(
  eventId: string,
  body: {
    title: string;
    kind: 'measured' | 'judged';
    maxScore: number;
    scheme?: { type: 'pass_fail' } | { type: 'value'; target: number; tolerance: number };
  },
): Promise<TTask> {
  return apiRequest(`${base(eventId)}/tasks`, ZOlympiadTaskSchema, { method: 'POST', body });
}

export function closeMarking(eventId: string): Promise<TOlympiadResults> {
  return apiRequest(`${base(eventId)}/close`, ZOlympiadResultsSchema, { method: 'POST', body: {} });
}

export const resultsCsvUrl = (eventId: string) => `${base(eventId)}/results?format=csv`;
export const resultsXlsxUrl = (eventId: string) => `${base(eventId)}/results?format=xlsx`;

/** A host sets up (or changes) the jury, the chief expert and the medal thresholds. */
export function setupOlympiad(eventId: string, body: TOlympiadSetup): Promise<TOlympiad> {
  return apiRequest(base(eventId), ZOlympiadSchema, { method: 'PUT', body });
}

/** A juror let in by a jury link: a short-lived credential for the olympiad's jury routes. */
export function getJuryCredential(
  token: string,
  guestKey: string,
  signal?: AbortSignal,
): Promise<TJuryCredential> {
  return apiRequest(`/api/invitations/${encodeURIComponent(token)}/jury-credential`, ZJuryCredentialSchema, {
    method: 'POST',
    body: { guestKey },
    signal,
  });
}
