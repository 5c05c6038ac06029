import { ZLocalizedTextSchema } from '@telemost/core/schemas/common';
import { type TEventView, ZEventViewSchema } from '@telemost/core/schemas/event';
import { EVENT_KINDS, type TPartnership, ZEventKindSchema } from '@telemost/core/schemas/partnership';
import { z } from 'zod';
import { ApiError, apiRequest } from '../../../lib/api-client.ts';

const ZReportSchema = z.object({
  partnershipId: z.string(),
  items: z.array(
    z.object({
      planItemId: z.string().nullable().optional(),
      kind: ZEventKindSchema,
      title: ZLocalizedTextSchema.nullable().optional(),
      targetCount: z.number(),
      proposedCount: z.number(),
      confirmedCount: z.number(),
      heldCount: z.number(),
    }),
  ),
});
/** Progress on the plan of activities: per kind, the target and how many are proposed, confirmed, held. */
export type TPlanReport = z.infer<typeof ZReportSchema> & { source: 'api' | 'calendar' };

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
    partnershipId: partnership.id,
    items: kinds
      .sort((a, b) => EVENT_KINDS.indexOf(a) - EVENT_KINDS.indexOf(b))
      .map((kind) => {
        const plan = partnership.planItems.find((p) => p.kind === kind);
        const ofKind = mine.filter((e) => e.kind === kind);
        return {
          planItemId: plan?.id ?? null,
          kind,
          title: plan?.title ?? null,
          targetCount: plan?.targetCount ?? 0,
          proposedCount: ofKind.filter((e) => e.status === 'proposed').length,
          confirmedCount: ofKind.filter((e) => e.status === 'confirmed' && new Date(e.end) > now).length,
          heldCount: ofKind.filter((e) => e.status === 'confirmed' && new Date(e.end) <= now).length,
        };
      }),
  };
}

/** The plan-of-activities report; computed from the calendar where the api has no report yet. */
export async function getPlanReport(partnership: TPartnership, signal?: AbortSignal): Promise<TPlanReport> {
  try {
    const report = await apiRequest(`/api/partnerships/${partnership.id}/report`, ZReportSchema, { signal });
    return { ...report, source: 'api' };
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
      userId: z.string(),
      name: z.string(),
      role: z.string(),
      institutionId: z.string().nullable(),
      joinedAt: z.string().nullable(),
      leftAt: z.string().nullable(),
      minutes: z.number(),
    }),
  ),
});
export type TAttendance = z.infer<typeof ZAttendanceSchema>;

/** Who joined the lesson's video room, when, and for how long. */
export function getAttendance(eventId: string, signal?: AbortSignal): Promise<TAttendance> {
  return apiRequest(`/api/events/${eventId}/attendance`, ZAttendanceSchema, { signal });
}

/** The same attendance as a CSV download. */
export const attendanceCsvUrl = (eventId: string) => `/api/events/${eventId}/attendance?format=csv`;
