import { parseRoomName } from '@telemost/core/schemas/classroom';
import { parseSessionRoomName } from '@telemost/core/schemas/programme';
import type { Db } from '@telemost/server/db/database';

/**
 * A room of an event besides its main room: a breakout team's (`<eventId>~<n>`) or a programme
 * session's (`<eventId>~session-<sessionId>`); null for a main room or a name that is not ours.
 */
export type TChildRoom = { name: string; eventId: string } & (
  | { team: number; sessionId?: undefined }
  | { sessionId: string; team?: undefined }
);

export function childRoomOf(name: string): TChildRoom | null {
  const session = parseSessionRoomName(name);
  if (session) return { name, eventId: session.eventId, sessionId: session.sessionId };
  const team = parseRoomName(name);
  return team && team.team !== null ? { name, eventId: team.eventId, team: team.team } : null;
}

/**
 * Whether a child room still has a reason to exist while its event's main room does: a team's
 * while the event's breakouts run with that many teams, a session's while the programme holds
 * the session with this room as its hall.
 */
export async function childRoomIsLive(db: Db, room: TChildRoom): Promise<boolean> {
  if (room.team !== undefined) {
    const running = await db
      .selectFrom('breakouts')
      .select('teamCount')
      .where('eventId', '=', room.eventId)
      .executeTakeFirst();
    return running !== undefined && room.team <= running.teamCount;
  }
  const session = await db
    .selectFrom('programmeSessions')
    .select('id')
    .where('id', '=', room.sessionId)
    .where('eventId', '=', room.eventId)
    .where('ownRoom', '=', true)
    .where('hall', '=', room.name)
    .executeTakeFirst();
  return session !== undefined;
}
