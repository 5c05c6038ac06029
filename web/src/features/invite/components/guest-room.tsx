import {
  GridLayout,
  LiveKitRoom,
  ParticipantTile,
  RoomAudioRenderer,
  useRoomContext,
  useTracks,
} from '@livekit/components-react';
import '@livekit/components-styles';
import { ConnectionState, ParticipantEvent, RoomEvent, Track } from 'livekit-client';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';

const encoder = new TextEncoder();

/**
 * The room for someone invited by link: everyone's cameras and screens, the sound, and a raised
 * hand (a reliable data message on the `hand` topic, as the lesson page sends and shows it).
 * Speakers and jury publish their camera and microphone; guests only watch and listen.
 */
export function GuestRoom({
  serverUrl,
  token,
  publish,
  name,
  onLeave,
}: {
  serverUrl: string;
  token: string;
  publish: boolean;
  name: string;
  onLeave: () => void;
}) {
  return (
    <LiveKitRoom
      serverUrl={serverUrl}
      token={token}
      connect
      audio={publish}
      video={publish}
      options={{ adaptiveStream: true, dynacast: true }}
      onDisconnected={onLeave}
      data-lk-theme="default"
      className="guest-room"
    >
      <GuestStage name={name} onLeave={onLeave} publish={publish} />
      <RoomAudioRenderer />
    </LiveKitRoom>
  );
}

function GuestStage({ name, onLeave, publish }: { name: string; onLeave: () => void; publish: boolean }) {
  const { t } = useI18n();
  const room = useRoomContext();
  const [handUp, setHandUp] = useState(false);
  // A host of a conference may give a listening guest the floor: LiveKit changes their permissions.
  const [canPublish, setCanPublish] = useState(publish);
  const [micOn, setMicOn] = useState(false);
  useEffect(() => {
    const read = () => {
      const perm = room.localParticipant.permissions;
      if (!perm) return;
      setCanPublish(perm.canPublish);
      if (perm.canPublish) setHandUp(false);
      else setMicOn(false);
    };
    room.localParticipant.on(ParticipantEvent.ParticipantPermissionsChanged, read);
    return () => {
      room.localParticipant.off(ParticipantEvent.ParticipantPermissionsChanged, read);
    };
  }, [room]);
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );

  useEffect(() => {
    const send = () => {
      if (room.state !== ConnectionState.Connected) return;
      room.localParticipant
        .publishData(encoder.encode(JSON.stringify({ up: handUp })), { reliable: true, topic: 'hand' })
        .catch(() => {});
    };
    const announce = () => {
      if (handUp) send();
    };
    send();
    room.on(RoomEvent.Connected, announce);
    room.on(RoomEvent.ParticipantConnected, announce);
    return () => {
      room.off(RoomEvent.Connected, announce);
      room.off(RoomEvent.ParticipantConnected, announce);
    };
  }, [room, handUp]);

  return (
    <>
      <p className="guest-room-note" role="status">
        {t('invite.inRoom', { name })}
      </p>
      {canPublish && !publish && (
        <div className="guest-room-note" role="alert" data-testid="may-speak">
          <span>{t('audience.maySpeak')} </span>
          {!micOn && (
            <button
              type="button"
              className="button"
              onClick={() =>
                void room.localParticipant.setMicrophoneEnabled(true).then(
                  () => setMicOn(true),
                  () => {},
                )
              }
            >
              {t('audience.turnOnMic')}
            </button>
          )}
        </div>
      )}
      <GridLayout tracks={tracks} className="guest-grid">
        <ParticipantTile />
      </GridLayout>
      <div className="guest-controls">
        <button type="button" className="button" aria-pressed={handUp} onClick={() => setHandUp((v) => !v)}>
          {handUp ? t('invite.lowerHand') : t('invite.raiseHand')}
        </button>
        <button
          type="button"
          className="button ghost"
          onClick={() => {
            void room.disconnect();
            onLeave();
          }}
        >
          {t('invite.leave')}
        </button>
      </div>
    </>
  );
}
