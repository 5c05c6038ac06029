import {
  type LocalUserChoices,
  RoomAudioRenderer,
  RoomContext,
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
  type DisconnectReason,
  type LocalTrack,
  type RemoteTrackPublication,
  Room,
  RoomEvent,
  type RoomOptions,
  Track,
  VideoPresets,
} from 'livekit-client';
import { memo, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { endLesson, type TJoinGrant } from '../api/telebridge-api.ts';
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

/** The lesson's Room, with the devices chosen on the device check. */
export function createLessonRoom(choices: LocalUserChoices): Room {
  return new Room({
    ...ROOM_OPTIONS,
    videoCaptureDefaults: {
      ...ROOM_OPTIONS.videoCaptureDefaults,
      deviceId: choices.videoDeviceId || undefined,
    },
    audioCaptureDefaults: { deviceId: choices.audioDeviceId || undefined },
  });
}

/** A join in progress: the grant, its Room, and the connection already under way. */
export type TLiveSession = { grant: TJoinGrant; room: Room; connecting: Promise<void> };

type TProps = {
  eventId: string;
  session: TLiveSession;
  choices: LocalUserChoices;
  canPresent: boolean;
  isTeacher: boolean;
  /** Teachers, coordinators and staff of an involved college: may end the lesson for everyone. */
  isHost: boolean;
  /** Left the room; `reason` is LiveKit's (ROOM_DELETED when the lesson was ended). */
  onLeave: (reason?: DisconnectReason) => void;
  /** This host ended the lesson for everyone. */
  onEnded: () => void;
};

/** The live lesson: LiveKit room with our layouts, chat, raised hands and teacher controls. */
export const RoomView = memo(function RoomView({
  eventId,
  session,
  choices,
  canPresent,
  isTeacher,
  isHost,
  onLeave,
  onEnded,
}: TProps) {
  const [audioOnly, setAudioOnly] = useState(() => localStorage.getItem(AUDIO_ONLY_KEY) === '1');
  const { grant, room } = session;
  // The page started connecting before this view rendered; a remount (React's development
  // double effects) connects again.
  const started = useRef(false);
  // Callbacks read through a ref: the connection lives for the whole visit, whatever re-renders.
  const onLeaveRef = useRef(onLeave);
  onLeaveRef.current = onLeave;
  // Open and publish camera and microphone once connected, as a bare
  // livekit-client page does. Opening and publishing them while connecting held back the first
  // frame of the other side by 100-200 ms: the class on the other side comes first, this side's
  // camera a moment later.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one connection per visit (grant and choices as on arrival).
  useEffect(() => {
    let cancelled = false;
    const wanted = { audio: choices.audioEnabled, video: choices.videoEnabled && !audioOnly };
    const onDisconnected = (reason?: DisconnectReason) => onLeaveRef.current(reason);
    room.on(RoomEvent.Disconnected, onDisconnected);
    const local = room.localParticipant;
    const connected = started.current ? room.connect(grant.serverUrl, grant.token) : session.connecting;
    started.current = true;
    const publish = async () => {
      await connected;
      // Let the remote tiles render before the camera and the publisher take the main thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (cancelled || (!wanted.audio && !wanted.video)) return;
      // One permission prompt and one device start for both; either alone if that fails.
      const got = await local.createTracks(wanted).catch(() => [] as LocalTrack[]);
      if (cancelled) {
        for (const track of got) track.stop();
        return;
      }
      await Promise.all(got.map((track) => local.publishTrack(track)));
      const kinds = new Set(got.map((tr) => tr.kind));
      if (wanted.audio && !kinds.has(Track.Kind.Audio)) await local.setMicrophoneEnabled(true);
      if (wanted.video && !kinds.has(Track.Kind.Video)) await local.setCameraEnabled(true);
    };
    publish().catch(() => {
      if (!cancelled && room.state === ConnectionState.Disconnected) onLeaveRef.current();
    });
    // A full reconnect republishes camera and microphone before it reports `Reconnected`, but
    // gives up silently when a device does not restart (seen with both sides reconnecting at
    // once): what was on before and has no publication now is started again.
    let before: { camera: boolean; microphone: boolean } | null = null;
    const onReconnecting = () => {
      before ??= { camera: local.isCameraEnabled, microphone: local.isMicrophoneEnabled };
    };
    const onReconnected = () => {
      const was = before;
      before = null;
      if (was?.microphone && !local.getTrackPublication(Track.Source.Microphone)) {
        void local.setMicrophoneEnabled(true).catch(() => {});
      }
      if (was?.camera && !local.getTrackPublication(Track.Source.Camera)) {
        void local.setCameraEnabled(true).catch(() => {});
      }
    };
    room
      .on(RoomEvent.Reconnecting, onReconnecting)
      .on(RoomEvent.SignalReconnecting, onReconnecting)
      .on(RoomEvent.Reconnected, onReconnected);
    if (import.meta.env.VITE_TELEMOST_E2E === '1') {
      // e2e builds only (production builds drop this branch): the browser tests reach the Room
      // to force reconnects with `simulateScenario`.
      (window as unknown as { __telemostRoom?: Room }).__telemostRoom = room;
    }
    return () => {
      cancelled = true;
      room
        .off(RoomEvent.Disconnected, onDisconnected)
        .off(RoomEvent.Reconnecting, onReconnecting)
        .off(RoomEvent.SignalReconnecting, onReconnecting)
        .off(RoomEvent.Reconnected, onReconnected);
      void room.disconnect();
    };
  }, [room]);
  return (
    <RoomContext.Provider value={room}>
      <div className="lk-room-container live-room" data-lk-theme="default">
        <RoomInner
          eventId={eventId}
          canPresent={canPresent}
          isTeacher={isTeacher}
          isHost={isHost}
          onEnded={onEnded}
          audioOnly={audioOnly}
          setAudioOnly={(on) => {
            localStorage.setItem(AUDIO_ONLY_KEY, on ? '1' : '0');
            setAudioOnly(on);
          }}
        />
        <RoomAudioRenderer />
      </div>
    </RoomContext.Provider>
  );
});

function RoomInner({
  eventId,
  canPresent,
  isTeacher,
  isHost,
  onEnded,
  audioOnly,
  setAudioOnly,
}: {
  eventId: string;
  canPresent: boolean;
  isTeacher: boolean;
  isHost: boolean;
  onEnded: () => void;
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
        {isHost && <EndLessonButton eventId={eventId} onEnded={onEnded} />}
      </div>
    </div>
  );
}

/** A host's "End lesson for everyone", asked twice so a slip of the hand does not end a class. */
function EndLessonButton({ eventId, onEnded }: { eventId: string; onEnded: () => void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const end = async () => {
    setBusy(true);
    setFailed(false);
    try {
      await endLesson(eventId);
      onEnded();
    } catch {
      setFailed(true);
      setBusy(false);
    }
  };
  if (!asking) {
    return (
      <button
        type="button"
        className="button danger"
        onClick={() => setAsking(true)}
        data-testid="end-lesson"
      >
        {t('live.endForAll')}
      </button>
    );
  }
  return (
    <div className="end-lesson-confirm" role="alertdialog" aria-labelledby="end-lesson-question">
      <span id="end-lesson-question">{t('live.endConfirm')}</span>
      <button
        type="button"
        className="button danger"
        disabled={busy}
        onClick={() => void end()}
        data-testid="end-lesson-confirm"
      >
        {t('live.endConfirmYes')}
      </button>
      <button type="button" className="button secondary" disabled={busy} onClick={() => setAsking(false)}>
        {t('live.cancel')}
      </button>
      {failed && (
        <span className="form-error" role="alert">
          {t('live.controlFailed')}
        </span>
      )}
    </div>
  );
}
