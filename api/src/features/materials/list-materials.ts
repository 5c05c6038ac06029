import type { TActor } from '@telemost/core/permissions';
import type { AppContext } from '../../context.ts';
import { requireSeat, view } from './materials-view.ts';

export async function listMaterials(ctx: AppContext, actor: TActor, eventId: string) {
  const event = await requireSeat(ctx, actor, eventId);
  const rows = await ctx.db
    .selectFrom('materials')
    .selectAll()
    .where('eventId', '=', event.id)
    .orderBy('uploadedAt')
    .orderBy('id')
    .execute();
  return { items: rows.map(view) };
}
