import type { TActor } from '@telemost/core/permissions';
import type { TMaterial } from '@telemost/core/schemas/classroom';
import { findLiveSeat } from '@telemost/server/live/live-seat';
import busboy from 'busboy';
import type { Request } from 'express';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden, notFound } from '../../lib/app-error.ts';

// What the material use cases share: the multipart reader, the view of a row, the seat check.

type TUpload = { name: string; data: Buffer };

/**
 * Reads the one file of a multipart body (field `file`), at most `maxBytes`. Anything else is a
 * problem naming the field: no file (422), too large (413), a broken body (400).
 */
export function readUpload(req: Request, maxBytes: number): Promise<TUpload> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        defParamCharset: 'utf8',
        limits: { files: 1, fileSize: maxBytes, fields: 10, fieldSize: 1024, parts: 12 },
      });
    } catch {
      reject(new AppError('bad_request', 'The multipart body has no boundary'));
      return;
    }
    let upload: TUpload | null = null;
    let failed: AppError | null = null;
    const fail = (err: AppError) => {
      failed ??= err;
    };
    bb.on('file', (field, stream, info) => {
      if (field !== 'file' || upload) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        fail(
          new AppError('payload_too_large', `The file is larger than ${Math.round(maxBytes / 1048576)} MB`, {
            fields: [{ field: 'file', message: `at most ${maxBytes} bytes` }],
          }),
        );
      });
      stream.on('end', () => {
        upload = { name: info.filename ?? '', data: Buffer.concat(chunks) };
      });
    });
    bb.on('error', () => fail(new AppError('bad_request', 'The multipart body is broken')));
    bb.on('partsLimit', () => fail(new AppError('bad_request', 'Too many parts')));
    bb.on('filesLimit', () => fail(new AppError('bad_request', 'One file at a time')));
    bb.on('close', () => {
      if (failed) reject(failed);
      else if (!upload) {
        reject(
          new AppError('validation_failed', 'Attach the file in the field `file`', {
            fields: [{ field: 'file', message: 'required' }],
          }),
        );
      } else resolve(upload);
    });
    req.on('aborted', () => fail(new AppError('bad_request', 'The upload was interrupted')));
    req.pipe(bb);
  });
}

/** A material row as the api answers it. */
export function view(row: {
  id: string;
  eventId: string;
  name: string;
  contentType: string;
  size: number;
  uploadedBy: string | null;
  uploadedAt: Date | string;
}): TMaterial {
  return {
    id: row.id,
    eventId: row.eventId,
    name: row.name,
    contentType: row.contentType,
    size: Number(row.size),
    uploadedBy: row.uploadedBy,
    uploadedAt: new Date(row.uploadedAt).toISOString(),
  };
}

/** Participants and staff of the event's colleges (anyone with a seat); others 403. */
export async function requireSeat(ctx: AppContext, actor: TActor, eventId: string) {
  const event = await ctx.db.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
  if (!event) throw notFound('Event');
  if (!(await findLiveSeat(ctx.db, actor, event.id))) {
    throw forbidden('Materials are for participants of this event and staff of its colleges');
  }
  return event;
}
