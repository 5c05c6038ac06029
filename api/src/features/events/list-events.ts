import type { TActor } from '@telemost/core/permissions';
import type { TEventView, ZListEventsQuerySchema } from '@telemost/core/schemas/event';
import type { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { EVENT_COLUMNS, type EventRow, loadEventViews, loadViewer, visibleTo } from './events.repository.ts';

/** Events the viewer may see, overlapping [from, to), filtered and paginated, earliest first. */
export async function listEvents(
  ctx: AppContext,
  actor: TActor,
  query: z.output<typeof ZListEventsQuerySchema>,
): Promise<{ items: TEventView[]; total: number }> {
  let q = visibleTo(ctx.db.selectFrom('events as e'), actor);
  if (query.from) q = q.where('e.endAt', '>', new Date(query.from));
  if (query.to) q = q.where('e.startAt', '<', new Date(query.to));
  if (query.kind) q = q.where('e.kind', '=', query.kind);
  if (query.status) q = q.where('e.status', '=', query.status);
  if (query.institutionId) {
    const id = query.institutionId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('eventInstitutions as fi')
          .select('fi.eventId')
          .whereRef('fi.eventId', '=', 'e.id')
          .where('fi.institutionId', '=', id),
      ),
    );
  }
  if (query.groupId) {
    const id = query.groupId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('eventResources as fr')
          .select('fr.eventId')
          .whereRef('fr.eventId', '=', 'e.id')
          .where('fr.resourceType', '=', 'group')
          .where('fr.resourceId', '=', id),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    q
      .select(EVENT_COLUMNS.map((c) => `e.${c}` as const))
      .orderBy('e.startAt')
      .orderBy('e.id')
      .limit(query.limit)
      .offset(query.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const items = await loadEventViews(ctx.db, rows as EventRow[], await loadViewer(ctx.db, actor));
  return { items, total: Number(count.n) };
}
