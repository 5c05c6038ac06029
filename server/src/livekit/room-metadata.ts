import type { Db } from '../db/database.ts';
import { eventSidesQuery } from '../db/event-sides.ts';

/**
 * The room's metadata (JSON, visible to every participant): what the lesson is and which colleges
 * take part, so a client can label the two sides without another request.
 */
export async function loadRoomMetadata(db: Db, eventId: string): Promise<string | null> {
  const event = await db
    .selectFrom('events')
    .select(['id', 'title', 'kind', 'startAt', 'endAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) return null;
  const institutions = await eventSidesQuery(db, eventId)
    .select(['i.id', 'i.code', 'i.name', 'i.city', 'i.timeZone'])
    .execute();
  const locked = await db
    .selectFrom('whiteboards')
    .select('board')
    .where('eventId', '=', eventId)
    .where('locked', '=', true)
    .execute();
  return JSON.stringify({
    eventId: event.id,
    title: event.title,
    kind: event.kind,
    start: new Date(event.startAt).toISOString(),
    end: new Date(event.endAt).toISOString(),
    institutions,
    /** The boards a host locked ("0": the main room's, "n": team n's). */
    whiteboardLocks: Object.fromEntries(locked.map((b) => [String(b.board), true])),
  });
}
