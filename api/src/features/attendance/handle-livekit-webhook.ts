import type { WebhookEvent } from 'livekit-server-sdk';
import type { AppContext } from '../../context.ts';
import { createRoomService } from '../livekit/livekit-client.ts';
import {
  closeOpenSessions,
  endSession,
  recordJoin,
  recordLeave,
  setRoomStatus,
  type TParticipantSession,
} from './attendance.repository.ts';
import { pushRoomStatus } from './room-status.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
 * `room:status` to the event's watchers. Rooms are named after events; webhooks about other rooms
 * are acknowledged and ignored. Every branch is idempotent: LiveKit retries and may reorder.
 */
export async function handleLiveKitWebhook(ctx: AppContext, webhook: WebhookEvent): Promise<TWebhookOutcome> {
  const name = webhook.room?.name ?? '';
  if (!UUID.test(name)) return { handled: false, event: webhook.event, reason: 'not a Telemost room' };
  const event = await ctx.db
    .selectFrom('events')
    .select(['id', 'endedAt'])
    .where('id', '=', name)
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
        }
      : null;

  const endedAt = event.endedAt ? new Date(event.endedAt) : null;
  // A host ended the lesson, yet the room is back (a token minted before the end, or the
  // worker's room job): take it down again, and keep the stay out of the lesson's time.
  const closeAgain = async () => {
    await createRoomService(ctx.env)
      .deleteRoom(event.id)
      .catch((err: Error) => ctx.logger.debug({ err: err.message, eventId: event.id }, 'room already gone'));
  };

  switch (webhook.event) {
    case 'room_started':
      if (endedAt) await closeAgain();
      else await setRoomStatus(ctx.db, event.id, 'open', ['open']);
      break;
    case 'room_finished':
      await closeOpenSessions(ctx.db, event.id, at);
      await setRoomStatus(ctx.db, event.id, 'closed', ['closed']);
      break;
    case 'participant_joined': {
      const s = session();
      if (!s) return ignored('not a person');
      await recordJoin(ctx.db, s);
      if (endedAt) {
        await endSession(ctx.db, s.participantSid, endedAt);
        await closeAgain();
        break;
      }
      // Someone is in the room, so it exists, whatever an earlier webhook said.
      await setRoomStatus(ctx.db, event.id, 'open', ['open']);
      break;
    }
    case 'participant_left': {
      const s = session();
      if (!s) return ignored('not a person');
      await recordLeave(ctx.db, { ...s, leftAt: at });
      break;
    }
    case 'participant_connection_aborted': {
      // Signalling connected but media never did: not attendance, unless a stay was recorded
      // (by the reconciliation), which ends here.
      const s = session();
      if (!s) return ignored('not a person');
      await endSession(ctx.db, s.participantSid, at);
      break;
    }
    default:
      return ignored('not tracked');
  }
  await pushRoomStatus(ctx.db, ctx.realtime, event.id);
  return { handled: true, event: webhook.event, eventId: event.id };
}
