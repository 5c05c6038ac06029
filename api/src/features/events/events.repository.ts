import type { TActor } from '@telemost/core/permissions';
import { canActForInstitution } from '@telemost/core/permissions';
import { viewerZoneOf } from '@telemost/core/presentation/clocks';
import type { TInstitutionCalendar } from '@telemost/core/scheduling/working-time';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TEventView } from '@telemost/core/schemas/event';
import { JOIN_OPENS_BEFORE_MINUTES } from '@telemost/core/schemas/live';
import type { Db } from '@telemost/server/db/database';
import { eventSidesQuery } from '@telemost/server/db/event-sides';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { overlappingBookings } from './resource-bookings.repository.ts';

/** Whom a view is for: their permissions and the zone they read times in. */
export type TViewer = TActor & { timeZone: string };

export async function loadViewer(db: Db, actor: TActor): Promise<TViewer> {
  const row = await db
    .selectFrom('users as u')
    .leftJoin('institutions as i', 'i.id', 'u.institutionId')
    .select(['u.timeZone as own', 'i.timeZone as institutionZone'])
    .where('u.id', '=', actor.id)
    .executeTakeFirst();
  return { ...actor, timeZone: viewerZoneOf(row?.own, row?.institutionZone) };
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
  updatedAt: Date;
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
  'updatedAt',
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
    eventSidesQuery(db, ids)
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
      updatedAt: new Date(row.updatedAt).toISOString(),
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

/** The colleges involved in an event. */
export async function loadSideInstitutionIds(db: Db, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('eventInstitutions')
    .select('institutionId')
    .where('eventId', '=', eventId)
    .execute();
  return rows.map((r) => r.institutionId);
}

/** Active bookings that overlap [start, end) on any of the given resources, earliest first. */
export async function findConflicts(
  db: Db,
  resources: { type: string; id: string }[],
  ranges: { start: Date; end: Date }[],
  excludeEventIds: string[] = [],
) {
  if (resources.length === 0 || ranges.length === 0) return [];
  const exclude = new Set(excludeEventIds);
  const hits = (await overlappingBookings(db, resources, ranges)).rows.filter((r) => !exclude.has(r.eventId));
  if (hits.length === 0) return [];
  const events = await db
    .selectFrom('events')
    .select(['id', 'title', 'startAt', 'endAt'])
    .where('id', 'in', [...new Set(hits.map((h) => h.eventId))])
    .execute();
  const byId = new Map(events.map((e) => [e.id, e]));
  return hits
    .filter((h) => byId.has(h.eventId))
    .map((h) => {
      const e = byId.get(h.eventId)!;
      return {
        eventId: h.eventId,
        title: e.title,
        start: e.startAt.toISOString(),
        end: e.endAt.toISOString(),
        resourceType: h.resourceType,
        resourceId: h.resourceId,
      };
    })
    .sort((a, b) => a.start.localeCompare(b.start) || a.eventId.localeCompare(b.eventId))
    .slice(0, 20);
}

/** An event and the later occurrences of its series that are still active, by start. */
export async function loadSeriesFrom(
  db: Db,
  event: Pick<EventRow, 'seriesId' | 'seriesIndex'>,
): Promise<EventRow[]> {
  return (await db
    .selectFrom('events')
    .select(EVENT_COLUMNS)
    .where('seriesId', '=', event.seriesId)
    .where('seriesIndex', '>=', event.seriesIndex ?? 0)
    .where('status', 'in', ['proposed', 'confirmed'])
    .orderBy('startAt')
    .execute()) as EventRow[];
}

/** The working calendars of the colleges involved in an event. */
export async function loadSideCalendars(db: Db, eventId: string): Promise<TInstitutionCalendar[]> {
  return (await db
    .selectFrom('eventInstitutions as ei')
    .innerJoin('institutions as i', 'i.id', 'ei.institutionId')
    .select(['i.id', 'i.country', 'i.timeZone', 'i.workingHours', 'i.lessonPeriods'])
    .where('ei.eventId', '=', eventId)
    .execute()) as TInstitutionCalendar[];
}

/** The groups, teachers and rooms an event books. */
export async function loadBookedResources(db: Db, eventId: string): Promise<{ type: string; id: string }[]> {
  return db
    .selectFrom('eventResources')
    .select(['resourceType as type', 'resourceId as id'])
    .where('eventId', '=', eventId)
    .execute();
}

/**
 * Changes an active (proposed or confirmed) event and bumps its version; a move also returns it to
 * `proposed`. Undefined fields stay as they are. Returns the new row, or undefined when the event
 * is no longer active.
 */
export async function updateActiveEvent(
  db: Db,
  eventId: string,
  change: {
    title?: string;
    description?: string | null;
    move?: { start: Date; end: Date };
    override?: { note: string | null };
  },
): Promise<EventRow | undefined> {
  const { title, description, move, override } = change;
  return (await db
    .updateTable('events')
    .set((eb) => ({
      version: eb('version', '+', 1),
      updatedAt: new Date(),
      ...(title !== undefined ? { title } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(move ? { startAt: move.start, endAt: move.end, status: 'proposed' } : {}),
      ...(override ? { calendarOverride: true, overrideNote: override.note } : {}),
    }))
    .where('id', '=', eventId)
    .where('status', 'in', ['proposed', 'confirmed'])
    .returning(EVENT_COLUMNS)
    .executeTakeFirst()) as EventRow | undefined;
}

/** Moves an event's bookings to its new time (the exclusion constraint checks them). */
export async function moveEventResources(db: Db, eventId: string, range: { start: Date; end: Date }) {
  await db
    .updateTable('eventResources')
    .set({ during: `[${range.start.toISOString()},${range.end.toISOString()})` })
    .where('eventId', '=', eventId)
    .execute();
}

/** Each involved college's answer to an event. */
export async function loadSideDecisions(db: Db, eventId: string) {
  return db
    .selectFrom('eventInstitutions')
    .select(['institutionId', 'decision', 'reschedulePreapproved'])
    .where('eventId', '=', eventId)
    .execute();
}

/** Records the answer of the given colleges to an event. */
export async function setSideDecision(
  db: Db,
  eventId: string,
  institutionIds: string[],
  answer: { decision: 'pending' | 'confirmed'; decidedBy: string | null; decidedAt: Date | null },
): Promise<void> {
  await db
    .updateTable('eventInstitutions')
    .set(answer)
    .where('eventId', '=', eventId)
    .where('institutionId', 'in', institutionIds)
    .execute();
}

/** Marks an event confirmed and returns its row. */
export async function confirmEventRow(db: Db, eventId: string): Promise<EventRow> {
  return (await db
    .updateTable('events')
    .set({ status: 'confirmed' })
    .where('id', '=', eventId)
    .returning(EVENT_COLUMNS)
    .executeTakeFirstOrThrow()) as EventRow;
}

/** The dates the partnership's agreement is valid (ISO dates; `validTo` null: open-ended). */
export async function loadPartnershipValidity(
  db: Db,
  partnershipId: string,
): Promise<{ validFrom: string; validTo: string | null }> {
  return db
    .selectFrom('partnerships')
    .select([sql<string>`valid_from::text`.as('validFrom'), sql<string | null>`valid_to::text`.as('validTo')])
    .where('id', '=', partnershipId)
    .executeTakeFirstOrThrow();
}
