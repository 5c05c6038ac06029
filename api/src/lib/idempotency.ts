import { createHash } from 'node:crypto';
import type { Db } from '@telemost/server/db/database';
import type { Request } from 'express';
import { sql } from 'kysely';
import { AppError } from './app-error.ts';

/** How long a key is remembered: a retry within this time replays the first answer. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** How long a claim in progress blocks its key; after that (its process died) a retry runs again. */
export const IDEMPOTENCY_LEASE_SECONDS = 10;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export type TIdempotencyClaim =
  | { kind: 'claimed'; store: (status: number, body: unknown) => Promise<void>; release: () => Promise<void> }
  | { kind: 'replay'; status: number; body: unknown };

/** The `Idempotency-Key` header, or null; a malformed one is a 422 naming the header. */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('idempotency-key');
  if (key === undefined) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('validation_failed', 'The Idempotency-Key header is not valid', {
      fields: [{ field: 'Idempotency-Key', message: '1 to 255 visible ASCII characters' }],
    });
  }
  return key;
}

/**
 * Claims (user, key) before the write runs: insert-first, so two concurrent requests with one key
 * never both run. A finished claim replays its stored answer; the same key with another request is
 * refused (422); one still in progress is a retriable 409. An expired key, or a claim whose lease ran
 * out (its process died before storing the answer), is taken over and the request runs again.
 */
export async function claimIdempotencyKey(
  db: Db,
  userId: string,
  key: string,
  req: Request,
): Promise<TIdempotencyClaim> {
  const hash = createHash('sha256')
    .update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(req.body ?? null)}`)
    .digest('base64url');
  if (Math.random() < 0.01) {
    await sql`DELETE FROM idempotency_keys WHERE expires_at < now()`.execute(db);
  }
  const claimed = await sql`
    INSERT INTO idempotency_keys (user_id, key, request_hash, locked_until, expires_at)
    VALUES (${userId}, ${key}, ${hash}, now() + make_interval(secs => ${IDEMPOTENCY_LEASE_SECONDS}),
      now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}))
    ON CONFLICT (user_id, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status = NULL,
      body = NULL, created_at = now(), locked_until = EXCLUDED.locked_until, expires_at = EXCLUDED.expires_at
    WHERE idempotency_keys.expires_at < now()
      OR (idempotency_keys.status IS NULL AND idempotency_keys.locked_until < now()
          AND idempotency_keys.request_hash = EXCLUDED.request_hash)
    RETURNING 1 AS ok`.execute(db);
  if (claimed.rows.length) {
    return {
      kind: 'claimed',
      store: async (status, body) => {
        await sql`UPDATE idempotency_keys SET status = ${status}, body = ${JSON.stringify(body ?? null)}::jsonb
          WHERE user_id = ${userId} AND key = ${key}`.execute(db);
      },
      // A failed write changed nothing: forget the claim, so a retry runs it again.
      release: async () => {
        await sql`DELETE FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key} AND status IS NULL`.execute(
          db,
        );
      },
    };
  }
  const { rows } = await sql<{ requestHash: string; status: number | null; body: unknown }>`
    SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key}`.execute(
    db,
  );
  const row = rows[0];
  if (!row) return claimIdempotencyKey(db, userId, key, req); // deleted in between: try again
  if (row.requestHash !== hash) {
    throw new AppError(
      'idempotency_key_reused',
      'This Idempotency-Key was already used for another request',
      {
        fields: [{ field: 'Idempotency-Key', message: 'used with a different request; send a new key' }],
      },
    );
  }
  if (row.status === null) {
    throw new AppError(
      'idempotency_in_progress',
      'A request with this Idempotency-Key is still in progress',
      {
        fields: [{ field: 'Idempotency-Key', message: 'in progress; retry in a moment' }],
      },
    );
  }
  return { kind: 'replay', status: row.status, body: row.body };
}
