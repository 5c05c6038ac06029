import { canActForInstitution, canSeeReports, type TActor } from '@telemost/core/permissions';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TAttendanceEntry, TAttendanceReport } from '@telemost/core/schemas/live';
import { eventSidesQuery } from '@telemost/server/db/event-sides';
import type { AppContext } from '../../context.ts';
import { forbidden, notFound } from '../../lib/app-error.ts';
import { guestsByIdentity } from '../invitations/invitations.repository.ts';

type TInterval = { from: number; to: number };

/** Total length of intervals, overlaps counted once (two tabs of one person are one presence). */
export function mergedDurationMs(intervals: TInterval[]): number {
  const sorted = intervals.filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  let total = 0;
  let current: TInterval | null = null;
  for (const i of sorted) {
    if (current && i.from <= current.to) {
      current.to = Math.max(current.to, i.to);
    } else {
      if (current) total += current.to - current.from;
      current = { ...i };
    }
  }
  if (current) total += current.to - current.from;
  return total;
}

/** Reports are for staff of an involved college (and admins); students and guests get a 403. */
export async function assertCanSeeEventReport(ctx: AppContext, actor: TActor, eventId: string) {
  const event = await ctx.db
    .selectFrom('events')
    .select([
      'id',
      'title',
      'kind',
      'status',
      'roomStatus',
      'startAt',
      'endAt',
      'endedAt',
      'organizerId',
      'originZone',
    ])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw notFound('Event');
  if (!canSeeReports(actor)) throw forbidden('Attendance reports are for teachers and coordinators');
  if (actor.role !== 'admin' && event.organizerId !== actor.id) {
    const sides = await ctx.db
      .selectFrom('eventInstitutions')
      .select('institutionId')
      .where('eventId', '=', event.id)
      .execute();
    if (!sides.some((s) => canActForInstitution(actor, s.institutionId))) {
      throw forbidden('This event does not involve your college');
    }
  }
  return {
    ...event,
    startAt: new Date(event.startAt),
    endAt: new Date(event.endAt),
    endedAt: event.endedAt ? new Date(event.endedAt) : null,
  };
}

/**
 * Who took part in an event's video room: every booked participant (present or not) and anyone
 * else who joined, with their college, first join, last leave and time present (minutes, and
 * seconds for short stays). A stay still open counts until now, but never past the end plus the
 * room's closing grace, nor past the moment a host ended the lesson.
 */
export async function getAttendance(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
): Promise<TAttendanceReport> {
  const event = await assertCanSeeEventReport(ctx, actor, eventId);
  const [sessions, participants, sides, guests] = await Promise.all([
    ctx.db
      .selectFrom('attendance as a')
      .leftJoin('users as u', 'u.id', 'a.userId')
      .select([
        'a.identity',
        'a.userId',
        'a.institutionId',
        'a.joinedAt',
        'a.leftAt',
        'a.breakout',
        'a.programmeSessionId',
        'u.name',
      ])
      .where('a.eventId', '=', event.id)
      .orderBy('a.joinedAt')
      .execute(),
    ctx.db
      .selectFrom('eventParticipants as p')
      .innerJoin('users as u', 'u.id', 'p.userId')
      .select(['p.userId', 'p.role', 'p.institutionId', 'u.name'])
      .where('p.eventId', '=', event.id)
      .execute(),
    eventSidesQuery(ctx.db, event.id)
      .select(['i.id', 'i.code', 'i.name', 'i.timeZone', 'i.country'])
      .execute(),
    guestsByIdentity(ctx.db, event.id),
  ]);
  const institutionIds = [
    ...new Set([...sessions.map((s) => s.institutionId), ...participants.map((p) => p.institutionId)]),
  ].filter((id): id is string => id !== null);
  const institutions = institutionIds.length
    ? await ctx.db
        .selectFrom('institutions')
        .select(['id', 'code', 'name', 'timeZone'])
        .where('id', 'in', institutionIds)
        .execute()
    : [];
  const institutionById = new Map(institutions.map((i) => [i.id, i]));
  const ref = (id: string | null) => {
    const i = id ? institutionById.get(id) : undefined;
    return i ? { id: i.id, code: i.code, name: i.name as TLocalizedText } : null;
  };

  const nowMs = ctx.now().getTime();
  const capMs = event.endedAt
    ? event.endedAt.getTime()
    : event.endAt.getTime() + ctx.env.ROOM_CLOSE_GRACE_MINUTES * 60_000;
  /** A person's line before any stay is counted: their college, its zone, nothing attended. */
  const unattended = (
    who: Pick<TAttendanceEntry, 'userId' | 'identity' | 'name' | 'role'>,
    institutionId: string | null,
  ): TAttendanceEntry => ({
    ...who,
    institution: ref(institutionId),
    timeZone: (institutionId && institutionById.get(institutionId)?.timeZone) || event.originZone,
    attended: false,
    present: false,
    firstJoinedAt: null,
    lastLeftAt: null,
    minutes: 0,
    seconds: 0,
    sessions: [],
  });
  const byIdentity = new Map<string, TAttendanceEntry>();
  const intervals = new Map<string, TInterval[]>();
  for (const p of participants) {
    byIdentity.set(
      p.userId,
      unattended({ userId: p.userId, identity: p.userId, name: p.name, role: p.role }, p.institutionId),
    );
  }
  for (const s of sessions) {
    let line = byIdentity.get(s.identity);
    if (!line) {
      // Someone invited by link has no account: their display name, and the invitation's label.
      const guest = guests.get(s.identity);
      line = unattended(
        {
          userId: s.userId,
          identity: s.identity,
          name: s.name ?? guest?.displayName ?? s.identity,
          role: guest?.role ?? null,
        },
        s.institutionId,
      );
      if (guest) line.label = guest.label;
      byIdentity.set(s.identity, line);
    }
    const joined = new Date(s.joinedAt);
    const left = s.leftAt ? new Date(s.leftAt) : null;
    line.attended = true;
    line.present ||= left === null;
    line.sessions.push({
      joinedAt: joined.toISOString(),
      leftAt: left?.toISOString() ?? null,
      team: s.breakout ?? null,
      programmeSessionId: s.programmeSessionId,
    });
    line.firstJoinedAt ??= joined.toISOString();
    const list = intervals.get(s.identity) ?? [];
    list.push({ from: joined.getTime(), to: left ? left.getTime() : Math.min(nowMs, capMs) });
    intervals.set(s.identity, list);
  }
  for (const line of byIdentity.values()) {
    if (!line.attended) continue;
    const ms = mergedDurationMs(intervals.get(line.identity) ?? []);
    line.minutes = Math.round(ms / 60_000);
    line.seconds = Math.round(ms / 1000);
    const ends = line.sessions.map((s) => s.leftAt);
    line.lastLeftAt = line.present ? null : (ends.sort().at(-1) ?? null);
  }
  const items = [...byIdentity.values()].sort(
    (a, b) =>
      (a.institution?.code ?? '~').localeCompare(b.institution?.code ?? '~') ||
      Number(b.role !== 'student') - Number(a.role !== 'student') ||
      a.name.localeCompare(b.name, 'ru'),
  );
  const byInstitution = sides.map((side) => {
    const mine = items.filter((i) => i.institution?.id === side.id);
    return {
      id: side.id,
      code: side.code,
      name: side.name as TLocalizedText,
      expected: mine.filter((i) => i.role !== null).length,
      attended: mine.filter((i) => i.attended).length,
      minutes: mine.reduce((sum, i) => sum + i.minutes, 0),
    };
  });
  return {
    eventId: event.id,
    title: event.title,
    kind: event.kind as TAttendanceReport['kind'],
    status: event.status as TAttendanceReport['status'],
    roomStatus: event.roomStatus as TAttendanceReport['roomStatus'],
    start: event.startAt.toISOString(),
    end: event.endAt.toISOString(),
    endedAt: event.endedAt?.toISOString() ?? null,
    items,
    byInstitution,
  };
}
