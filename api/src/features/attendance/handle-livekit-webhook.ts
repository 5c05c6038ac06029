import { parseRoomName } from '@telemost/core/schemas/classroom';
import { parseSessionRoomName } from '@telemost/core/schemas/programme';
import { cameraOwnerOf } from '@telemost/core/schemas/second-camera';
import {
  closeOpenSessions,
  endSession,
  recordJoin,
  recordLeave,
  setRoomStatus,
  type TParticipantSession,
} from '@telemost/server/attendance/attendance.repository';
import { pushRoomStatus } from '@telemost/server/attendance/room-status';
import { identityHasSeat } from '@telemost/server/live/live-seat';
import { createRoomService } from '@telemost/server/livekit/livekit-client';
import type { WebhookEvent } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { endSecondCameraOf } from '../second-camera/end-second-camera.ts';

// ParticipantInfo.Kind: people join as STANDARD (browsers) or SIP (phones); recorders (EGRESS),
// ingress and agents are not attendees.
const PEOPLE_KINDS = new Set([0, 3]);

export type TWebhookOutcome = { handled: boolean; event: string; eventId?: string; reason?: string };

function toDate(seconds: bigint | undefined, millis?: bigint): Date | null {
  if (millis && millis > 0n) return new Date(Number(millis));
  if (seconds && seconds > 0n) return new Date(Number(seconds) * 1000);
  return null;
}

/**
 * Turns one verified LiveKit webhook into attendance rows and the room's status, then pushes
 * `room:status` to the event's watchers. Rooms are named after events, and a breakout team's room
 * `<eventId>~<n>`: a stay in a team's room is a stay in the lesson (marked with its team), and only
 * the main room's comings and goings change the room status. A conference programme session's own
 * room `<eventId>~session-<sessionId>` is attendance of the event too, each stay marked with its
 * session; it lives only while the session is in the programme with a room of its own. Webhooks
 * about other rooms are acknowledged and ignored. Every branch is idempotent: LiveKit retries and
 * may reorder.
 */
export async function handleLiveKitWebhook(ctx: AppContext, webhook: WebhookEvent): Promise<TWebhookOutcome> {
  const name = webhook.room?.name ?? '';
  const sessionRoom = parseSessionRoomName(name);
  const parsed = parseRoomName(name) ?? (sessionRoom ? { eventId: sessionRoom.eventId, team: null } : null);
  if (!parsed) return { handled: false, event: webhook.event, reason: 'not a Telemost room' };
  const team = parsed.team;
  const programmeSessionId = sessionRoom?.sessionId ?? null;
  /** The main room: the one whose comings and goings are the room's status. */
  const mainRoom = team === null && programmeSessionId === null;
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'status', 'endAt', 'endedAt'])
    .where('id', '=', parsed.eventId)
    .executeTakeFirst();
  if (!event) return { handled: false, event: webhook.event, reason: 'no such event' };
  const at = toDate(webhook.createdAt) ?? ctx.now();
  const p = webhook.participant;
  const ignored = (reason: string): TWebhookOutcome => ({
    handled: false,
    event: webhook.event,
    eventId: event.id,
    reason,
  });
  const session = (): TParticipantSession | null =>
    p?.sid && p.identity && PEOPLE_KINDS.has(p.kind)
      ? {
          eventId: event.id,
          identity: p.identity,
          participantSid: p.sid,
          joinedAt: toDate(p.joinedAt, p.joinedAtMs) ?? at,
          breakout: team,
          programmeSessionId,
        }
      : null;

  const endedAt = event.endedAt ? new Date(event.endedAt) : null;
  // No room may live for an event that is not confirmed (cancelled, declined, moved back to
  // proposed) or is over (the worker's teardown time): a token minted before that change can
  // still connect, and LiveKit then re-creates the room.
  // A team's room lives only while its breakouts run (a token minted before they ended could
  // bring it back).
  const teamGone =
    team !== null &&
    !(await ctx.db
      .selectFrom('breakouts')
      .select('eventId')
      .where('eventId', '=', event.id)
      .where('teamCount', '>=', team)
      .executeTakeFirst());
  // A session's room lives only while the session is in the programme with a room of its own.
  const sessionGone =
    programmeSessionId !== null &&
    !(await ctx.db
      .selectFrom('programmeSessions')
      .select('id')
      .where('id', '=', programmeSessionId)
      .where('eventId', '=', event.id)
      .where('ownRoom', '=', true)
      .executeTakeFirst());
  const notLive =
    teamGone ||
    sessionGone ||
    event.status !== 'confirmed' ||
    ctx.now().getTime() >= new Date(event.endAt).getTime() + ctx.env.ROOM_CLOSE_GRACE_MINUTES * 60_000;
  // A host ended the lesson, or it is not live, yet the room is back (a token minted before, or
  // the worker's room job): take it down again, and keep the stay out of the lesson's time.
  const closeAgain = async () => {
    await createRoomService(ctx.env)
      .deleteRoom(name)
      .catch((err: Error) => ctx.logger.debug({ err: err.message, eventId: event.id }, 'room already gone'));
  };

  // A phone camera (`<ownerId>#camera`) is its owner's second video, not a person: it is never
  // attendance, and it may only be in the main room while its owner is.
  const cameraOwner = p?.identity ? cameraOwnerOf(p.identity) : null;
  if (cameraOwner) {
    if (webhook.event === 'participant_joined') {
      if (endedAt || notLive) await closeAgain();
      else if (!mainRoom || !(await identityHasSeat(ctx.db, cameraOwner, event.id))) {
        await createRoomService(ctx.env)
          .removeParticipant(name, p!.identity)
          .catch((err: Error) => ctx.logger.debug({ err: err.message }, 'phone camera already gone'));
      } else {
        // Its owner may have left between the pairing and this join.
        await endSecondCameraOf(ctx, name, cameraOwner).catch((err: Error) =>
          ctx.logger.warn({ err: err.message, eventId: event.id }, 'could not check the phone camera'),
        );
      }
    }
    return ignored('a phone camera');
  }
  const ownerLeft = async () => {
    if (!mainRoom || !p?.identity) return;
    await endSecondCameraOf(ctx, name, p.identity).catch((err: Error) =>
      ctx.logger.warn({ err: err.message, eventId: event.id }, 'could not remove the phone camera'),
    );
  };

  switch (webhook.event) {
    case 'room_started':
      if (endedAt || notLive) await closeAgain();
      else if (mainRoom) await setRoomStatus(ctx.db, event.id, 'open', ['open']);
      break;
    case 'room_finished':
      await closeOpenSessions(
        ctx.db,
        event.id,
        at,
        programmeSessionId ? { programmeSessionId } : { breakout: team },
      );
      if (mainRoom) await setRoomStatus(ctx.db, event.id, 'closed', ['closed']);
      break;
    case 'participant_joined': {
      const s = session();
      if (!s) return ignored('not a person');
      if (notLive && !endedAt) {
        // Not attendance: nobody may be in this room. Deleting it disconnects them.
        ctx.logger.warn(
          { eventId: event.id, identity: s.identity, status: event.status },
          'participant joined a room that should not exist; removing the room',
        );
        await closeAgain();
        break;
      }
      // A browser (STANDARD) participant joins with a token we minted, named after a user. One who
      // has no seat any more (taken off the event, or disabled since the token) is put out.
      if (p?.kind === 0) {
        if (!(await identityHasSeat(ctx.db, s.identity, event.id))) {
          ctx.logger.warn(
            { eventId: event.id, identity: s.identity },
            'participant without a seat removed from the room',
          );
          await createRoomService(ctx.env)
            .removeParticipant(name, s.identity)
            .catch((err: Error) =>
              ctx.logger.debug({ err: err.message, eventId: event.id }, 'participant already gone'),
            );
          return ignored('no seat');
        }
      }
      await recordJoin(ctx.db, s);
      if (endedAt) {
        await endSession(ctx.db, s.participantSid, endedAt);
        await closeAgain();
        break;
      }
      // Someone is in the room, so it exists, whatever an earlier webhook said.
      if (mainRoom) await setRoomStatus(ctx.db, event.id, 'open', ['open']);
      break;
    }
    case 'participant_left': {
      const s = session();
      if (!s) return ignored('not a person');
      await recordLeave(ctx.db, { ...s, leftAt: at });
      await ownerLeft();
      break;
    }
    case 'participant_connection_aborted': {
      // Signalling connected but media never did: not attendance, unless a stay was recorded
      // (by the reconciliation), which ends here.
      const s = session();
      if (!s) return ignored('not a person');
      await endSession(ctx.db, s.participantSid, at);
      await ownerLeft();
      break;
    }
    default:
      return ignored('not tracked');
  }
  await pushRoomStatus(ctx.db, ctx.realtime, event.id);
  return { handled: true, event: webhook.event, eventId: event.id };
}
