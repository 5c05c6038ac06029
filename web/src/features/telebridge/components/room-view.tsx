import {
  LiveKitRoom,
  type LocalUserChoices,
  RoomAudioRenderer,
  TrackToggle,
  useChat,
  useConnectionState,
  useLocalParticipant,
  useRoomContext,
  useSpeakingParticipants,
  useTracks,
} from '@livekit/components-react';
import {
  ConnectionState,
  type RemoteTrackPublication,
  Room,
  RoomEvent,
  type RoomOptions,
  Track,
  VideoPresets,
} from 'livekit-client';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TJoinGrant } from '../api/telebridge-api.ts';
import { useRaisedHands } from '../hooks/use-raised-hands.ts';
import { ChatPanel } from './chat-panel.tsx';
import { HandIcon } from './icons.tsx';
import { ParticipantTile } from './participant-tile.tsx';

const AUDIO_ONLY_KEY = 'telemost.audioOnly';

/**
 * Adaptive stream (video sized to its tile), dynacast (unwatched layers paused) and simulcast
 * (three layers, so a weak link in Karaganda gets a small one instead of freezing).
 */
const ROOM_OPTIONS: RoomOptions = {
  adaptiveStream: true,
  dynacast: true,
  publishDefaults: {
    simulcast: true,
    videoSimulcastLayers: [VideoPresets.h180, VideoPresets.h360],
    videoCodec: 'vp8',
  },
  videoCaptureDefaults: { resolution: VideoPresets.h720.resolution },
};

type TProps = {
  eventId: string;
  grant: TJoinGrant;
  choices: LocalUserChoices;
  canPresent: boolean;
  isTeacher: boolean;
  onLeave: () => void;
};

/** The live lesson: LiveKit room with our layouts, chat, raised hands and teacher controls. */
export function RoomView({ eventId, grant, choices, canPresent, isTeacher, onLeave }: TProps) {
  const [audioOnly, setAudioOnly] = useState(() => localStorage.getItem(AUDIO_ONLY_KEY) === '1');
  // One Room for the whole visit: created once with the chosen devices, never swapped under the hooks.
  const [room] = useState(
    () =>
      new Room({
        ...ROOM_OPTIONS,
        videoCaptureDefaults: {
          ...ROOM_OPTIONS.videoCaptureDefaults,
          deviceId: choices.videoDeviceId || undefined,
        },
        audioCaptureDefaults: { deviceId: choices.audioDeviceId || undefined },
      }),
  );
  return (
    <LiveKitRoom
      className="live-room"
      serverUrl={grant.serverUrl}
      token={grant.token}
      connect
      audio={choices.audioEnabled}
      video={choices.videoEnabled && !audioOnly}
      room={room}
      data-lk-theme="default"
      onDisconnected={onLeave}
    >
      <RoomInner
        eventId={eventId}
        canPresent={canPresent}
        isTeacher={isTeacher}
        audioOnly={audioOnly}
        setAudioOnly={(on) => {
          localStorage.setItem(AUDIO_ONLY_KEY, on ? '1' : '0');
          setAudioOnly(on);
        }}
      />
      <RoomAudioRenderer />
    </LiveKitRoom>
  );
}

function RoomInner({
  eventId,
  canPresent,
  isTeacher,
  audioOnly,
  setAudioOnly,
}: {
  eventId: string;
  canPresent: boolean;
  isTeacher: boolean;
  audioOnly: boolean;
  setAudioOnly: (on: boolean) => void;
}) {
  const { t } = useI18n();
  const room = useRoomContext();
  const state = useConnectionState();
  const { localParticipant } = useLocalParticipant();
  const speaking = useSpeakingParticipants();
  const [layout, setLayout] = useState<'grid' | 'speaker'>('grid');
  const [chatOpen, setChatOpen] = useState(false);
  const [handUp, setHandUp] = useState(false);
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    { onlySubscribed: false },
  );

  // Audio-only: stop receiving (and sending) video, for weak regional links.
  useEffect(() => {
    const apply = () => {
      for (const p of room.remoteParticipants.values()) {
        for (const pub of p.videoTrackPublications.values())
          (pub as RemoteTrackPublication).setSubscribed(!audioOnly);
      }
    };
    apply();
    if (audioOnly) void localParticipant.setCameraEnabled(false).catch(() => {});
    room.on(RoomEvent.TrackPublished, apply);
    room.on(RoomEvent.ParticipantConnected, apply);
    return () => {
      room.off(RoomEvent.TrackPublished, apply);
      room.off(RoomEvent.ParticipantConnected, apply);
    };
  }, [room, audioOnly, localParticipant]);

  const hands = useRaisedHands(handUp);
  const chat = useChat();
  const [seen, setSeen] = useState(0);
  const unreadChat = chatOpen ? 0 : chat.chatMessages.length - seen;
  useEffect(() => {
    if (chatOpen) setSeen(chat.chatMessages.length);
  }, [chatOpen, chat.chatMessages.length]);
  const toggleHand = () => setHandUp((up) => !up);

  const screen = tracks.find((tr) => tr.source === Track.Source.ScreenShare && tr.publication);
  const cameras = tracks.filter((tr) => tr.source === Track.Source.Camera);
  const focusIdentity = speaking.find((p) => !p.isLocal)?.identity;
  const focus =
    screen ??
    cameras.find((tr) => tr.participant.identity === focusIdentity) ??
    cameras.find((tr) => !tr.participant.isLocal) ??
    cameras[0];
  const others = layout === 'speaker' ? tracks.filter((tr) => tr !== focus) : tracks;

  return (
    <div className="room">
      {state !== ConnectionState.Connected && (
        <p className={`connection-banner state-${state}`} role="status" data-testid="connection-state">
          {state === ConnectionState.Reconnecting || state === ConnectionState.SignalReconnecting
            ? t('live.reconnecting')
            : state === ConnectionState.Connecting
              ? t('live.connecting')
              : t('live.disconnected')}
        </p>
      )}
      <div className={`room-body${chatOpen ? ' with-chat' : ''}`}>
        <div className={`stage layout-${layout}`} data-testid="stage">
          {layout === 'speaker' && focus && (
            <div className="stage-focus">
              <ParticipantTile
                trackRef={focus}
                eventId={eventId}
                isTeacher={isTeacher}
                audioOnly={audioOnly}
                handRaised={hands.has(focus.participant.identity)}
              />
            </div>
          )}
          <ul className={layout === 'grid' ? 'tile-grid' : 'tile-strip'} aria-label={t('live.participants')}>
            {others.map((tr) => (
              <li key={`${tr.participant.identity}-${tr.source}`}>
                <ParticipantTile
                  trackRef={tr}
                  eventId={eventId}
                  isTeacher={isTeacher}
                  audioOnly={audioOnly}
                  handRaised={hands.has(tr.participant.identity)}
                />
              </li>
            ))}
          </ul>
        </div>
        {chatOpen && <ChatPanel chat={chat} onClose={() => setChatOpen(false)} />}
      </div>
      <div className="control-bar" role="toolbar" aria-label={t('live.controls')}>
        <TrackToggle source={Track.Source.Microphone} className="button secondary" data-testid="toggle-mic">
          {t('live.microphone')}
        </TrackToggle>
        <TrackToggle
          source={Track.Source.Camera}
          className="button secondary"
          disabled={audioOnly}
          data-testid="toggle-camera"
        >
          {t('live.camera')}
        </TrackToggle>
        {canPresent && (
          <TrackToggle
            source={Track.Source.ScreenShare}
            className="button secondary"
            captureOptions={{ audio: true }}
          >
            {t('live.screen')}
          </TrackToggle>
        )}
        <button
          type="button"
          className="button secondary"
          aria-pressed={handUp}
          onClick={toggleHand}
          data-testid="raise-hand"
        >
          <HandIcon /> {handUp ? t('live.lowerHand') : t('live.raiseHand')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={chatOpen}
          onClick={() => setChatOpen((o) => !o)}
          aria-label={unreadChat > 0 ? t('live.chatUnread', { count: unreadChat }) : t('live.chat')}
        >
          {t('live.chat')}
          {unreadChat > 0 && (
            <span className="chat-count" aria-hidden="true">
              {unreadChat}
            </span>
          )}
        </button>
        <button
          type="button"
          className="button secondary"
          onClick={() => setLayout((l) => (l === 'grid' ? 'speaker' : 'grid'))}
          aria-label={layout === 'grid' ? t('live.toSpeaker') : t('live.toGrid')}
        >
          {layout === 'grid' ? t('live.speakerLayout') : t('live.gridLayout')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={audioOnly}
          onClick={() => setAudioOnly(!audioOnly)}
          data-testid="audio-only"
        >
          {t('live.audioOnly')}
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => void room.disconnect()}
          data-testid="leave"
        >
          {t('live.leave')}
        </button>
      </div>
    </div>
  );
}
