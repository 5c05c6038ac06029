import { cameraOwnerOf } from '@telemost/core/schemas/second-camera';
import {
  closeOpenSessions,
  openSessionSids,
  recordJoin,
  setRoomStatus,
} from '@telemost/server/attendance/attendance.repository';
import { pushRoomStatus } from '@telemost/server/attendance/room-status';
import { identityHasSeat } from '@telemost/server/live/live-seat';
import { sharedRoomService } from '@telemost/server/livekit/livekit-client';
import { sql } from 'kysely';
import type { Room } from 'livekit-server-sdk';
import { loadRoomEvent } from '../events/events.repository.ts';
import { childRoomIsLive, childRoomOf } from './child-rooms.ts';
import { closeRoom, deleteRoomIfThere } from './close-room.ts';
import { provisionRoom } from './provision-room.ts';
import { roomIsOver, roomOpensAt, type TRoomDeps } from './room-policy.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ParticipantInfo.Kind STANDARD (browsers) and SIP (phones) are people; recorders and agents not.
const PEOPLE_KINDS = new Set([0, 3]);
// ParticipantInfo.State JOINED (signalling up) and ACTIVE (media up); not JOINING or DISCONNECTED.
const IN_ROOM_STATES = new Set([1, 2]);

/** Allowance for clock skew between the LiveKit machine (join times) and this one. */
const ASK_MARGIN_MS = 5000;

export type TReconcileOutcome = {
  opened: number;
  closed: number;
  joinsAdded: number;
  staysEnded: number;
  /** People put out of a room they no longer have a seat in (taken off the event, disabled). */
  removed: number;
};

/**
 * The people in one of the event's rooms, after putting out those with no seat in the event. A
 * browser participant (STANDARD) whose seat is gone since their token was minted is put out
 * whether or not LiveKit's webhook about their join arrived. A phone camera (`<ownerId>#camera`)
 * is not attendance, and goes when its owner is not in the room (the webhook about the owner's
 * leaving may have been lost).
 */
async function putOutUnseated(deps: TRoomDeps, room: string, eventId: string) {
  const rooms = sharedRoomService(deps.env);
  const listedPeople = (await rooms.listParticipants(room)).filter(
    (p) => PEOPLE_KINDS.has(p.kind) && IN_ROOM_STATES.has(p.state),
  );
  const participants: typeof listedPeople = [];
  let removed = 0;
  const present = new Set(listedPeople.map((p) => p.identity));
  for (const p of listedPeople) {
    const owner = cameraOwnerOf(p.identity);
    const seated = owner
      ? present.has(owner) && (await identityHasSeat(deps.db, owner, eventId))
      : p.kind !== 0 || (await identityHasSeat(deps.db, p.identity, eventId));
    if (!seated) {
      await rooms.removeParticipant(room, p.identity).catch(() => {});
      removed += 1;
    } else if (!owner) participants.push(p);
  }
  return { participants, removed };
}

/**
 * Brings the database in line with what LiveKit really has, because webhooks and delayed jobs can
 * be lost (LiveKit gives up on a webhook after a few tries; Redis can lose data):
 * - a room that should be gone (event cancelled, declined or over) is closed, and with it its
 *   teams' and sessions' rooms; a team's room also goes when its breakouts ended, a session's when
 *   the session left the programme;
 * - a due room that is missing (never created, failed, or lost in a LiveKit restart) is created;
 * - in a live room, participants the database does not know are recorded as joined, and stays
 *   the database still holds open for people LiveKit no longer lists are ended now.
 * Throws when LiveKit is unreachable; the next run tries again.
 */
export async function reconcileRooms(deps: TRoomDeps): Promise<TReconcileOutcome> {
  const rooms = sharedRoomService(deps.env);
  const now = deps.now();
  const expected = await deps.db
    .selectFrom('events')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('roomStatus', 'in', ['creating', 'open']),
        eb.and([
          eb('status', '=', 'confirmed'),
          eb('roomStatus', 'in', ['none', 'failed']),
          eb('endAt', '>', now),
          eb(
            'startAt',
            '<=',
            sql<Date>`${now}::timestamptz + ${deps.env.ROOM_OPEN_LEAD_MINUTES} * interval '1 minute'`,
          ),
        ]),
      ]),
    )
    .execute();
  const outcome: TReconcileOutcome = { opened: 0, closed: 0, joinsAdded: 0, staysEnded: 0, removed: 0 };
  // Stays that began after LiveKit was asked are left alone: their webhook may have just landed.
  const askedAt = () => new Date(Date.now() - ASK_MARGIN_MS);
  const roomsAskedAt = askedAt();
  // Even when no room is open or due, LiveKit is asked: a join token minted before a cancel can
  // bring a room back with nobody told (its webhooks lost), and people in it must be put out.
  // With nothing expected, a LiveKit that is not there (not installed) is not an error.
  const listed = await rooms.listRooms().catch((err: unknown) => {
    if (expected.length === 0) return null;
    throw err;
  });
  if (!listed) return outcome;
  const live = new Map<string, Room>(listed.filter((r) => UUID.test(r.name)).map((r) => [r.name, r]));
  const ids = new Set(expected.map((e) => e.id));
  for (const name of live.keys()) ids.add(name);
  for (const id of ids) {
    const event = await loadRoomEvent(deps, id);
    if (!event) continue;
    const room = live.get(id);
    if (roomIsOver(deps, event)) {
      if (room || event.roomStatus === 'open' || event.roomStatus === 'creating') {
        await closeRoom(deps, id);
        outcome.closed += 1;
      }
      continue;
    }
    if (!room) {
      // Stays cannot outlast their room.
      outcome.staysEnded += await closeOpenSessions(deps.db, id, now, {
        joinedBefore: roomsAskedAt,
        breakout: null,
      });
      const due = now >= roomOpensAt(deps, event) && now < event.endAt;
      if (due && (await provisionRoom(deps, id)).action === 'opened') outcome.opened += 1;
      else if (!due && event.roomStatus !== 'none') await setRoomStatus(deps.db, id, 'none');
      continue;
    }
    const participantsAskedAt = askedAt();
    const { participants, removed } = await putOutUnseated(deps, id, id);
    outcome.removed += removed;
    let changed = await setRoomStatus(deps.db, id, 'open', ['open']);
    const known = new Set(await openSessionSids(deps.db, id));
    for (const p of participants) {
      if (known.has(p.sid)) continue;
      const joinedMs = Number(p.joinedAtMs) || Number(p.joinedAt) * 1000 || now.getTime();
      if (
        await recordJoin(deps.db, {
          eventId: id,
          identity: p.identity,
          participantSid: p.sid,
          joinedAt: new Date(joinedMs),
        })
      ) {
        outcome.joinsAdded += 1;
        changed = true;
      }
    }
    const ended = await closeOpenSessions(deps.db, id, now, {
      exceptSids: participants.map((p) => p.sid),
      joinedBefore: participantsAskedAt,
      // Only the main room is listed here; stays in breakout teams' rooms are not its business.
      breakout: null,
    });
    outcome.staysEnded += ended;
    if (changed || ended) await pushRoomStatus(deps.db, deps.realtime, id);
  }
  // The teams' and sessions' rooms: gone with their event, their breakouts or their session, and
  // nobody without a seat stays in them. (Their stays are recorded by LiveKit's webhooks only.)
  for (const child of listed.map((r) => childRoomOf(r.name)).filter((c) => c !== null)) {
    const event = await loadRoomEvent(deps, child.eventId);
    if (!event) continue;
    if (roomIsOver(deps, event) || !(await childRoomIsLive(deps.db, child))) {
      if (await deleteRoomIfThere(deps, child.name)) outcome.closed += 1;
      continue;
    }
    outcome.removed += (await putOutUnseated(deps, child.name, child.eventId)).removed;
  }
  if (outcome.opened || outcome.closed || outcome.joinsAdded || outcome.staysEnded || outcome.removed) {
    deps.logger.info(outcome, 'rooms reconciled with LiveKit');
  }
  return outcome;
}
