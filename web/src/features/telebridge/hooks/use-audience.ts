import { useRoomContext } from '@livekit/components-react';
import { ZParticipantMetadataSchema } from '@telemost/core/schemas/live';
import { type Participant, RoomEvent } from 'livekit-client';
import { useEffect, useState } from 'react';

/** Whether this participant may publish now: follows a host's promotion (or demotion) live. */
export function useCanPublish(initial: boolean): boolean {
  const room = useRoomContext();
  const [can, setCan] = useState(initial);
  useEffect(() => {
    const read = (_prev?: unknown, participant?: Participant) => {
      if (participant && participant !== room.localParticipant) return;
      const perm = room.localParticipant.permissions;
      if (perm) setCan(perm.canPublish);
    };
    room.on(RoomEvent.ParticipantPermissionsChanged, read);
    return () => {
      room.off(RoomEvent.ParticipantPermissionsChanged, read);
    };
  }, [room]);
  return can;
}

function isHostParticipant(p: Participant): boolean {
  try {
    return ZParticipantMetadataSchema.parse(JSON.parse(p.metadata || '{}')).access === 'host';
  } catch {
    return false;
  }
}

/**
 * The audience as a host sees it: who of the room is not a host (so may be promoted), and who of
 * them may publish right now (promoted, or a speaker of the programme), from LiveKit's own
 * permissions of each participant.
 */
export function useAudience(): { audience: Set<string>; speaking: Set<string> } {
  const room = useRoomContext();
  const [state, setState] = useState({ audience: new Set<string>(), speaking: new Set<string>() });
  useEffect(() => {
    const read = () => {
      const audience = new Set<string>();
      const speaking = new Set<string>();
      for (const p of room.remoteParticipants.values()) {
        if (isHostParticipant(p)) continue;
        audience.add(p.identity);
        if (p.permissions?.canPublish) speaking.add(p.identity);
      }
      setState({ audience, speaking });
    };
    read();
    const events = [
      RoomEvent.ParticipantPermissionsChanged,
      RoomEvent.ParticipantConnected,
      RoomEvent.ParticipantDisconnected,
      RoomEvent.ParticipantMetadataChanged,
      RoomEvent.Connected,
    ] as const;
    for (const e of events) room.on(e, read);
    return () => {
      for (const e of events) room.off(e, read);
    };
  }, [room]);
  return state;
}
