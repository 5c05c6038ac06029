import type { TActor } from '@telemost/core/permissions';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { materialStorage } from './material-storage.ts';

/** A host removes a material (its bytes too). */
export async function deleteMaterial(ctx: AppContext, actor: TActor, eventId: string, materialId: string) {
  await requireHost(ctx, actor, eventId);
  const row = await ctx.db
    .deleteFrom('materials')
    .where('id', '=', materialId)
    .where('eventId', '=', eventId)
    .returning('storageKey')
    .executeTakeFirst();
  if (!row) throw notFound('Material');
  await materialStorage(ctx.env)
    .delete(row.storageKey)
    .catch((err: Error) =>
      ctx.logger.warn({ err: err.message, eventId }, 'material bytes left in the store'),
    );
}
