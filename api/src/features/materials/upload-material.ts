import { randomUUID } from 'node:crypto';
import type { TActor } from '@telemost/core/permissions';
import { writeAudit } from '@telemost/server/outbox/record-change';
import type { Request } from 'express';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { requireHost } from '../join/require-host.ts';
import { cleanFileName, detectMaterialType } from './file-type.ts';
import { materialStorage } from './material-storage.ts';
import { readUpload, view } from './materials-view.ts';

/**
 * A host attaches a file to the lesson: PDF, an image, a presentation (pptx, ppt, odp) or a docx,
 * up to MATERIALS_MAX_MB. The type is read from the bytes and must agree with the extension;
 * the original name is kept for the download.
 */
export async function uploadMaterial(ctx: AppContext, actor: TActor, eventId: string, req: Request) {
  await requireHost(ctx, actor, eventId);
  const declared = Number(req.headers['content-length']);
  const maxBytes = ctx.env.MATERIALS_MAX_MB * 1024 * 1024;
  // A body announced far too large is refused before it is read (the multipart framing adds a little).
  if (Number.isFinite(declared) && declared > maxBytes + 64 * 1024) {
    req.resume();
    throw new AppError('payload_too_large', `The file is larger than ${ctx.env.MATERIALS_MAX_MB} MB`, {
      fields: [{ field: 'file', message: `at most ${maxBytes} bytes` }],
    });
  }
  const upload = await readUpload(req, maxBytes);
  const name = cleanFileName(upload.name);
  if (!name) {
    throw new AppError('validation_failed', 'The file needs a name', {
      fields: [{ field: 'file', message: 'the file has no name' }],
    });
  }
  if (upload.data.length === 0) {
    throw new AppError('validation_failed', 'The file is empty', {
      fields: [{ field: 'file', message: 'empty' }],
    });
  }
  const contentType = detectMaterialType(name, upload.data);
  if (!contentType) {
    throw new AppError(
      'unsupported_media_type',
      'Only PDF, images (PNG, JPEG, GIF, WebP), presentations (pptx, ppt, odp) and docx files, whose contents match their extension',
      { fields: [{ field: 'file', message: 'type not accepted' }] },
    );
  }
  const id = randomUUID();
  const storageKey = `${eventId}/${id}`;
  const storage = materialStorage(ctx.env);
  try {
    await storage.put(storageKey, upload.data, contentType);
  } catch (err) {
    ctx.logger.error({ err: (err as Error).message, eventId }, 'material storage write failed');
    throw new AppError('service_unavailable', 'The file store does not answer; please try again');
  }
  const row = await ctx.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('materials')
      .values({
        id,
        eventId,
        name,
        contentType,
        size: upload.data.length,
        storageKey,
        uploadedBy: actor.id,
        uploadedAt: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      actorId: actor.id,
      action: 'material.uploaded',
      entity: 'event',
      entityId: eventId,
      data: { materialId: id, name, size: upload.data.length },
    });
    return inserted;
  });
  return view(row);
}
