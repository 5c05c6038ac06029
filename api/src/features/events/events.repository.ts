import type { TActor, TEventView, TLocalizedText } from '@telemost/core';
import { canActForInstitution } from '@telemost/core';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../../db/database.ts';

export const JOIN_OPENS_BEFORE_MINUTES = 15;

/** Whom a view is for: their permissions and the zone they read times in. */
export type TViewer = TActor & { timeZone: string };

export async function loadViewer(db: Db, actor: TActor): Promise<TViewer> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('institutions as i', 'i.id', 'u.institutionId')
    .select(['u.timeZone as own', 'i.timeZone as institutionZone'])
    .where('u.id', '=', actor.id)
    .executeTakeFirst();
  return { ...actor, timeZone: row?.own ?? row?.institutionZone ?? 'UTC' };
}

export type EventRow = {
  id: string;
  partnershipId: string;
  kind: string;
  title: string;
  description: string | null;
  status: string;
  startAt: Date;
  endAt: Date;
  organizerId: string;
  organizerInstitutionId: string;
  originZone: string;
  seriesId: string | null;
  seriesIndex: number | null;
  version: number;
  calendarOverride: boolean;
  overrideNote: string | null;
  reminderOffsets: number[];
  roomStatus: string;
  endedAt: Date | null;
};

export const EVENT_COLUMNS = [
  'id',
  'partnershipId',
  'kind',
  'title',
  'description',
  'status',
  'startAt',
  'endAt',
  'organizerId',
  'organizerInstitutionId',
  'originZone',
  'seriesId',
  'seriesIndex',
  'version',
  'calendarOverride',
  'overrideNote',
  'reminderOffsets',
  'roomStatus',
  'endedAt',
] as const;

function localTimes(start: Date, end: Date, zone: string) {
  const s = DateTime.fromJSDate(start, { zone });
  const e = DateTime.fromJSDate(end, { zone });
  const localStart = s.toISO({ suppressMilliseconds: true })!;
  return {
    timeZone: zone,
    localStart,
    localEnd: e.toISO({ suppressMilliseconds: true })!,
    // The ISO string already ends in the start's offset ("+05:00", or "Z" in UTC); toFormat('ZZ')
    // would look the zone's offset up again.
    offset: s.offset === 0 ? '+00:00' : localStart.slice(-6),
  };
}

/** Builds the API view of events in three batched queries, whatever the number of events. */
export async function loadEventViews(db: Db, rows: EventRow[], viewer: TViewer): Promise<TEventView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sides, resources, organizers] = await Promise.all([
    db
      .selectFrom('eventInstitutions as ei')
      .innerJoin('institutions as i', 'i.id', 'ei.institutionId')
      .select([
        'ei.eventId',
        'ei.decision',
        'ei.reschedulePreapproved',
        'i.id',
        'i.code',
        'i.name',
        'i.city',
        'i.timeZone',
        'i.country',
      ])
      .where('ei.eventId', 'in', ids)
      .orderBy('i.country', 'desc')
      .orderBy('i.code')
      .execute(),
    db
      .selectFrom('eventResources as r')
      .select([
        'r.eventId',
        'r.resourceType',
        'r.resourceId',
        sql<string>`coalesce(g.name, u.name, rm.name)`.as('name'),
        sql<string>`coalesce(g.institution_id, u.institution_id, rm.institution_id)`.as('institutionId'),
      ])
      .leftJoin('groups as g', (j) => j.onRef('g.id', '=', 'r.resourceId').on('r.resourceType', '=', 'group'))
      .leftJoin('users as u', (j) =>
        j.onRef('u.id', '=', 'r.resourceId').on('r.resourceType', '=', 'teacher'),
      )
      .leftJoin('rooms as rm', (j) => j.onRef('rm.id', '=', 'r.resourceId').on('r.resourceType', '=', 'room'))
      .where('r.eventId', 'in', ids)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(rows.map((r) => r.organizerId))])
      .execute(),
  ]);
  return buildEventViews(rows, { sides, resources, organizers }, viewer);
}

/** A side of an event: the college, its decision and the zone its local times are in. */
export type TEventSide = {
  eventId: string;
  decision: string;
  reschedulePreapproved: boolean;
  id: string;
  code: string;
  name: unknown;
  city: unknown;
  timeZone: string;
};

/** A booked group, teacher or room, with its display name. */
export type TEventResource = {
  eventId: string;
  resourceType: string;
  resourceId: string;
  name: string;
  institutionId: string;
};

/**
 * The API view of events from rows already in hand. `sides` in display order (country descending,
 * then code) and `resources` by name, as `loadEventViews` reads them.
 */
export function buildEventViews(
  rows: EventRow[],
  related: {
    sides: TEventSide[];
    resources: TEventResource[];
    organizers: { id: string; name: string }[];
  },
  viewer: TViewer,
): TEventView[] {
  const { sides, resources, organizers } = related;
  const organizerName = new Map(organizers.map((o) => [o.id, o.name]));
  const byEvent = <T extends { eventId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) {
      const list = map.get(item.eventId);
      if (list) list.push(item);
      else map.set(item.eventId, [item]);
    }
    return map;
  };
  const sidesOf = byEvent(sides);
  const resourcesOf = byEvent(resources);
  return rows.map((row) => {
    const mine = sidesOf.get(row.id) ?? [];
    const res = resourcesOf.get(row.id) ?? [];
    const pick = (type: string) =>
      res
        .filter((r) => r.resourceType === type)
        .map((r) => ({ id: r.resourceId, name: r.name, institutionId: r.institutionId }));
    const active = row.status === 'proposed' || row.status === 'confirmed';
    const decisionFor =
      active && row.status === 'proposed'
        ? (mine.find(
            (s) =>
              s.decision === 'pending' &&
              canActForInstitution(viewer, s.id) &&
              (viewer.role !== 'admin' || true),
          )?.id ?? null)
        : null;
    const involved = mine.some((s) => canActForInstitution(viewer, s.id)) || viewer.id === row.organizerId;
    return {
      id: row.id,
      partnershipId: row.partnershipId,
      kind: row.kind as TEventView['kind'],
      title: row.title,
      description: row.description,
      status: row.status as TEventView['status'],
      start: row.startAt.toISOString(),
      end: row.endAt.toISOString(),
      durationMinutes: Math.round((row.endAt.getTime() - row.startAt.getTime()) / 60_000),
      version: row.version,
      seriesId: row.seriesId,
      seriesIndex: row.seriesIndex,
      calendarOverride: row.calendarOverride,
      overrideNote: row.overrideNote,
      organizer: {
        id: row.organizerId,
        name: organizerName.get(row.organizerId) ?? '',
        institutionId: row.organizerInstitutionId,
      },
      institutions: mine.map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name as TLocalizedText,
        city: s.city as TLocalizedText,
        decision: s.decision as 'pending' | 'confirmed' | 'declined',
        reschedulePreApproved: s.reschedulePreapproved,
        ...localTimes(row.startAt, row.endAt, s.timeZone),
      })),
      requester: localTimes(row.startAt, row.endAt, viewer.timeZone),
      groups: pick('group'),
      teachers: pick('teacher'),
      rooms: pick('room'),
      reminderOffsetsMinutes: row.reminderOffsets,
      roomStatus: row.roomStatus as TEventView['roomStatus'],
      endedAt: row.endedAt ? new Date(row.endedAt).toISOString() : null,
      joinOpensAt: new Date(row.startAt.getTime() - JOIN_OPENS_BEFORE_MINUTES * 60_000).toISOString(),
      myDecisionInstitutionId: decisionFor,
      canCancel: active && involved,
      canEdit: active && involved,
    };
  });
}

/** Restricts a query on `events as e` to what the viewer may see. */
export function visibleTo<QB extends { where: (...args: any[]) => QB }>(q: QB, viewer: TActor): QB {
  if (viewer.role === 'admin') return q;
  if (viewer.role === 'student' || viewer.role === 'guest') {
    return q.where((eb: any) =>
      eb.exists(
        eb
          .selectFrom('eventParticipants as p')
          .select('p.eventId')
          .whereRef('p.eventId', '=', 'e.id')
          .where('p.userId', '=', viewer.id),
      ),
    );
  }
  return q.where((eb: any) =>
    eb.or([
      eb.exists(
        eb
          .selectFrom('eventInstitutions as vi')
          .select('vi.eventId')
          .whereRef('vi.eventId', '=', 'e.id')
          .where('vi.institutionId', '=', viewer.institutionId),
      ),
      eb.exists(
        eb
          .selectFrom('eventParticipants as p')
          .select('p.eventId')
          .whereRef('p.eventId', '=', 'e.id')
          .where('p.userId', '=', viewer.id),
      ),
    ]),
  );
}

export async function findEventRow(db: Db, id: string): Promise<EventRow | undefined> {
  return db.selectFrom('events').select(EVENT_COLUMNS).where('id', '=', id).executeTakeFirst() as Promise<
    EventRow | undefined
  >;
}

/** Active bookings that overlap [start, end) on any of the given resources. */
export async function findConflicts(
  db: Db,
  resources: { type: string; id: string }[],
  ranges: { start: Date; end: Date }[],
  excludeEventIds: string[] = [],
) {
  if (resources.length === 0 || ranges.length === 0) return [];
  let q = db
    .selectFrom('eventResources as r')
    .innerJoin('events as e', 'e.id', 'r.eventId')
    .select(['e.id as eventId', 'e.title', 'e.startAt', 'e.endAt', 'r.resourceType', 'r.resourceId'])
    .where('r.active', '=', true)
    .where((eb) =>
      eb.or(
        resources.map((res) =>
          eb.and([eb('r.resourceType', '=', res.type), eb('r.resourceId', '=', res.id)]),
        ),
      ),
    )
    .where((eb) =>
      eb.or(
        ranges.map(
          (rg) =>
            sql<boolean>`r.during && tstzrange(${rg.start.toISOString()}::timestamptz, ${rg.end.toISOString()}::timestamptz, '[)')`,
        ),
      ),
    );
  if (excludeEventIds.length) q = q.where('r.eventId', 'not in', excludeEventIds);
  const rows = await q.limit(20).execute();
  return rows.map((r) => ({
    eventId: r.eventId,
    title: r.title,
    start: r.startAt.toISOString(),
    end: r.endAt.toISOString(),
    resourceType: r.resourceType,
    resourceId: r.resourceId,
  }));
}
