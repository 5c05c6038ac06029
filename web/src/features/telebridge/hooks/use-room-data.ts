import { useRoomContext } from '@livekit/components-react';
import {
  ROOM_DATA_TOPICS,
  type TModerationMessage,
  ZModerationMessageSchema,
  ZScreenRequestMessageSchema,
} from '@telemost/core/contracts/room-data';
import { ConnectionState, type Participant, RoomEvent } from 'livekit-client';
import { useCallback, useEffect, useState } from 'react';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function parse<T>(
  schema: { safeParse: (v: unknown) => { success: boolean; data?: T } },
  payload: Uint8Array,
) {
  try {
    const r = schema.safeParse(JSON.parse(decoder.decode(payload)));
    return r.success ? (r.data as T) : null;
  } catch {
    return null;
  }
}

/** The last time a host muted this participant, from the api's `moderation` data message. */
export function useModeration(): [TModerationMessage | null, () => void] {
  const room = useRoomContext();
  const [last, setLast] = useState<TModerationMessage | null>(null);
  useEffect(() => {
    const onData = (payload: Uint8Array, _p?: Participant, _k?: unknown, topic?: string) => {
      if (topic !== ROOM_DATA_TOPICS.moderation) return;
      const message = parse<TModerationMessage>(ZModerationMessageSchema, payload);
      if (message) setLast(message);
    };
    room.on(RoomEvent.DataReceived, onData);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
    };
  }, [room]);
  return [last, useCallback(() => setLast(null), [])];
}

/** Who asks to share their screen, in the order they asked (read by hosts). */
export function useScreenRequests(): [Participant[], (identity: string) => void] {
  const room = useRoomContext();
  const [asking, setAsking] = useState<Participant[]>([]);
  useEffect(() => {
    const onData = (payload: Uint8Array, participant?: Participant, _k?: unknown, topic?: string) => {
      if (topic !== ROOM_DATA_TOPICS.screenRequest || !participant) return;
      const message = parse<{ ask: boolean }>(ZScreenRequestMessageSchema, payload);
      if (!message) return;
      setAsking((prev) => {
        const rest = prev.filter((p) => p.identity !== participant.identity);
        return message.ask ? [...rest, participant] : rest;
      });
    };
    const onLeave = (participant: Participant) =>
      setAsking((prev) => prev.filter((p) => p.identity !== participant.identity));
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.ParticipantDisconnected, onLeave);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
      room.off(RoomEvent.ParticipantDisconnected, onLeave);
    };
  }, [room]);
  const settle = useCallback(
    (identity: string) => setAsking((prev) => prev.filter((p) => p.identity !== identity)),
    [],
  );
  return [asking, settle];
}

/** Sends this participant's screen-share request (or its withdrawal) to the room. */
export function useAskToShare(): (ask: boolean) => Promise<void> {
  const room = useRoomContext();
  return useCallback(
    async (ask: boolean) => {
      if (room.state !== ConnectionState.Connected) throw new Error('not connected');
      await room.localParticipant.publishData(encoder.encode(JSON.stringify({ ask })), {
        reliable: true,
        topic: ROOM_DATA_TOPICS.screenRequest,
      });
    },
    [room],
  );
}

/** Protocol's TrackSource.SCREEN_SHARE: the number LiveKit's permissions list screen sharing as. */
const SCREEN_SHARE_SOURCE = 3;

/** Whether this participant may share a screen now: follows a host's grant live. */
export function useCanShareScreen(initial: boolean): boolean {
  const room = useRoomContext();
  const [can, setCan] = useState(initial);
  useEffect(() => {
    const read = () => {
      const perm = room.localParticipant.permissions;
      if (!perm) return;
      const sources = (perm.canPublishSources ?? []) as number[];
      setCan(perm.canPublish && (sources.length === 0 || sources.includes(SCREEN_SHARE_SOURCE)));
    };
    room.on(RoomEvent.ParticipantPermissionsChanged, read);
    return () => {
      room.off(RoomEvent.ParticipantPermissionsChanged, read);
    };
  }, [room]);
  return can;
}
