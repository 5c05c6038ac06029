import type { TActor } from '@telemost/core/permissions';
import type { Response } from 'express';
import type { AppContext } from '../../context.ts';
import { AppError, notFound } from '../../lib/app-error.ts';
import { contentDisposition } from './file-type.ts';
import { materialStorage } from './material-storage.ts';
import { requireSeat } from './materials-view.ts';

/** The file, with its original name (`Content-Disposition`, RFC 6266/5987) and the type read at upload. */
export async function downloadMaterial(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  materialId: string,
  res: Response,
): Promise<void> {
  const event = await requireSeat(ctx, actor, eventId);
  const row = await ctx.db
    .selectFrom('materials')
    .selectAll()
    .where('id', '=', materialId)
    .where('eventId', '=', event.id)
    .executeTakeFirst();
  if (!row) throw notFound('Material');
  let data: Buffer | null;
  try {
    data = await materialStorage(ctx.env).get(row.storageKey);
  } catch (err) {
    ctx.logger.error({ err: (err as Error).message, eventId }, 'material storage read failed');
    throw new AppError('service_unavailable', 'The file store does not answer; please try again');
  }
  if (!data) throw notFound('Material file');
  res.status(200);
  res.setHeader('content-type', row.contentType);
  res.setHeader('content-length', String(data.length));
  res.setHeader('content-disposition', contentDisposition(row.name));
  res.setHeader('cache-control', 'private, no-store');
  res.end(data);
}
