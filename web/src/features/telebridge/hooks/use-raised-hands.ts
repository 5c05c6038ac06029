import { useRoomContext } from '@livekit/components-react';
import { ConnectionState, type Participant, RoomEvent } from 'livekit-client';
import { useEffect, useState } from 'react';

const TOPIC = 'hand';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Who has a hand up, including the local participant (`myHandUp`). Hands travel as small reliable
 * data messages on the `hand` topic, which every participant may send; whoever has a hand up says
 * so again when someone joins, so latecomers see it too.
 */
export function useRaisedHands(myHandUp: boolean): Set<string> {
  const room = useRoomContext();
  const [remote, setRemote] = useState<Set<string>>(new Set());

  useEffect(() => {
    // Publishing before the room is connected leaves livekit-client's engine unusable for data
    // (chat included), so a hand raised while connecting is announced once connected.
    const send = () => {
      if (room.state !== ConnectionState.Connected) return;
      room.localParticipant
        .publishData(encoder.encode(JSON.stringify({ up: myHandUp })), { reliable: true, topic: TOPIC })
        .catch(() => {});
    };
    const announce = () => {
      if (myHandUp) send();
    };
    send();
    room.on(RoomEvent.Connected, announce);
    room.on(RoomEvent.ParticipantConnected, announce);
    return () => {
      room.off(RoomEvent.Connected, announce);
      room.off(RoomEvent.ParticipantConnected, announce);
    };
  }, [room, myHandUp]);

  useEffect(() => {
    const onData = (payload: Uint8Array, participant?: Participant, _kind?: unknown, topic?: string) => {
      if (topic !== TOPIC || !participant) return;
      let up = false;
      try {
        up = Boolean((JSON.parse(decoder.decode(payload)) as { up?: unknown }).up);
      } catch {
        return;
      }
      setRemote((prev) => {
        const next = new Set(prev);
        if (up) next.add(participant.identity);
        else next.delete(participant.identity);
        return next;
      });
    };
    const onLeave = (participant: Participant) =>
      setRemote((prev) => {
        const next = new Set(prev);
        next.delete(participant.identity);
        return next;
      });
    room.on(RoomEvent.DataReceived, onData);
    room.on(RoomEvent.ParticipantDisconnected, onLeave);
    return () => {
      room.off(RoomEvent.DataReceived, onData);
      room.off(RoomEvent.ParticipantDisconnected, onLeave);
    };
  }, [room]);

  const all = new Set(remote);
  if (myHandUp) all.add(room.localParticipant.identity);
  return all;
}
