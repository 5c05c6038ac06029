import type { TLocalizedText } from '@telemost/core/schemas/common';
import {
  isAudienceKind,
  type TProgrammeSession,
  type TProgrammeSpeaker,
  type TProgrammeSpeakerRef,
} from '@telemost/core/schemas/programme';
import type { Db } from '@telemost/server/db/database';
import { DateTime } from 'luxon';

/** A college an event involves, with the clock it reads times on. */
export type TProgrammeSide = {
  id: string;
  code: string;
  name: TLocalizedText;
  city: TLocalizedText;
  timeZone: string;
};

/** The colleges of an event, west to east (by UTC offset at `at`), then by code. */
export async function loadSides(db: Db, eventId: string, at: Date): Promise<TProgrammeSide[]> {
  const rows = await db
    .selectFrom('eventInstitutions as ei')
    .innerJoin('institutions as i', 'i.id', 'ei.institutionId')
    .select(['i.id', 'i.code', 'i.name', 'i.city', 'i.timeZone'])
    .where('ei.eventId', '=', eventId)
    .execute();
  const offset = (zone: string) => DateTime.fromJSDate(at, { zone }).offset;
  return (rows as TProgrammeSide[]).sort(
    (a, b) => offset(a.timeZone) - offset(b.timeZone) || a.code.localeCompare(b.code),
  );
}

/** The same range on each distinct clock of the colleges (two Moscow colleges: one Moscow clock). */
export function localTimesOn(sides: readonly TProgrammeSide[], start: Date, end: Date) {
  const seen = new Set<string>();
  const out: { timeZone: string; city: TLocalizedText; start: string; end: string }[] = [];
  for (const side of sides) {
    const key = `${side.timeZone}|${side.city.ru}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      timeZone: side.timeZone,
      city: side.city,
      start: DateTime.fromJSDate(start, { zone: side.timeZone }).toISO({ suppressMilliseconds: true })!,
      end: DateTime.fromJSDate(end, { zone: side.timeZone }).toISO({ suppressMilliseconds: true })!,
    });
  }
  return out;
}

export type TSessionRow = {
  id: string;
  eventId: string;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  ownRoom: boolean;
  hall: string;
  speakers: TProgrammeSpeakerRef[];
};

const SESSION_COLUMNS = [
  'id',
  'eventId',
  'title',
  'description',
  'startsAt',
  'endsAt',
  'ownRoom',
  'hall',
  'speakers',
] as const;

/** The sessions of events, in time order. */
export async function loadSessionRows(db: Db, eventIds: readonly string[]): Promise<TSessionRow[]> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('programmeSessions')
    .select(SESSION_COLUMNS)
    .where('eventId', 'in', eventIds)
    .orderBy('startsAt')
    .orderBy('title')
    .execute();
  return rows.map((r) => ({ ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) }));
}

export async function findSessionRow(db: Db, eventId: string, id: string): Promise<TSessionRow | undefined> {
  const rows = await db
    .selectFrom('programmeSessions')
    .select(SESSION_COLUMNS)
    .where('eventId', '=', eventId)
    .where('id', '=', id)
    .execute();
  const r = rows[0];
  return r ? { ...r, startsAt: new Date(r.startsAt), endsAt: new Date(r.endsAt) } : undefined;
}

/** The LiveKit room of a session of its own: never a ':' (LiveKit and our key spaces use it). */
export const sessionRoomName = (eventId: string, sessionId: string) => `${eventId}~session-${sessionId}`;

/**
 * The speakers as the programme shows them: names of people from the directory (with their
 * college), of invitations from their label, named ones as written.
 */
async function resolveSpeakers(db: Db, rows: readonly TSessionRow[]) {
  const userIds = new Set<string>();
  const invitationIds = new Set<string>();
  for (const r of rows) {
    for (const s of r.speakers) {
      if ('userId' in s) userIds.add(s.userId);
      else if ('invitationId' in s) invitationIds.add(s.invitationId);
    }
  }
  const [users, invitations] = await Promise.all([
    userIds.size
      ? db
          .selectFrom('users as u')
          .leftJoin('institutions as i', 'i.id', 'u.institutionId')
          .select(['u.id', 'u.name', 'i.id as institutionId', 'i.code', 'i.name as institutionName'])
          .where('u.id', 'in', [...userIds])
          .execute()
      : [],
    invitationIds.size
      ? db
          .selectFrom('invitations')
          .select(['id', 'label'])
          .where('id', 'in', [...invitationIds])
          .execute()
      : [],
  ]);
  const userById = new Map(users.map((u) => [u.id, u]));
  const invitationById = new Map(invitations.map((i) => [i.id, i]));
  return (ref: TProgrammeSpeakerRef): TProgrammeSpeaker => {
    if ('userId' in ref) {
      const u = userById.get(ref.userId);
      return {
        kind: 'user',
        name: u?.name ?? '—',
        userId: ref.userId,
        invitationId: null,
        institution:
          u?.institutionId && u.code
            ? { id: u.institutionId, code: u.code, name: u.institutionName as TLocalizedText }
            : null,
      };
    }
    if ('invitationId' in ref) {
      return {
        kind: 'invitation',
        name: invitationById.get(ref.invitationId)?.label ?? '—',
        userId: null,
        invitationId: ref.invitationId,
        institution: null,
      };
    }
    return { kind: 'name', name: ref.name, userId: null, invitationId: null, institution: null };
  };
}

/** The API view of sessions. */
export async function toSessionViews(
  db: Db,
  rows: readonly TSessionRow[],
  sides: readonly TProgrammeSide[],
): Promise<TProgrammeSession[]> {
  const speaker = await resolveSpeakers(db, rows);
  return rows.map((r) => ({
    id: r.id,
    eventId: r.eventId,
    title: r.title,
    description: r.description,
    start: r.startsAt.toISOString(),
    end: r.endsAt.toISOString(),
    localTimes: localTimesOn(sides, r.startsAt, r.endsAt),
    room: r.ownRoom ? 'own' : 'main',
    livekitRoom: r.hall,
    speakers: r.speakers.map(speaker),
  }));
}

/** The sessions of those events that have a programme, by event id (for calendars). */
export async function loadProgrammes(
  db: Db,
  events: readonly { id: string; kind: string }[],
): Promise<Map<string, TProgrammeSession[]>> {
  const ids = events.filter((e) => isAudienceKind(e.kind)).map((e) => e.id);
  const views = await toSessionViews(db, await loadSessionRows(db, ids), []);
  const out = new Map<string, TProgrammeSession[]>();
  for (const v of views) out.set(v.eventId, [...(out.get(v.eventId) ?? []), v]);
  return out;
}
