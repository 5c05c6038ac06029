import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TActor } from '@telemost/core/permissions';
import type { TJuryCredential } from '@telemost/core/schemas/invitation';
import type { AppContext } from '../../context.ts';
import { AppError, forbidden } from '../../lib/app-error.ts';
import {
  assertInvitationUsable,
  findGuestByKey,
  findInvitationByToken,
  loadPublicEvent,
} from '../invitations/invitations.repository.ts';

/** How long a jury credential lasts; the page asks for a fresh one with the guest key before. */
export const JURY_CREDENTIAL_SECONDS = 15 * 60;

/** Someone who came by a jury invitation, as the olympiad's routes see them. */
export type TJuryGuest = {
  guestId: string;
  eventId: string;
  invitationId: string;
  displayName: string;
  label: string | null;
  institutionId: string | null;
};

/** Who asks an olympiad route: a signed-in user, or a juror invited by link. */
export type TOlympiadViewer = { kind: 'user'; actor: TActor } | { kind: 'guest'; guest: TJuryGuest };

/** The id this viewer has on the jury (and in marks): the user's, or the guest's. */
export const viewerId = (v: TOlympiadViewer) => (v.kind === 'user' ? v.actor.id : v.guest.guestId);

type TPayload = { v: 1; g: string; e: string; exp: number };

/** Its own key, derived from the session secret: a credential is no session cookie and no room token. */
const keyOf = (ctx: AppContext) =>
  createHmac('sha256', ctx.env.SESSION_SECRET).update('telemost jury credential v1').digest();

const sign = (ctx: AppContext, body: string) =>
  createHmac('sha256', keyOf(ctx)).update(body).digest('base64url');

function issue(ctx: AppContext, guestId: string, eventId: string, now: Date) {
  const exp = Math.floor(now.getTime() / 1000) + JURY_CREDENTIAL_SECONDS;
  const body = Buffer.from(JSON.stringify({ v: 1, g: guestId, e: eventId, exp } satisfies TPayload)).toString(
    'base64url',
  );
  return { credential: `${body}.${sign(ctx, body)}`, expiresAt: new Date(exp * 1000).toISOString() };
}

const invalid = () =>
  new AppError(
    'unauthenticated',
    'The jury credential is not valid or has expired; open the invitation again',
  );

function verify(ctx: AppContext, credential: string, now: Date): TPayload {
  const [body, mac, extra] = credential.split('.');
  if (!body || !mac || extra !== undefined) throw invalid();
  const want = Buffer.from(sign(ctx, body));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) throw invalid();
  let payload: TPayload;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TPayload;
  } catch {
    throw invalid();
  }
  if (payload.v !== 1 || typeof payload.g !== 'string' || typeof payload.e !== 'string') throw invalid();
  if (!(payload.exp > now.getTime() / 1000)) throw invalid();
  return payload;
}

/**
 * The juror a credential stands for, checked against the database on every request: still
 * admitted, by a jury invitation of this event that is neither revoked (410
 * `invitation_revoked`) nor expired. So a host's revocation stops marking at once, not when the
 * credential runs out.
 */
async function juryGuestOf(ctx: AppContext, guestId: string, now: Date): Promise<TJuryGuest> {
  const row = await ctx.db
    .selectFrom('invitationGuests as g')
    .innerJoin('invitations as i', 'i.id', 'g.invitationId')
    .select([
      'g.id as guestId',
      'g.displayName',
      'g.status',
      'i.id',
      'i.eventId',
      'i.role',
      'i.label',
      'i.expiresAt',
      'i.maxUses',
      'i.uses',
      'i.lobby',
      'i.createdBy',
      'i.createdAt',
      'i.revokedAt',
      'i.institutionId',
    ])
    .where('g.id', '=', guestId)
    .executeTakeFirst();
  if (row?.role !== 'jury' || row.status !== 'admitted') throw invalid();
  assertInvitationUsable(row, now, { ignoreUses: true });
  return {
    guestId: row.guestId,
    eventId: row.eventId,
    invitationId: row.id,
    displayName: row.displayName,
    label: row.label,
    institutionId: row.institutionId,
  };
}

/** Who is asking an olympiad route of `eventId`: the credential's juror if one was sent, else the user. */
export async function olympiadViewer(
  ctx: AppContext,
  actor: TActor | null,
  bearer: string | null,
  eventId: string,
): Promise<TOlympiadViewer> {
  if (!bearer) {
    if (!actor) throw new AppError('unauthenticated', 'Please sign in');
    return { kind: 'user', actor };
  }
  const now = ctx.now();
  const payload = verify(ctx, bearer, now);
  if (payload.e !== eventId) throw forbidden('This jury credential is for another event');
  return { kind: 'guest', guest: await juryGuestOf(ctx, payload.g, now) };
}

/**
 * A juror who came by a jury invitation (and was let in) exchanges their guest key for a
 * credential for the olympiad's jury routes, with what the page needs to show the event. The link
 * must still work; its uses are not counted again. Guests and speakers get 403.
 */
export async function issueJuryCredential(
  ctx: AppContext,
  token: string,
  guestKey: string,
): Promise<TJuryCredential> {
  const now = ctx.now();
  const invitation = assertInvitationUsable(await findInvitationByToken(ctx.db, token), now, {
    ignoreUses: true,
  });
  if (invitation.role !== 'jury') throw forbidden('Only a jury invitation reaches the jury tools');
  const guest = await findGuestByKey(ctx.db, invitation.id, guestKey);
  if (!guest) throw forbidden('This guest key is not of this invitation');
  if (guest.status !== 'admitted') throw forbidden('A host has not let you in yet');
  return {
    ...issue(ctx, guest.id, invitation.eventId, now),
    jurorId: guest.id,
    event: await loadPublicEvent(ctx.db, invitation.eventId),
  };
}
