import type { TActor } from '@telemost/core/permissions';
import type { TPromotedSpeaker } from '@telemost/core/schemas/programme';
import { findActor, findLiveSeat } from '@telemost/server/live/live-seat';
import { createRoomService } from '@telemost/server/livekit/livekit-client';
import { writeAudit } from '@telemost/server/outbox/record-change';
import { TrackSource } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { AppError } from '../../lib/app-error.ts';
import { requireProgrammeHost } from './save-session.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who an identity in the hall is: a user with a seat that is not a host's, or a guest admitted by
 * an invitation of this event. Hosts publish anyway and are not promoted (422 on `identity`).
 */
async function audienceMember(ctx: AppContext, eventId: string, identity: string): Promise<{ name: string }> {
  const unknown = (message: string) =>
    new AppError('validation_failed', 'Only someone of the audience can be promoted', {
      fields: [{ field: 'identity', message, code: 'not_in_audience' }],
    });
  if (identity.startsWith('guest:')) {
    const guest = await ctx.db
      .selectFrom('invitationGuests as g')
      .innerJoin('invitations as i', 'i.id', 'g.invitationId')
      .select(['g.displayName'])
      .where('g.identity', '=', identity)
      .where('g.eventId', '=', eventId)
      .where('g.status', '=', 'admitted')
      .where('i.revokedAt', 'is', null)
      .executeTakeFirst();
    if (!guest) throw unknown('not a guest admitted to this event');
    return { name: guest.displayName };
  }
  if (!UUID.test(identity)) throw unknown('not a participant of this event');
  const actor = await findActor(ctx.db, identity);
  const seat = actor ? await findLiveSeat(ctx.db, actor, eventId) : null;
  if (!seat) throw unknown('not a participant of this event');
  if (seat.access === 'host') throw unknown('a host publishes already');
  return { name: seat.name };
}

/** The rooms someone of the hall may be in: the main hall and the sessions' own rooms. */
async function hallRooms(ctx: AppContext, eventId: string): Promise<string[]> {
  const own = await ctx.db
    .selectFrom('programmeSessions')
    .select('hall')
    .where('eventId', '=', eventId)
    .where('ownRoom', '=', true)
    .execute();
  return [eventId, ...own.map((r) => r.hall)];
}

/**
 * Applies a promotion (or its end) to the person in every room of the event they are in right
 * now. LiveKit replaces the whole permission set, so every permission is restated: listeners keep
 * subscribing and sending data (a raised hand); a speaker publishes camera and microphone. Returns
 * whether LiveKit applied it anywhere (false: not in a room, or LiveKit away; the stored promotion
 * applies on their next token).
 */
async function applyLive(ctx: AppContext, eventId: string, identity: string, speaker: boolean) {
  const service = createRoomService(ctx.env);
  let applied = false;
  for (const room of await hallRooms(ctx, eventId)) {
    try {
      await service.updateParticipant(room, identity, {
        permission: {
          canSubscribe: true,
          canPublish: speaker,
          canPublishData: true,
          canPublishSources: speaker ? [TrackSource.CAMERA, TrackSource.MICROPHONE] : [],
        },
      });
      applied = true;
    } catch (err) {
      ctx.logger.debug(
        { err: (err as Error).message, eventId, identity, room },
        'speaker change not applied live',
      );
    }
  }
  return applied;
}

/**
 * A host of either college promotes someone of the audience to speaker (for a question): stored
 * until demoted, so that a reconnect's token publishes too, and applied at once in the room.
 * Promoting again changes nothing but re-applies it live.
 */
export async function promoteSpeaker(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  identity: string,
): Promise<TPromotedSpeaker> {
  const event = await requireProgrammeHost(ctx, actor, eventId);
  const member = await audienceMember(ctx, event.id, identity);
  const row = await ctx.db
    .insertInto('eventSpeakers')
    .values({ eventId: event.id, identity, name: member.name, promotedBy: actor.id, promotedAt: ctx.now() })
    .onConflict((oc) => oc.columns(['eventId', 'identity']).doUpdateSet({ name: member.name }))
    .returning(['promotedAt'])
    .executeTakeFirstOrThrow();
  await writeAudit(ctx.db, {
    actorId: actor.id,
    action: 'audience.promoted',
    entity: 'event',
    entityId: event.id,
    data: { identity },
  });
  const appliedLive = await applyLive(ctx, event.id, identity, true);
  return {
    identity,
    name: member.name,
    promoted: true,
    promotedAt: new Date(row.promotedAt).toISOString(),
    appliedLive,
  };
}

/** A host ends a promotion: the person listens again, at once in the room and on every next token. */
export async function demoteSpeaker(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
  identity: string,
): Promise<TPromotedSpeaker> {
  const event = await requireProgrammeHost(ctx, actor, eventId);
  const removed = await ctx.db
    .deleteFrom('eventSpeakers')
    .where('eventId', '=', event.id)
    .where('identity', '=', identity)
    .returning(['name'])
    .executeTakeFirst();
  if (removed) {
    await writeAudit(ctx.db, {
      actorId: actor.id,
      action: 'audience.demoted',
      entity: 'event',
      entityId: event.id,
      data: { identity },
    });
  }
  const appliedLive = await applyLive(ctx, event.id, identity, false);
  return { identity, name: removed?.name ?? null, promoted: false, promotedAt: null, appliedLive };
}

/** The audience members promoted to speaker now, in the order they were promoted. */
export async function listSpeakers(
  ctx: AppContext,
  actor: TActor,
  eventId: string,
): Promise<TPromotedSpeaker[]> {
  const event = await requireProgrammeHost(ctx, actor, eventId);
  const rows = await ctx.db
    .selectFrom('eventSpeakers')
    .select(['identity', 'name', 'promotedAt'])
    .where('eventId', '=', event.id)
    .orderBy('promotedAt')
    .execute();
  return rows.map((r) => ({
    identity: r.identity,
    name: r.name,
    promoted: true,
    promotedAt: new Date(r.promotedAt).toISOString(),
    appliedLive: false,
  }));
}
