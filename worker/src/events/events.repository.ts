import { viewerZoneOf } from '@telemost/core/presentation/clocks';
import type { TLocale, TLocalizedText } from '@telemost/core/schemas/common';
import type { Db } from '@telemost/server/db/database';
import { jsonArrayFrom } from 'kysely/helpers/postgres';

/** One involved college, as messages need it. */
export type TEventSide = {
  institutionId: string;
  code: string;
  name: TLocalizedText;
  city: TLocalizedText;
  timeZone: string;
  decision: string;
};

/** The current row of an event with its sides: what every job re-reads instead of its payload. */
export type TEventSnapshot = {
  id: string;
  kind: string;
  title: string;
  description: string | null;
  status: string;
  startAt: Date;
  endAt: Date;
  version: number;
  reminderOffsets: number[];
  organizerId: string;
  organizerInstitutionId: string;
  sides: TEventSide[];
};

/** Someone a message goes to, with the language and zone it is written in. */
export type TRecipient = {
  userId: string;
  email: string;
  name: string;
  locale: TLocale;
  /** The person's own zone, else their college's, else UTC (core's `viewerZoneOf`). */
  timeZone: string;
  institutionId: string | null;
  role: string;
};

/** Loads an event and its sides in one round trip, or null when it no longer exists. */
export async function loadEventSnapshot(db: Db, eventId: string): Promise<TEventSnapshot | null> {
  const row = await db
    .selectFrom('events as e')
    .select((eb) => [
      'e.id',
      'e.kind',
      'e.title',
      'e.description',
      'e.status',
      'e.startAt',
      'e.endAt',
      'e.version',
      'e.reminderOffsets',
      'e.organizerId',
      'e.organizerInstitutionId',
      jsonArrayFrom(
        eb
          .selectFrom('eventInstitutions as ei')
          .innerJoin('institutions as i', 'i.id', 'ei.institutionId')
          .select(['ei.institutionId', 'i.code', 'i.name', 'i.city', 'i.timeZone', 'ei.decision'])
          .whereRef('ei.eventId', '=', 'e.id')
          .orderBy('i.code'),
      ).as('sides'),
    ])
    .where('e.id', '=', eventId)
    .executeTakeFirst();
  if (!row) return null;
  return { ...row, startAt: new Date(row.startAt), endAt: new Date(row.endAt) };
}

/** Who a message goes to and how they read it; `u` is users, `i` their college. */
const RECIPIENT_COLUMNS = [
  'u.id as userId',
  'u.email',
  'u.name',
  'u.locale',
  'u.timeZone as userZone',
  'i.timeZone as institutionZone',
] as const;

function toRecipient(row: {
  userId: string;
  email: string;
  name: string;
  locale: string;
  userZone: string | null;
  institutionZone: string | null;
  institutionId: string | null;
  role: string;
}): TRecipient {
  const locale = row.locale === 'kk' || row.locale === 'en' ? row.locale : 'ru';
  return {
    userId: row.userId,
    email: row.email,
    name: row.name,
    locale,
    timeZone: viewerZoneOf(row.userZone, row.institutionZone),
    institutionId: row.institutionId,
    role: row.role,
  };
}

/** Active users by id, with their messaging preferences; disabled accounts are left out. */
export async function loadRecipients(db: Db, userIds: string[]): Promise<TRecipient[]> {
  if (userIds.length === 0) return [];
  const rows = await db
    .selectFrom('users as u')
    .leftJoin('institutions as i', 'i.id', 'u.institutionId')
    .select([...RECIPIENT_COLUMNS, 'u.institutionId', 'u.role'])
    .where('u.id', 'in', userIds)
    .where('u.disabledAt', 'is', null)
    .execute();
  return rows.map(toRecipient);
}

/** One participant of an event (an active account), or null. */
export async function loadParticipant(db: Db, eventId: string, userId: string): Promise<TRecipient | null> {
  const row = await db
    .selectFrom('eventParticipants as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .leftJoin('institutions as i', 'i.id', 'u.institutionId')
    .select([...RECIPIENT_COLUMNS, 'p.institutionId', 'p.role'])
    .where('p.eventId', '=', eventId)
    .where('p.userId', '=', userId)
    .where('u.disabledAt', 'is', null)
    .executeTakeFirst();
  return row ? toRecipient(row) : null;
}

/** Participants (active accounts) of each event, with their role and college. */
export async function loadParticipantIds(
  db: Db,
  eventIds: string[],
): Promise<{ eventId: string; userId: string; institutionId: string; role: string }[]> {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom('eventParticipants as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .select(['p.eventId', 'p.userId', 'p.institutionId', 'p.role'])
    .where('p.eventId', 'in', eventIds)
    .where('u.disabledAt', 'is', null)
    .execute();
}

/** Coordinators (active) of the given colleges. */
export async function loadCoordinatorIds(
  db: Db,
  institutionIds: string[],
): Promise<{ userId: string; institutionId: string }[]> {
  if (institutionIds.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .select(['id as userId', 'institutionId'])
    .where('role', '=', 'coordinator')
    .where('institutionId', 'in', institutionIds)
    .where('disabledAt', 'is', null)
    .execute();
  return rows.map((r) => ({ userId: r.userId, institutionId: r.institutionId! }));
}

/** A user's display name (for "proposed by …"), or null. */
export async function loadUserName(db: Db, userId: string | null | undefined): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return row?.name ?? null;
}

/** The event row as room jobs read it. */
export async function loadRoomEvent(deps: { db: Db }, eventId: string) {
  const row = await deps.db
    .selectFrom('events')
    .select(['id', 'status', 'version', 'startAt', 'endAt', 'roomStatus', 'endedAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  return row
    ? {
        ...row,
        startAt: new Date(row.startAt),
        endAt: new Date(row.endAt),
        endedAt: row.endedAt ? new Date(row.endedAt) : null,
      }
    : null;
}

export type TRoomEvent = NonNullable<Awaited<ReturnType<typeof loadRoomEvent>>>;
