import {
  ZCertificateListItemSchema,
  ZCertificateSchema,
  ZIssueCertificatesResponseSchema,
} from '@telemost/core/schemas/certificate';
import { type TEventView, type TUpdateEventRequest, ZEventViewSchema } from '@telemost/core/schemas/event';
import {
  type TCreateInvitation,
  ZCreatedInvitationSchema,
  ZInvitationSchema,
  ZLobbyDecisionSchema,
  ZLobbyEntrySchema,
} from '@telemost/core/schemas/invitation';
import {
  type TAttendanceReport,
  type TRoomStatusMessage,
  ZAttendanceReportSchema,
} from '@telemost/core/schemas/live';

import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

const ZEventList = z.object({ items: z.array(ZEventViewSchema) });

/** One event with every side's local times. */
export function getEvent(id: string, signal?: AbortSignal): Promise<TEventView> {
  return apiRequest(`/api/events/${id}`, ZEventViewSchema, { signal });
}

/** Confirms (optionally pre-approving later moves within working hours) or declines for the viewer's college. */
export function decideEvent(
  id: string,
  verb: 'confirm' | 'decline',
  institutionId: string,
  preApproveReschedule = false,
): Promise<TEventView> {
  return apiRequest(`/api/events/${id}/${verb}`, ZEventViewSchema, {
    method: 'POST',
    body:
      verb === 'confirm' && preApproveReschedule
        ? { institutionId, preApproveReschedule }
        : { institutionId },
  });
}

/** Cancels this event, or this and the following of its series. */
export function cancelEvent(id: string, body: { scope: 'this' | 'following'; reason?: string }) {
  return apiRequest(`/api/events/${id}/cancel`, ZEventList, { method: 'POST', body });
}

/** Moves the event (or this and the following of its series) to a new time. */
export function rescheduleEvent(id: string, body: Partial<TUpdateEventRequest>) {
  return apiRequest(`/api/events/${id}`, ZEventList, { method: 'PATCH', body });
}

/** Who is in the video room now, pushed as `room:status` (core's socket.io contract). */
export type TRoomStatusPush = TRoomStatusMessage;

/** Who was in the lesson's video room (staff of the lesson's colleges; others get a 403). */
export function getLessonAttendance(eventId: string, signal?: AbortSignal): Promise<TAttendanceReport> {
  return apiRequest(`/api/events/${eventId}/attendance`, ZAttendanceReportSchema, { signal });
}

/** The attendance as a download: CSV (`;` for a Russian or Kazakh reader) or an Excel workbook. */
export const lessonAttendanceUrl = (eventId: string, format: 'csv' | 'xlsx') =>
  `/api/events/${eventId}/attendance?format=${format}`;
/** What the form sends (`lobby` may be left out). */
export type TCreateInvitationInput = Omit<TCreateInvitation, 'lobby'> & { lobby?: boolean };

const ZInvitationList = z.array(ZInvitationSchema);
const ZLobbyList = z.array(ZLobbyEntrySchema);
const ZCertificateList = z.array(ZCertificateListItemSchema);

/** The event's invitation links (hosts only: 403 for others). */
export function listInvitations(id: string, signal?: AbortSignal) {
  return apiRequest(`/api/events/${id}/invitations`, ZInvitationList, { signal });
}

/** A host creates an invitation link; the url (with its token) is shown only in this answer. */
export function createInvitation(id: string, body: TCreateInvitationInput) {
  return apiRequest(`/api/events/${id}/invitations`, ZCreatedInvitationSchema, { method: 'POST', body });
}

export function revokeInvitation(id: string, invitationId: string) {
  return apiRequest(`/api/events/${id}/invitations/${invitationId}`, ZInvitationSchema, { method: 'DELETE' });
}

/** Who waits in the lobby. */
export function listLobby(id: string, signal?: AbortSignal) {
  return apiRequest(`/api/events/${id}/lobby`, ZLobbyList, { signal });
}

export function decideLobby(id: string, lobbyId: string, verb: 'admit' | 'deny') {
  return apiRequest(`/api/events/${id}/lobby/${lobbyId}/${verb}`, ZLobbyDecisionSchema, { method: 'POST' });
}

/** The event's certificates (staff: all; a student: their own). */
export function listCertificates(id: string, signal?: AbortSignal) {
  return apiRequest(`/api/events/${id}/certificates`, ZCertificateList, { signal });
}

/** Issues certificates to everyone eligible (idempotent). */
export function issueCertificates(id: string) {
  return apiRequest(`/api/events/${id}/certificates`, ZIssueCertificatesResponseSchema, { method: 'POST' });
}

/** A coordinator of a college of the event revokes a certificate; its verification then says so. */
export function revokeCertificate(code: string) {
  return apiRequest(`/api/certificates/${code}/revoke`, ZCertificateSchema, { method: 'POST', body: {} });
}
