import { useRoomContext } from '@livekit/components-react';
import { ConnectionState, type Participant, RoomEvent } from 'livekit-client';
import { useEffect, useRef, useState } from 'react';

const TOPIC = 'hand';
const HAND_REPEAT_MS = 3000;
const HAND_REPEATS = 6;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Who has a hand up, including the local participant (`myHandUp`), in the order the hands went up
 * (as this browser learnt of them). Hands travel as small reliable data messages on the `hand`
 * topic, which every participant may send; whoever has a hand up says so again when someone
 * joins, so latecomers see it too, and a few more times in the first 18 s after it goes up.
 */
export function useRaisedHands(myHandUp: boolean): string[] {
  const room = useRoomContext();
  // Identity → when the hand went up; a repeated announcement keeps the first time.
  const [remote, setRemote] = useState<Map<string, number>>(new Map());
  const mine = useRef<number | null>(null);
  if (myHandUp && mine.current === null) mine.current = Date.now();
  if (!myHandUp) mine.current = null;

  useEffect(() => {
    // Publishing before the room is connected leaves livekit-client's engine unusable for data
    // (chat included), so a hand raised while connecting is announced once connected.
    let cancelled = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // A listener (a conference's audience) has no sending connection until its first data message
    // sets one up, which can fail on a slow link: the hand is sent again a few times.
    const send = (attempt = 0) => {
      if (cancelled || room.state !== ConnectionState.Connected) return;
      room.localParticipant
        .publishData(encoder.encode(JSON.stringify({ up: myHandUp })), { reliable: true, topic: TOPIC })
        .catch(() => {
          if (!cancelled && attempt < 5) retry = setTimeout(() => send(attempt + 1), 1000 * (attempt + 1));
        });
    };
    const announce = () => {
      if (myHandUp) send();
    };
    // LiveKit can deliver a listener's message before it tells the others that the listener
    // joined, and a message from someone a browser does not know yet is dropped: a hand that goes
    // up is said again every few seconds for a while (receivers keep the first time). Bounded, so
    // a hall of hundreds with hands up does not keep the room busy.
    let repeats = 0;
    const repeat = myHandUp
      ? setInterval(() => {
          repeats += 1;
          if (repeats >= HAND_REPEATS) clearInterval(repeat);
          send();
        }, HAND_REPEAT_MS)
      : undefined;
    // Once connected the state is said even when the hand is down: that sets the sending
    // connection up early, so a listener's first hand does not wait for it.
    const onConnected = () => send();
    send();
    room.on(RoomEvent.Connected, onConnected);
    room.on(RoomEvent.ParticipantConnected, announce);
    return () => {
      cancelled = true;
      clearTimeout(retry);
      clearInterval(repeat);
      room.off(RoomEvent.Connected, onConnected);
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
        if (up === prev.has(participant.identity)) return prev;
        const next = new Map(prev);
        if (up) next.set(participant.identity, Date.now());
        else next.delete(participant.identity);
        return next;
      });
    };
    const onLeave = (participant: Participant) =>
      setRemote((prev) => {
        const next = new Map(prev);
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

  const all = [...remote.entries()];
  if (mine.current !== null) all.push([room.localParticipant.identity, mine.current]);
  return all.sort((a, b) => a[1] - b[1]).map(([identity]) => identity);
}
