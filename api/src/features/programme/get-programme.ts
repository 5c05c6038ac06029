import { isAudienceKind, type TProgramme } from '@telemost/core/schemas/programme';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { loadSessionRows, loadSides, localTimesOn, toSessionViews } from './programme.repository.ts';

/**
 * The programme of a conference or cultural event, public so it can be shared: the event (title,
 * status, times, colleges) and its sessions in time order, each in UTC and on the colleges'
 * clocks. Nobody's e-mail or account is in it; lessons and other kinds have no public page (404).
 */
export async function getProgramme(ctx: AppContext, eventId: string): Promise<TProgramme> {
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'kind', 'title', 'description', 'status', 'startAt', 'endAt'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event || !isAudienceKind(event.kind)) throw notFound('Programme');
  const start = new Date(event.startAt);
  const end = new Date(event.endAt);
  const [sides, rows] = await Promise.all([
    loadSides(ctx.db, event.id, start),
    loadSessionRows(ctx.db, [event.id]),
  ]);
  return {
    event: {
      id: event.id,
      kind: event.kind as TProgramme['event']['kind'],
      title: event.title,
      description: event.description,
      status: event.status as TProgramme['event']['status'],
      start: start.toISOString(),
      end: end.toISOString(),
      localTimes: localTimesOn(sides, start, end),
      institutions: sides,
    },
    sessions: await toSessionViews(ctx.db, rows, sides),
  };
}
