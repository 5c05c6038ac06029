import type { TMyBreakout } from '@telemost/core/schemas/classroom';
import { breakoutRoomName, type TBreakouts } from '@telemost/core/schemas/classroom';
import type { Db } from '@telemost/server/db/database';
import { sql } from 'kysely';

/** The running breakouts of an event, or null. */
export async function loadBreakouts(db: Db, eventId: string) {
  const row = await db
    .selectFrom('breakouts')
    .select(['eventId', 'teamCount', 'startedAt', 'endsAt'])
    .where('eventId', '=', eventId)
    .executeTakeFirst();
  if (!row) return null;
  const members = await db
    .selectFrom('breakoutMembers as m')
    .innerJoin('users as u', 'u.id', 'm.userId')
    .leftJoin('eventParticipants as p', (j) =>
      j.onRef('p.userId', '=', 'm.userId').onRef('p.eventId', '=', 'm.eventId'),
    )
    .select([
      'm.userId',
      'm.team',
      'u.name',
      sql<string>`coalesce(p.institution_id, u.institution_id)`.as('institutionId'),
    ])
    .where('m.eventId', '=', eventId)
    .orderBy('u.name')
    .execute();
  return {
    eventId: row.eventId,
    teamCount: row.teamCount,
    startedAt: new Date(row.startedAt),
    endsAt: row.endsAt ? new Date(row.endsAt) : null,
    members,
  };
}
export type TLoadedBreakouts = NonNullable<Awaited<ReturnType<typeof loadBreakouts>>>;

/** The team names the api gives (the web shows its own, localized, by number). */
export function teamName(team: number): string {
  return `Team ${team}`;
}

/** Who is connected to each team's room now, from the attendance stays LiveKit's webhooks record. */
export async function presentInTeams(db: Db, eventId: string) {
  return db
    .selectFrom('attendance as a')
    .leftJoin('users as u', 'u.id', 'a.userId')
    .select(['a.identity', 'a.breakout', 'a.institutionId', 'u.name'])
    .where('a.eventId', '=', eventId)
    .where('a.leftAt', 'is', null)
    .where('a.breakout', 'is not', null)
    .orderBy('a.joinedAt')
    .execute();
}

/** The answer of `GET /api/events/:id/breakouts` (and of the create, move…). */
export function breakoutsView(
  eventId: string,
  loaded: TLoadedBreakouts | null,
  options: {
    viewerId: string;
    host: boolean;
    present?: Awaited<ReturnType<typeof presentInTeams>>;
    hands?: Set<string>;
  },
): TBreakouts {
  if (!loaded) return { eventId, active: false, startedAt: null, endsAt: null, rooms: [], myRoomId: null };
  const rooms = Array.from({ length: loaded.teamCount }, (_, i) => {
    const id = i + 1;
    const seen = new Set<string>();
    const present = options.host
      ? (options.present ?? [])
          .filter((p) => p.breakout === id && !seen.has(p.identity) && seen.add(p.identity))
          .map((p) => ({
            identity: p.identity,
            name: p.name ?? p.identity,
            institutionId: p.institutionId,
            handRaised: options.hands?.has(p.identity) ?? false,
          }))
      : [];
    return {
      id,
      name: teamName(id),
      livekitRoom: breakoutRoomName(eventId, id),
      members: loaded.members
        .filter((m) => m.team === id)
        .map((m) => ({ userId: m.userId, name: m.name, institutionId: m.institutionId })),
      present,
    };
  });
  return {
    eventId,
    active: true,
    startedAt: loaded.startedAt.toISOString(),
    endsAt: loaded.endsAt?.toISOString() ?? null,
    rooms,
    myRoomId: loaded.members.find((m) => m.userId === options.viewerId)?.team ?? null,
  };
}

/** The person's team in the running breakouts (what the main room's join answers with), or null. */
export async function findMyBreakout(db: Db, eventId: string, userId: string): Promise<TMyBreakout | null> {
  const row = await db
    .selectFrom('breakoutMembers as m')
    .innerJoin('breakouts as b', 'b.eventId', 'm.eventId')
    .select(['m.team', 'b.endsAt'])
    .where('m.eventId', '=', eventId)
    .where('m.userId', '=', userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    roomId: row.team,
    livekitRoom: breakoutRoomName(eventId, row.team),
    endsAt: row.endsAt ? new Date(row.endsAt).toISOString() : null,
  };
}

/** The key a plan is saved under: the series (so a weekly lesson keeps its teams), else the event. */
export function planScope(event: { id: string; seriesId: string | null }): string {
  return event.seriesId ? `series:${event.seriesId}` : `event:${event.id}`;
}

export async function loadPlan(db: Db, scopeKey: string) {
  return db
    .selectFrom('breakoutPlans')
    .select(['teamCount', 'teams'])
    .where('scopeKey', '=', scopeKey)
    .executeTakeFirst();
}

export async function savePlan(db: Db, scopeKey: string, teams: string[][], at: Date) {
  await db
    .insertInto('breakoutPlans')
    .values({ scopeKey, teamCount: teams.length, teams: JSON.stringify(teams), updatedAt: at })
    .onConflict((oc) =>
      oc
        .column('scopeKey')
        .doUpdateSet({ teamCount: teams.length, teams: JSON.stringify(teams), updatedAt: at }),
    )
    .execute();
}
