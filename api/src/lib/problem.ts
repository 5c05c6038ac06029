import type { Duplex } from 'node:stream';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { AppError, type TFieldError } from './app-error.ts';

/** RFC 9457 problem document. `errors` lists the fields at fault. */
export type TProblem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: TFieldError[];
  [key: string]: unknown;
};

export function zodToFieldErrors(error: ZodError, prefix?: string): TFieldError[] {
  return error.issues.map((issue) => {
    const p = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return {
        field: [...(prefix ? [prefix] : []), ...p, ...issue.keys].join('.'),
        message: 'unknown field',
        code: issue.code,
      };
    }
    return {
      field: [...(prefix ? [prefix] : []), ...p].join('.') || (prefix ?? ''),
      message: issue.message,
      code: issue.code,
    };
  });
}

/** Maps anything thrown to an AppError, so no client ever sees a raw 500 for its own mistake. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    return new AppError('validation_failed', 'The request is not valid', { fields: zodToFieldErrors(err) });
  }
  const e = err as { type?: string; status?: number; statusCode?: number; code?: string; message?: string };
  // body-parser errors
  if (e?.type === 'entity.parse.failed')
    return new AppError('malformed_json', 'The request body is not valid JSON');
  if (e?.type === 'entity.too.large')
    return new AppError('payload_too_large', 'The request body is too large');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new AppError('unsupported_media_type', 'Unsupported body encoding');
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError('bad_request', e.message ?? 'Bad request');
  }
  // Postgres errors that mean the input was wrong rather than the server.
  if (e?.code === '23P01') return new AppError('booking_conflict', 'This time overlaps another booking');
  if (e?.code === '22P02' || e?.code === '22007' || e?.code === '22008' || e?.code === '22003') {
    return new AppError('validation_failed', 'A value is out of range or malformed');
  }
  if (e?.code === '23505') return new AppError('conflict', 'This already exists');
  if (e?.code === '23503') return new AppError('validation_failed', 'A referenced record does not exist');
  return new AppError('internal', 'Something went wrong on our side. Please try again.');
}

export function problemFor(err: AppError, instance?: string, requestId?: string): TProblem {
  return {
    // Extras first: they may add members, never replace the standard ones (RFC 9457).
    ...err.extra,
    type: `https://telemost.app/problems/${err.code.replaceAll('_', '-')}`,
    title: err.message,
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(err.fields.length ? { errors: err.fields } : {}),
  };
}

export const errorMiddleware: ErrorRequestHandler = (err, req, res, _next) => {
  const appError = toAppError(err);
  const log = req.log ?? console;
  if (appError.status >= 500) log.error({ err }, 'request failed');
  else log.info({ code: appError.code, fields: appError.fields }, appError.message);
  if (res.headersSent) return;
  res
    .status(appError.status)
    .type('application/problem+json')
    .send(JSON.stringify(problemFor(appError, req.originalUrl, String(req.id ?? ''))));
};

export const notFoundMiddleware: RequestHandler = (req, _res, next) => {
  next(new AppError('not_found', `No route for ${req.method} ${req.path}`));
};

/**
 * Answers what Node's HTTP parser refuses before Express sees it (headers or URL too large, a
 * malformed request line) as problem+json too, instead of Node's bare status line.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const appError =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new AppError('headers_too_large', 'The request headers (or its URL) are too large')
      : new AppError('bad_request', 'The request is not valid HTTP');
  const body = JSON.stringify(problemFor(appError));
  socket.end(
    `HTTP/1.1 ${appError.status} ${appError.status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
