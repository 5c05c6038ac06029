import { canSeeReports, type TActor } from '@telemost/core/permissions';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TPartnershipReport } from '@telemost/core/schemas/live';
import { EVENT_KINDS, type TEventKind } from '@telemost/core/schemas/partnership';
import { isAudienceKind } from '@telemost/core/schemas/programme';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { mergedDurationMs } from '../attendance/get-attendance.ts';
import { loadActivityRecords } from './activity-records.ts';

const HOUR = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

type TSideTotals = { people: Set<string>; expected: Set<string>; personMs: number; done: number; ms: number };
const emptySide = (): TSideTotals => ({
  people: new Set(),
  expected: new Set(),
  personMs: 0,
  done: 0,
  ms: 0,
});

/** A partnership's activities starting within the range (UTC dates, both days included). */
export async function listPartnershipEvents(
  ctx: AppContext,
  partnershipId: string,
  range: { from?: string; to?: string },
) {
  let eventsQuery = ctx.db
    .selectFrom('events')
    .select(['id', 'title', 'kind', 'status', 'startAt', 'endAt', 'endedAt'])
    .where('partnershipId', '=', partnershipId);
  if (range.from) eventsQuery = eventsQuery.where('startAt', '>=', new Date(`${range.from}T00:00:00Z`));
  if (range.to) {
    const dayAfter = new Date(`${range.to}T00:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    eventsQuery = eventsQuery.where('startAt', '<', dayAfter);
  }
  return eventsQuery.orderBy('startAt').execute();
}

/** When an activity was over (ms): its end, or earlier when a host ended it early. */
export function heldUntil(e: { endAt: Date | string; endedAt: Date | string | null }): number {
  const end = new Date(e.endAt).getTime();
  return e.endedAt ? Math.min(end, new Date(e.endedAt).getTime()) : end;
}

/**
 * The cooperation plan against what happened: for each kind of activity the plan's target and how
 * many were done (confirmed and over: past their end, or ended early by a host), upcoming, awaiting an answer, declined or cancelled, with
 * the hours held; and for each college how many of its people took part and for how long (from
 * the video rooms' attendance). For staff of member colleges and admins.
 */
export async function getPartnershipReport(
  ctx: AppContext,
  actor: TActor,
  partnershipId: string,
  range: { from?: string; to?: string },
): Promise<TPartnershipReport> {
  const partnership = await ctx.db
    .selectFrom('partnerships')
    .select(['id', 'number', 'title'])
    .where('id', '=', partnershipId)
    .executeTakeFirst();
  if (!partnership) throw notFound('Partnership');
  const members = await ctx.db
    .selectFrom('partnershipMembers as m')
    .innerJoin('institutions as i', 'i.id', 'm.institutionId')
    .select(['i.id', 'i.code', 'i.name', 'i.country'])
    .where('m.partnershipId', '=', partnership.id)
    .orderBy('i.country', 'desc')
    .orderBy('i.code')
    .execute();
  if (!canSeeReports(actor)) throw forbidden('Reports are for teachers and coordinators');
  if (actor.role !== 'admin' && !members.some((m) => m.id === actor.institutionId)) {
    throw forbidden('Your college is not a member of this partnership');
  }

  const [planItems, events] = await Promise.all([
    ctx.db
      .selectFrom('planItems')
      .select(['kind', 'title', 'targetCount'])
      .where('partnershipId', '=', partnership.id)
      .execute(),
    listPartnershipEvents(ctx, partnership.id, range),
  ]);

  const nowMs = ctx.now().getTime();
  const graceMs = ctx.env.ROOM_CLOSE_GRACE_MINUTES * 60_000;
  const records = await loadActivityRecords(ctx.db, events);
  // Internships count their mentors' confirmed hours; everything else the time it was held.
  const heldMs = (e: (typeof events)[number]) =>
    records.confirmedMs(e) ?? heldUntil(e) - new Date(e.startAt).getTime();
  // A lesson counts as held the moment it is over, on time or ended early by a host; an olympiad
  // once marking is closed; an internship once every day is confirmed.
  const isOver = (e: (typeof events)[number]) =>
    e.status === 'confirmed' && (records.heldByRecord(e) ?? heldUntil(e) <= nowMs);
  // A conference or cultural event is held for an audience: it counts only if someone was in its hall.
  const audienceOver = events.filter((e) => isAudienceKind(e.kind) && isOver(e)).map((e) => e.id);
  const attended = new Set(
    audienceOver.length
      ? (
          await ctx.db
            .selectFrom('attendance')
            .select('eventId')
            .distinct()
            .where('eventId', 'in', audienceOver)
            .execute()
        ).map((a) => a.eventId)
      : [],
  );
  const isDone = (e: (typeof events)[number]) => isOver(e) && (!isAudienceKind(e.kind) || attended.has(e.id));
  const done = events.filter(isDone);
  const notHeld = events.filter((e) => isAudienceKind(e.kind) && isOver(e) && !attended.has(e.id));
  // What counts towards hours and people: the done activities, and internships already partly confirmed.
  const counted = events.filter(
    (e) => isDone(e) || (e.status === 'confirmed' && (records.confirmedMs(e) ?? 0) > 0),
  );
  const doneIds = counted.map((e) => e.id);
  const [sides, participants, attendance] = doneIds.length
    ? await Promise.all([
        ctx.db
          .selectFrom('eventInstitutions')
          .select(['eventId', 'institutionId'])
          .where('eventId', 'in', doneIds)
          .execute(),
        ctx.db
          .selectFrom('eventParticipants')
          .select(['eventId', 'userId', 'institutionId'])
          .where('eventId', 'in', doneIds)
          .execute(),
        ctx.db
          .selectFrom('attendance')
          .select(['eventId', 'identity', 'institutionId', 'joinedAt', 'leftAt'])
          .where('eventId', 'in', doneIds)
          .where('institutionId', 'is not', null)
          .execute(),
      ])
    : [[], [], []];

  const kindOf = new Map(counted.map((e) => [e.id, e.kind as TEventKind]));
  // An open stay counts until the room closed: the end plus the grace, or the moment a host ended it.
  const closedAt = new Map(
    counted.map((e) => [
      e.id,
      e.endedAt ? new Date(e.endedAt).getTime() : new Date(e.endAt).getTime() + graceMs,
    ]),
  );
  // sideTotals[kind][institutionId], with kind '*' for all kinds together.
  const sideTotals = new Map<string, Map<string, TSideTotals>>();
  const side = (kind: string, institutionId: string) => {
    let byInstitution = sideTotals.get(kind);
    if (!byInstitution) {
      byInstitution = new Map();
      sideTotals.set(kind, byInstitution);
    }
    let totals = byInstitution.get(institutionId);
    if (!totals) {
      totals = emptySide();
      byInstitution.set(institutionId, totals);
    }
    return totals;
  };
  for (const e of counted) {
    const ms = heldMs(e);
    for (const s of sides.filter((x) => x.eventId === e.id)) {
      for (const k of [e.kind, '*']) {
        if (isDone(e)) side(k, s.institutionId).done += 1;
        side(k, s.institutionId).ms += ms;
      }
    }
  }
  for (const p of participants) {
    for (const k of [kindOf.get(p.eventId)!, '*']) side(k, p.institutionId).expected.add(p.userId);
  }
  // Each person's stays in one event's room, merged so two tabs count once.
  const stays = new Map<
    string,
    { eventId: string; institutionId: string; identity: string; spans: { from: number; to: number }[] }
  >();
  for (const a of attendance) {
    const key = `${a.eventId}|${a.identity}`;
    let stay = stays.get(key);
    if (!stay) {
      stay = { eventId: a.eventId, institutionId: a.institutionId!, identity: a.identity, spans: [] };
      stays.set(key, stay);
    }
    const to = a.leftAt ? new Date(a.leftAt).getTime() : Math.min(nowMs, closedAt.get(a.eventId)!);
    stay.spans.push({ from: new Date(a.joinedAt).getTime(), to });
  }
  for (const stay of stays.values()) {
    const ms = mergedDurationMs(stay.spans);
    for (const k of [kindOf.get(stay.eventId)!, '*']) {
      const t = side(k, stay.institutionId);
      t.people.add(stay.identity);
      t.personMs += ms;
    }
  }

  const sideView = (kind: string, m: (typeof members)[number]) => {
    const t = sideTotals.get(kind)?.get(m.id) ?? emptySide();
    return {
      id: m.id,
      code: m.code,
      name: m.name as TLocalizedText,
      people: t.people.size,
      personHours: round1(t.personMs / HOUR),
      expectedPeople: t.expected.size,
    };
  };
  const kinds = EVENT_KINDS.filter(
    (k) => planItems.some((p) => p.kind === k) || events.some((e) => e.kind === k),
  );
  const byKind = kinds.map((kind) => {
    const plan = planItems.filter((p) => p.kind === kind);
    const mine = events.filter((e) => e.kind === kind);
    const doneOfKind = done.filter((e) => e.kind === kind);
    const countedOfKind = counted.filter((e) => e.kind === kind);
    const count = (pred: (e: (typeof events)[number]) => boolean) => mine.filter(pred).length;
    return {
      kind,
      planTitle: (plan[0]?.title as TLocalizedText | undefined) ?? null,
      target: plan.length ? plan.reduce((sum, p) => sum + p.targetCount, 0) : null,
      done: doneOfKind.length,
      ...(isAudienceKind(kind) ? { notHeld: notHeld.filter((e) => e.kind === kind).length } : {}),
      upcoming: count((e) => e.status === 'confirmed' && !isOver(e)),
      proposed: count((e) => e.status === 'proposed'),
      declined: count((e) => e.status === 'declined'),
      cancelled: count((e) => e.status === 'cancelled'),
      hours: round1(countedOfKind.reduce((sum, e) => sum + heldMs(e), 0) / HOUR),
      sides: members.map((m) => sideView(kind, m)),
    };
  });
  const sidesAll = members.map((m) => {
    const t = sideTotals.get('*')?.get(m.id) ?? emptySide();
    return { ...sideView('*', m), done: t.done, hours: round1(t.ms / HOUR) };
  });
  const allPeople = new Set([...stays.values()].map((s) => s.identity));
  return {
    partnership: {
      id: partnership.id,
      number: partnership.number,
      title: partnership.title as TLocalizedText,
    },
    from: range.from ?? null,
    to: range.to ?? null,
    generatedAt: new Date(nowMs).toISOString(),
    byKind,
    sides: sidesAll,
    totals: {
      target: planItems.reduce((sum, p) => sum + p.targetCount, 0),
      done: done.length,
      hours: round1(counted.reduce((sum, e) => sum + heldMs(e), 0) / HOUR),
      people: allPeople.size,
      personHours: round1(
        sidesAll.reduce((sum, s) => sum + (sideTotals.get('*')?.get(s.id)?.personMs ?? 0), 0) / HOUR,
      ),
    },
  };
}
