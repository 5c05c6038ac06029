import { randomBytes } from 'node:crypto';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { Db } from '@telemost/server/db/database';
import { eventSidesQuery } from '@telemost/server/db/event-sides';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 16 characters of base32 from 80 random bits: short enough to type, too many to guess. */
export function newCertificateCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** Hours from seconds, one decimal. */
export const hoursOf = (seconds: number) => Math.round(seconds / 360) / 10;

export type TCertificateRecord = {
  code: string;
  eventId: string;
  userId: string;
  holderName: string;
  locale: string;
  seconds: number;
  issuedAt: Date | string;
  revokedAt: Date | string | null;
  basis: 'attendance' | 'internship' | 'olympiad';
  result: {
    medal: 'gold' | 'silver' | 'bronze' | null;
    rank: number;
    score: number;
    maxScore: number;
  } | null;
  event: { id: string; title: string; kind: string; startAt: Date | string; endAt: Date | string };
  institutions: { name: TLocalizedText; city: TLocalizedText; timeZone: string }[];
  holderTimeZone: string;
};

/** A certificate with its event and the event's colleges, or undefined. */
export async function loadCertificate(db: Db, code: string): Promise<TCertificateRecord | undefined> {
  const row = await db
    .selectFrom('certificates as c')
    .innerJoin('events as e', 'e.id', 'c.eventId')
    .innerJoin('users as u', 'u.id', 'c.userId')
    .leftJoin('institutions as ui', 'ui.id', 'u.institutionId')
    .select([
      'c.code',
      'c.eventId',
      'c.userId',
      'c.holderName',
      'c.locale',
      'c.seconds',
      'c.issuedAt',
      'c.revokedAt',
      'c.basis',
      'c.medal',
      'c.rank',
      'c.score',
      'c.maxScore',
      'e.title',
      'e.kind',
      'e.startAt',
      'e.endAt',
      'u.timeZone as userZone',
      'ui.timeZone as institutionZone',
      'e.originZone',
    ])
    .where('c.code', '=', code)
    .executeTakeFirst();
  if (!row) return undefined;
  const institutions = await eventSidesQuery(db, row.eventId)
    .select(['i.name', 'i.city', 'i.timeZone'])
    .execute();
  return {
    code: row.code,
    eventId: row.eventId,
    userId: row.userId,
    holderName: row.holderName,
    locale: row.locale,
    seconds: row.seconds,
    issuedAt: row.issuedAt,
    revokedAt: row.revokedAt,
    basis: row.basis,
    result:
      row.basis === 'olympiad' && row.rank !== null && row.score !== null && row.maxScore !== null
        ? { medal: row.medal, rank: row.rank, score: row.score, maxScore: row.maxScore }
        : null,
    event: { id: row.eventId, title: row.title, kind: row.kind, startAt: row.startAt, endAt: row.endAt },
    institutions: institutions.map((i) => ({
      name: i.name as TLocalizedText,
      city: i.city as TLocalizedText,
      timeZone: i.timeZone,
    })),
    holderTimeZone: row.userZone ?? row.institutionZone ?? row.originZone,
  };
}

export async function listEventCertificates(db: Db, eventId: string, userId?: string) {
  let q = db
    .selectFrom('certificates')
    .select(['code', 'userId', 'holderName', 'seconds', 'issuedAt', 'revokedAt', 'basis', 'medal'])
    .where('eventId', '=', eventId);
  if (userId) q = q.where('userId', '=', userId);
  const rows = await q.orderBy('holderName').orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    userId: r.userId,
    holderName: r.holderName,
    hours: hoursOf(r.seconds),
    basis: r.basis,
    medal: r.medal,
    issuedAt: new Date(r.issuedAt).toISOString(),
    revokedAt: r.revokedAt ? new Date(r.revokedAt).toISOString() : null,
    valid: r.revokedAt === null,
  }));
}
