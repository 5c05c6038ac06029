import type { TRoomStatusMessage } from '@telemost/core/schemas/live';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One LiveKit participant session, as webhooks and the room service describe it. */
export type TParticipantSession = {
  eventId: string;
  /** The participant identity: a user id for everyone who joined with a Telemost token. */
  identity: string;
  participantSid: string;
  joinedAt: Date;
  /** The breakout team whose room it is; null or absent: the main room. */
  breakout?: number | null;
  /** The programme session whose own room it is; null or absent: not a session's room. */
  programmeSessionId?: string | null;
};

/** The user behind an identity and the college they attend for (their event role's, else their own). */
async function resolveIdentity(
  db: Db,
  eventId: string,
  identity: string,
): Promise<{ userId: string | null; institutionId: string | null }> {
  if (!UUID.test(identity)) return { userId: null, institutionId: null };
  const row = await db
    .selectFrom('users as u')
    .leftJoin('eventParticipants as p', (j) => j.onRef('p.userId', '=', 'u.id').on('p.eventId', '=', eventId))
    .select(['u.id', 'u.institutionId', 'p.institutionId as eventInstitutionId'])
    .where('u.id', '=', identity)
    .executeTakeFirst();
  if (!row) return { userId: null, institutionId: null };
  return { userId: row.id, institutionId: row.eventInstitutionId ?? row.institutionId };
}

/**
 * Records that a participant session began. Replays and a `left` that overtook its `joined`
 * (LiveKit posts webhooks concurrently) change nothing: the session id is unique.
 */
export async function recordJoin(db: Db, session: TParticipantSession): Promise<boolean> {
  const who = await resolveIdentity(db, session.eventId, session.identity);
  const inserted = await db
    .insertInto('attendance')
    .values({
      eventId: session.eventId,
      userId: who.userId,
      identity: session.identity,
      participantSid: session.participantSid,
      institutionId: who.institutionId,
      joinedAt: session.joinedAt,
      breakout: session.breakout ?? null,
      programmeSessionId: session.programmeSessionId ?? null,
    })
    .onConflict((oc) => oc.column('participantSid').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Records that a participant session ended, creating the row when its `joined` was lost. The
 * first recorded end wins, so replays and late duplicates do not move it.
 */
export async function recordLeave(db: Db, session: TParticipantSession & { leftAt: Date }): Promise<void> {
  const who = await resolveIdentity(db, session.eventId, session.identity);
  const leftAt = new Date(Math.max(session.leftAt.getTime(), session.joinedAt.getTime()));
  await db
    .insertInto('attendance')
    .values({
      eventId: session.eventId,
      userId: who.userId,
      identity: session.identity,
      participantSid: session.participantSid,
      institutionId: who.institutionId,
      joinedAt: session.joinedAt,
      leftAt,
      breakout: session.breakout ?? null,
      programmeSessionId: session.programmeSessionId ?? null,
    })
    .onConflict((oc) =>
      oc
        .column('participantSid')
        .doUpdateSet({ leftAt: sql`coalesce(attendance.left_at, excluded.left_at)` }),
    )
    .execute();
}

/** Ends one recorded session, if it is recorded and still open. */
export async function endSession(db: Db, participantSid: string, leftAt: Date): Promise<boolean> {
  const result = await db
    .updateTable('attendance')
    .set({ leftAt: sql`greatest(joined_at, ${leftAt}::timestamptz)` })
    .where('participantSid', '=', participantSid)
    .where('leftAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Ends every open session of an event at `at` (the room finished, or the room service no longer
 * lists them). `exceptSids` are still in the room; `joinedBefore` spares sessions that began after
 * the room service was asked (their `joined` webhook may have just arrived). Returns how many
 * were closed.
 */
export async function closeOpenSessions(
  db: Db,
  eventId: string,
  at: Date,
  options: {
    exceptSids?: string[];
    joinedBefore?: Date;
    /**
     * Only stays in the main room (null; never a programme session's room), in one team's room
     * (n), or in any team's ('teams'); absent: all.
     */
    breakout?: number | null | 'teams';
    /** Only stays in this programme session's own room. */
    programmeSessionId?: string;
  } = {},
): Promise<number> {
  let q = db
    .updateTable('attendance')
    .set({ leftAt: sql`greatest(joined_at, ${at}::timestamptz)` })
    .where('eventId', '=', eventId)
    .where('leftAt', 'is', null);
  if (options.exceptSids?.length) q = q.where('participantSid', 'not in', options.exceptSids);
  if (options.joinedBefore) q = q.where('joinedAt', '<', options.joinedBefore);
  if (options.programmeSessionId !== undefined)
    q = q.where('programmeSessionId', '=', options.programmeSessionId);
  if (options.breakout === null) q = q.where('breakout', 'is', null).where('programmeSessionId', 'is', null);
  else if (options.breakout === 'teams') q = q.where('breakout', 'is not', null);
  else if (options.breakout !== undefined) q = q.where('breakout', '=', options.breakout);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Session ids of an event still recorded as in the room. */
export async function openSessionSids(db: Db, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('attendance')
    .select('participantSid')
    .where('eventId', '=', eventId)
    .where('leftAt', 'is', null)
    // Stays in the main room: the room the worker reconciles (team rooms come and go with breakouts;
    // a programme session's own room is another room).
    .where('breakout', 'is', null)
    .where('programmeSessionId', 'is', null)
    .execute();
  return rows.map((r) => r.participantSid);
}

/** Sets the event's room status; `unless` skips rows already in one of those states. */
export async function setRoomStatus(
  db: Db,
  eventId: string,
  status: TRoomStatusMessage['roomStatus'],
  unless: TRoomStatusMessage['roomStatus'][] = [],
): Promise<boolean> {
  let q = db.updateTable('events').set({ roomStatus: status }).where('id', '=', eventId);
  if (unless.length) q = q.where('roomStatus', 'not in', unless);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The live status of an event's room: its state and who is in it now (one entry per person). */
export async function loadRoomStatus(db: Db, eventId: string): Promise<TRoomStatusMessage | null> {
  const event = await db
    .selectFrom('events')
    .select('roomStatus')
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) return null;
  const rows = await db
    .selectFrom('attendance as a')
    .leftJoin('users as u', 'u.id', 'a.userId')
    // Someone invited by link has no account: the display name they gave.
    .leftJoin('invitationGuests as g', 'g.identity', 'a.identity')
    .select(['a.identity', 'u.name', 'g.displayName', 'a.institutionId'])
    .where('a.eventId', '=', eventId)
    .where('a.leftAt', 'is', null)
    .where('a.breakout', 'is', null)
    .where('a.programmeSessionId', 'is', null)
    .orderBy('a.joinedAt')
    .execute();
  const seen = new Map<string, TRoomStatusMessage['participants'][number]>();
  for (const r of rows) {
    if (!seen.has(r.identity)) {
      seen.set(r.identity, {
        identity: r.identity,
        name: r.name ?? r.displayName ?? r.identity,
        institutionId: r.institutionId,
      });
    }
  }
  return {
    eventId,
    roomStatus: event.roomStatus as TRoomStatusMessage['roomStatus'],
    participants: [...seen.values()],
  };
}
