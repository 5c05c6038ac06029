import type { TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import { sql } from 'kysely';
import type { AppContext } from '../../context.ts';
import { forbidden } from '../../lib/app-error.ts';
import { getResults } from './get-results.ts';
import { loadOlympiad, requireOlympiadEvent } from './olympiad.repository.ts';

/** The chief expert closes marking: no mark changes after, and the results are published (idempotent). */
export async function closeMarking(ctx: AppContext, actor: TActor, eventId: string) {
  await requireOlympiadEvent(ctx.db, eventId);
  const state = await loadOlympiad(ctx.db, eventId);
  if (state.chiefExpertId !== actor.id) throw forbidden('Only the chief expert closes marking');
  if (!state.closedAt) {
    await ctx.db
      .updateTable('olympiads')
      .set({
        closedAt: sql`coalesce(closed_at, ${ctx.now()}::timestamptz)`,
        closedBy: sql`coalesce(closed_by, ${actor.id}::uuid)`,
      })
      .where('eventId', '=', eventId)
      .execute();
    await writeAudit(ctx.db, {
      actorId: actor.id,
      action: 'olympiad.closed',
      entity: 'event',
      entityId: eventId,
      data: {},
    });
  }
  return getResults(ctx, { kind: 'user', actor }, eventId);
}
