import type { TLocalizedText } from '@telemost/core/schemas/common';
import { type TEventView, ZEventViewSchema } from '@telemost/core/schemas/event';
import {
  type TAttendanceReport,
  type TPartnershipReport,
  ZAttendanceReportSchema,
  ZPartnershipReportSchema,
} from '@telemost/core/schemas/live';
import type { TPartnership } from '@telemost/core/schemas/partnership';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client.ts';

/** Progress on the plan of activities: per kind, the target and how many are done, upcoming, proposed. */
export type TPlanReport = {
  items: {
    kind: TPartnershipReport['byKind'][number]['kind'];
    title: TLocalizedText | null;
    target: number | null;
    done: number;
    /** Conferences and cultural events over with nobody in the hall; null for other kinds. */
    notHeld: number | null;
    upcoming: number;
    proposed: number;
    hours: number | null;
  }[];
};

async function listEventsBetween(
  from: string,
  to: string,
  extra: Record<string, string> = {},
  signal?: AbortSignal,
) {
  const res = await apiRequest(
    '/api/events',
    z.object({ items: z.array(ZEventViewSchema), total: z.number() }),
    {
      query: { from, to, limit: 500, ...extra },
      signal,
    },
  );
  return res.items;
}

/** The plan-of-activities report (`GET /api/partnerships/:id/report`, core's schema of it). */
export async function getPlanReport(partnership: TPartnership, signal?: AbortSignal): Promise<TPlanReport> {
  const report = await apiRequest(`/api/partnerships/${partnership.id}/report`, ZPartnershipReportSchema, {
    signal,
  });
  return {
    items: report.byKind.map((k) => ({
      kind: k.kind,
      title: k.planTitle,
      target: k.target,
      done: k.done,
      notHeld: k.notHeld ?? null,
      upcoming: k.upcoming,
      proposed: k.proposed,
      hours: k.hours,
    })),
  };
}

/** Confirmed activities that have started, newest first: the ones with attendance to report. */
export async function listPastEvents(partnership: TPartnership, signal?: AbortSignal): Promise<TEventView[]> {
  const now = new Date();
  const from = new Date(`${partnership.validFrom}T00:00:00Z`).toISOString();
  const items = await listEventsBetween(from, now.toISOString(), { status: 'confirmed' }, signal);
  return items
    .filter((e) => e.partnershipId === partnership.id)
    .sort((a, b) => b.start.localeCompare(a.start));
}

/** Who was in the lesson's video room: per person, the first join and the minutes present. */
export type TAttendance = TAttendanceReport;

/** Who joined the lesson's video room, when, and for how long. */
export function getAttendance(eventId: string, signal?: AbortSignal): Promise<TAttendance> {
  return apiRequest(`/api/events/${eventId}/attendance`, ZAttendanceReportSchema, { signal });
}

/** The same attendance as a CSV download. */
export const attendanceCsvUrl = (eventId: string) => `/api/events/${eventId}/attendance?format=csv`;

/** The same attendance as an Excel workbook, times on both sides' clocks. */
export const attendanceXlsxUrl = (eventId: string) => `/api/events/${eventId}/attendance?format=xlsx`;

/** The plan report as an Excel workbook: by kind, by college, and each activity on both clocks. */
export const planReportXlsxUrl = (partnershipId: string) =>
  `/api/partnerships/${partnershipId}/report?format=xlsx`;
