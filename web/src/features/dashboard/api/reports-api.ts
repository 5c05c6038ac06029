import { type TLocalizedText, ZLocalizedTextSchema } from '@telemost/core/schemas/common';
import { type TEventView, ZEventViewSchema } from '@telemost/core/schemas/event';
import {
  EVENT_KINDS,
  type TEventKind,
  type TPartnership,
  ZEventKindSchema,
} from '@telemost/core/schemas/partnership';
import { z } from 'zod';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';

const ZReportSchema = z.object({
  byKind: z.array(
    z.object({
      kind: ZEventKindSchema,
      planTitle: ZLocalizedTextSchema.nullable(),
      target: z.number().nullable(),
      done: z.number(),
      upcoming: z.number(),
      proposed: z.number(),
      hours: z.number().optional(),
    }),
  ),
});

/** Progress on the plan of activities: per kind, the target and how many are done, upcoming, proposed. */
export type TPlanReport = {
  source: 'api' | 'calendar';
  items: {
    kind: TEventKind;
    title: TLocalizedText | null;
    target: number | null;
    done: number;
    upcoming: number;
    proposed: number;
    hours: number | null;
  }[];
};

const DAY = 86_400_000;

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

/**
 * Counts the calendar's events against the plan, for an api without the report endpoint: the
 * same numbers the report gives, from the events the coordinator can see.
 */
export function reportFromEvents(partnership: TPartnership, events: TEventView[], now: Date): TPlanReport {
  const kinds = [...new Set([...partnership.planItems.map((p) => p.kind), ...events.map((e) => e.kind)])];
  const mine = events.filter((e) => e.partnershipId === partnership.id);
  return {
    source: 'calendar',
    items: kinds
      .sort((a, b) => EVENT_KINDS.indexOf(a) - EVENT_KINDS.indexOf(b))
      .map((kind) => {
        const plan = partnership.planItems.find((p) => p.kind === kind);
        const ofKind = mine.filter((e) => e.kind === kind);
        const done = ofKind.filter((e) => e.status === 'confirmed' && new Date(e.end) <= now);
        return {
          kind,
          title: plan?.title ?? null,
          target: plan?.targetCount ?? null,
          done: done.length,
          upcoming: ofKind.filter((e) => e.status === 'confirmed' && new Date(e.end) > now).length,
          proposed: ofKind.filter((e) => e.status === 'proposed').length,
          hours: Math.round(done.reduce((h, e) => h + e.durationMinutes / 60, 0) * 10) / 10,
        };
      }),
  };
}

/** The plan-of-activities report; computed from the calendar where the api has no report yet. */
export async function getPlanReport(partnership: TPartnership, signal?: AbortSignal): Promise<TPlanReport> {
  try {
    const report = await apiRequest(`/api/partnerships/${partnership.id}/report`, ZReportSchema, { signal });
    return {
      source: 'api',
      items: report.byKind.map((k) => ({
        kind: k.kind,
        title: k.planTitle,
        target: k.target,
        done: k.done,
        upcoming: k.upcoming,
        proposed: k.proposed,
        hours: k.hours ?? null,
      })),
    };
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 404 && err.code !== 'unexpected_response')) throw err;
    const now = new Date();
    const from = new Date(`${partnership.validFrom}T00:00:00Z`).toISOString();
    const to = partnership.validTo
      ? new Date(`${partnership.validTo}T23:59:59Z`).toISOString()
      : new Date(now.getTime() + 366 * DAY).toISOString();
    return reportFromEvents(partnership, await listEventsBetween(from, to, {}, signal), now);
  }
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

const ZAttendanceSchema = z.object({
  items: z.array(
    z.object({
      identity: z.string(),
      name: z.string(),
      role: z.string().nullable(),
      institution: z.object({ id: z.string(), name: ZLocalizedTextSchema }).nullable(),
      attended: z.boolean(),
      present: z.boolean(),
      firstJoinedAt: z.string().nullable(),
      minutes: z.number(),
    }),
  ),
});
/** Who was in the lesson's video room: per person, the first join and the minutes present. */
export type TAttendance = z.infer<typeof ZAttendanceSchema>;

/** Who joined the lesson's video room, when, and for how long. */
export function getAttendance(eventId: string, signal?: AbortSignal): Promise<TAttendance> {
  return apiRequest(`/api/events/${eventId}/attendance`, ZAttendanceSchema, { signal });
}

/** The same attendance as a CSV download. */
export const attendanceCsvUrl = (eventId: string) => `/api/events/${eventId}/attendance?format=csv`;
