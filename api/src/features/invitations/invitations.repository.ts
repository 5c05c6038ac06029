import { createHash, randomBytes } from 'node:crypto';
import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TInvitation, TJuryCredential } from '@telemost/core/schemas/invitation';
import type { Db } from '@telemost/server/db/database';
import { eventSidesQuery } from '@telemost/server/db/event-sides';
import { AppError, notFound } from '../../lib/app-error.ts';

/** A fresh secret (link token or guest key): 32 random bytes, base64url. */
export const newSecret = () => randomBytes(32).toString('base64url');
/** Only this is stored: a token read from the database cannot be used as a link. */
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export type TInvitationRow = {
  id: string;
  eventId: string;
  role: 'guest' | 'speaker' | 'jury';
  label: string | null;
  expiresAt: Date | string | null;
  maxUses: number | null;
  uses: number;
  lobby: boolean;
  createdBy: string;
  createdAt: Date | string;
  revokedAt: Date | string | null;
  institutionId: string | null;
};

/** The columns of a `TInvitationRow` (never the token's hash). */
export const INVITATION_COLUMNS = [
  'id',
  'eventId',
  'role',
  'label',
  'expiresAt',
  'maxUses',
  'uses',
  'lobby',
  'createdBy',
  'createdAt',
  'revokedAt',
  'institutionId',
] as const;

export async function findInvitationByToken(db: Db, token: string): Promise<TInvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .select(INVITATION_COLUMNS)
    .where('tokenHash', '=', hashSecret(token))
    .executeTakeFirst();
}

export async function listEventInvitations(db: Db, eventId: string): Promise<TInvitationRow[]> {
  return db
    .selectFrom('invitations')
    .select(INVITATION_COLUMNS)
    .where('eventId', '=', eventId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** Why a link no longer lets anyone in, or `active`. */
export function invitationState(row: TInvitationRow, now: Date): TInvitation['state'] {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && new Date(row.expiresAt) <= now) return 'expired';
  if (row.maxUses !== null && row.uses >= row.maxUses) return 'used_up';
  return 'active';
}

export function toInvitation(row: TInvitationRow, now: Date): TInvitation {
  return {
    id: row.id,
    eventId: row.eventId,
    role: row.role,
    label: row.label,
    expiresAt: iso(row.expiresAt ?? now),
    maxUses: row.maxUses,
    uses: row.uses,
    lobby: row.lobby,
    createdAt: iso(row.createdAt),
    createdBy: row.createdBy,
    revokedAt: row.revokedAt ? iso(row.revokedAt) : null,
    institutionId: row.institutionId,
    state: invitationState(row, now),
  };
}

/** 404 for an unknown token; 410 with a code saying why for one that no longer works. */
export function assertInvitationUsable(
  row: TInvitationRow | undefined,
  now: Date,
  options: { ignoreUses?: boolean } = {},
): TInvitationRow {
  if (!row) throw notFound('Invitation');
  const state = invitationState(row, now);
  if (state === 'revoked') {
    throw new AppError('invitation_revoked', 'This invitation was withdrawn by the organisers', {
      extra: { revokedAt: iso(row.revokedAt!) },
    });
  }
  if (state === 'expired') {
    throw new AppError('invitation_expired', 'This invitation has expired', {
      extra: { expiresAt: iso(row.expiresAt!) },
    });
  }
  if (state === 'used_up' && !options.ignoreUses) {
    throw new AppError(
      'invitation_used_up',
      'This invitation has been used by as many people as it was for',
      {
        extra: { maxUses: row.maxUses },
      },
    );
  }
  return row;
}

/**
 * Takes one use of the link, atomically: the row is locked by the UPDATE, so concurrent joins
 * past `max_uses` find the condition false and get nothing. Returns whether a use was taken.
 */
export async function takeInvitationUse(db: Db, invitationId: string, now: Date): Promise<boolean> {
  const taken = await db
    .updateTable('invitations')
    .set((eb) => ({ uses: eb('uses', '+', 1) }))
    .where('id', '=', invitationId)
    .where('revokedAt', 'is', null)
    .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', now)]))
    .where((eb) => eb.or([eb('maxUses', 'is', null), eb('uses', '<', eb.ref('maxUses'))]))
    .returning('id')
    .executeTakeFirst();
  return taken !== undefined;
}

export type TGuestRow = {
  id: string;
  invitationId: string;
  eventId: string;
  displayName: string;
  identity: string;
  status: 'waiting' | 'admitted' | 'denied';
  createdAt: Date | string;
};

const GUEST_COLUMNS = [
  'id',
  'invitationId',
  'eventId',
  'displayName',
  'identity',
  'status',
  'createdAt',
] as const;

/** The guest a key was given to, for this invitation. */
export async function findGuestByKey(
  db: Db,
  invitationId: string,
  key: string,
): Promise<TGuestRow | undefined> {
  return db
    .selectFrom('invitationGuests')
    .select(GUEST_COLUMNS)
    .where('invitationId', '=', invitationId)
    .where('keyHash', '=', hashSecret(key))
    .executeTakeFirst();
}

/** The people invited by link who have been in (or waited for) an event, by LiveKit identity. */
export async function guestsByIdentity(
  db: Db,
  eventId: string,
): Promise<Map<string, { displayName: string; label: string | null; role: string }>> {
  const rows = await db
    .selectFrom('invitationGuests as g')
    .innerJoin('invitations as i', 'i.id', 'g.invitationId')
    .select(['g.identity', 'g.displayName', 'i.label', 'i.role'])
    .where('g.eventId', '=', eventId)
    .execute();
  return new Map(rows.map((r) => [r.identity, { displayName: r.displayName, label: r.label, role: r.role }]));
}

/**
 * An event as the pages of people invited by link show it: title, kind, times, and its colleges in
 * side order (Russia's first) with their names, cities and zones, for both clocks.
 */
export async function loadPublicEvent(db: Db, eventId: string): Promise<TJuryCredential['event']> {
  const [event, sides] = await Promise.all([
    db
      .selectFrom('events')
      .select(['id', 'title', 'kind', 'startAt', 'endAt'])
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow(),
    eventSidesQuery(db, eventId).select(['i.id', 'i.name', 'i.city', 'i.timeZone']).execute(),
  ]);
  return {
    id: event.id,
    title: event.title,
    kind: event.kind as TJuryCredential['event']['kind'],
    start: new Date(event.startAt).toISOString(),
    end: new Date(event.endAt).toISOString(),
    institutions: sides.map((s) => ({
      id: s.id,
      name: s.name as TLocalizedText,
      city: s.city as TLocalizedText,
      timeZone: s.timeZone,
    })),
  };
}
