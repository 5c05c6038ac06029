import {
  type LocalUserChoices,
  RoomAudioRenderer,
  RoomContext,
  TrackToggle,
  useChat,
  useConnectionState,
  useLocalParticipant,
  useRoomContext,
  useTracks,
} from '@livekit/components-react';
import { cameraOwnerOf } from '@telemost/core/schemas/second-camera';
import {
  ConnectionState,
  type DisconnectReason,
  type LocalTrack,
  type Participant,
  Room,
  type RoomConnectOptions,
  RoomEvent,
  type RoomOptions,
  Track,
  VideoPresets,
} from 'livekit-client';
import { lazy, memo, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { allowSecondCamera } from '../api/classroom-tools-api.ts';
import { allowScreenShare, endLesson, type TJoinGrant } from '../api/telebridge-api.ts';
import { flushBoard } from '../hooks/board-flush.ts';
import { useCanPublish } from '../hooks/use-audience.ts';
import { useGridPaging } from '../hooks/use-grid-paging.ts';
import { useRaisedHands } from '../hooks/use-raised-hands.ts';
import {
  useAskToShare,
  useCanShareScreen,
  useModeration,
  useScreenRequests,
} from '../hooks/use-room-data.ts';
import { AudiencePanel } from './audience-panel.tsx';
import { ChatPanel } from './chat-panel.tsx';
import { ClassroomPanel } from './classroom-panel.tsx';
import { GridPager } from './grid-pager.tsx';
import { HandIcon } from './icons.tsx';
import { ParticipantTile } from './participant-tile.tsx';
import { SecondCameraPanel } from './second-camera-panel.tsx';

// The board (Excalidraw) is a large chunk: fetched only by those who open it.
const Whiteboard = lazy(() => import('./whiteboard.tsx'));

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

/**
 * How the lesson connects: nothing is received until the page asks for it (useGridPaging asks for
 * every sound and for the videos on screen), so a camera off the page is never decoded, however
 * its publication races the grid.
 */
export const LESSON_CONNECT: RoomConnectOptions = { autoSubscribe: false };

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
  /** The breakout team whose room this is (null: the main room). */
  currentTeam?: number | null;
  /** Go to a team's room, or back to the main room (null). */
  onGoTo?: (team: number | null) => void;
  /** A conference's or cultural event's hall: only speakers and hosts publish; hosts give the floor. */
  audience?: boolean;
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
  currentTeam = null,
  onGoTo = () => {},
  audience = false,
}: TProps) {
  const [audioOnly, setAudioOnly] = useState(() => localStorage.getItem(AUDIO_ONLY_KEY) === '1');
  const { grant, room } = session;
  useQuietMediaClock();
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
    // A listener of a conference publishes nothing until a host gives them the floor.
    const may = new Set(grant.canPublishSources);
    const wanted = {
      audio: choices.audioEnabled && may.has('microphone'),
      video: choices.videoEnabled && !audioOnly && may.has('camera'),
    };
    const onDisconnected = (reason?: DisconnectReason) => onLeaveRef.current(reason);
    room.on(RoomEvent.Disconnected, onDisconnected);
    const local = room.localParticipant;
    const connected = started.current
      ? room.connect(grant.serverUrl, grant.token, LESSON_CONNECT)
      : session.connecting;
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
          canSpeak={grant.access !== 'listener'}
          isTeacher={isTeacher}
          isHost={isHost}
          onEnded={onEnded}
          currentTeam={currentTeam}
          onGoTo={onGoTo}
          audience={audience}
          initialCanPublish={grant.canPublishSources.length > 0}
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
  canSpeak,
  isTeacher,
  isHost,
  onEnded,
  currentTeam,
  onGoTo,
  audience,
  initialCanPublish,
  audioOnly,
  setAudioOnly,
}: {
  eventId: string;
  canPresent: boolean;
  /** May send data messages (ask to share a screen): everyone but a listener. */
  canSpeak: boolean;
  isTeacher: boolean;
  isHost: boolean;
  onEnded: () => void;
  currentTeam: number | null;
  onGoTo: (team: number | null) => void;
  audience: boolean;
  /** The token let this person publish when they joined. */
  initialCanPublish: boolean;
  audioOnly: boolean;
  setAudioOnly: (on: boolean) => void;
}) {
  const { t } = useI18n();
  const room = useRoomContext();
  const state = useConnectionState();
  const { localParticipant, isMicrophoneEnabled, isCameraEnabled, isScreenShareEnabled } =
    useLocalParticipant();
  const speaking = useSpeakers();
  const [layout, setLayout] = useState<'grid' | 'speaker'>('grid');
  const [chatOpen, setChatOpen] = useState(false);
  const [listOpen, setListOpen] = useState(false);
  const [classroomOpen, setClassroomOpen] = useState(false);
  const [cameraOpen, setCameraOpen] = useState(false);
  const [boardOpen, setBoardOpen] = useState(false);
  const [handUp, setHandUp] = useState(false);
  const canShare = useCanShareScreen(canPresent);
  const [moderation, dismissModeration] = useModeration();
  const [requests, settleRequest] = useScreenRequests();
  const askToShare = useAskToShare();
  const [asked, setAsked] = useState(false);
  const [askFailed, setAskFailed] = useState(false);
  const [fullScreen, setFullScreen] = useFullScreen();
  // A granted request is done: the student's button becomes "share screen".
  useEffect(() => {
    if (canShare) setAsked(false);
  }, [canShare]);
  const tracks = useTracks(
    [
      { source: Track.Source.Camera, withPlaceholder: true },
      { source: Track.Source.ScreenShare, withPlaceholder: false },
    ],
    // Renders again when the tiles change (someone comes or goes, a track is published or
    // received), not on every room event: each tile follows its own person's speaking, mute and
    // link quality.
    { onlySubscribed: false, updateOnlyOn: GRID_EVENTS },
  );

  // Audio-only: stop sending video, for weak regional links (receiving: see useGridPaging).
  useEffect(() => {
    if (audioOnly) void localParticipant.setCameraEnabled(false).catch(() => {});
  }, [audioOnly, localParticipant]);

  const hands = useRaisedHands(handUp);
  const canPublish = useCanPublish(initialCanPublish);
  const listening = audience && !isHost && !canPublish;
  const hasFloor = audience && !isHost && canPublish;
  // Given the floor: the hand has been answered.
  useEffect(() => {
    if (hasFloor) setHandUp(false);
  }, [hasFloor]);
  const people = [localParticipant, ...room.remoteParticipants.values()];
  const chat = useChat();
  const [seen, setSeen] = useState(0);
  const unreadChat = chatOpen ? 0 : chat.chatMessages.length - seen;
  useEffect(() => {
    if (chatOpen) setSeen(chat.chatMessages.length);
  }, [chatOpen, chat.chatMessages.length]);
  const toggleHand = () => setHandUp((up) => !up);

  const screen = tracks.find((tr) => tr.source === Track.Source.ScreenShare && tr.publication);
  const cameras = tracks.filter((tr) => tr.source === Track.Source.Camera);
  // A phone as the workshop camera is spotlighted for everyone while it is on.
  const phone = cameras.find((tr) => cameraOwnerOf(tr.participant.identity) && tr.publication);
  const focusIdentity = speaking.find((id) => id !== localParticipant.identity);
  const focus =
    phone ??
    screen ??
    cameras.find((tr) => tr.participant.identity === focusIdentity) ??
    cameras.find((tr) => !tr.participant.isLocal) ??
    cameras[0];
  const staged = boardOpen ? 'board' : phone ? 'speaker' : layout;
  // A class-sized room: one page of tiles at a time, and only what is shown is received.
  const grid = useGridPaging({
    tracks: staged === 'grid' ? tracks : tracks.filter((tr) => boardOpen || tr !== focus),
    speaking,
    audioOnly,
    alsoShown: staged === 'speaker' ? [focus] : [],
  });
  const others = grid.tiles;
  const sideOpen = chatOpen || listOpen || classroomOpen || cameraOpen;
  const closeSides = () => {
    setChatOpen(false);
    setListOpen(false);
    setClassroomOpen(false);
    setCameraOpen(false);
  };

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
      {moderation && (
        <div className="moderation-banner" role="alert" data-testid="muted-by">
          <span>{t(`live.mutedBy.${moderation.source}`, { name: moderation.by })}</span>
          <button type="button" className="button small secondary" onClick={dismissModeration}>
            {t('live.dismiss')}
          </button>
        </div>
      )}
      {isHost && requests.length > 0 && (
        <ul className="screen-requests" aria-label={t('live.screenRequests')} data-testid="screen-requests">
          {requests.map((p) => (
            <li key={p.identity}>
              <span>{t('live.asksToShare', { name: p.name || p.identity })}</span>
              <button
                type="button"
                className="button small primary"
                data-testid="allow-screen"
                onClick={() =>
                  void allowScreenShare(eventId, p.identity, true).then(
                    () => settleRequest(p.identity),
                    () => setAskFailed(true),
                  )
                }
              >
                {t('live.allowScreen')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {listening && (
        <p className="audience-banner" role="status" data-testid="audience-listener">
          {t('audience.listener')}
        </p>
      )}
      {hasFloor && (
        <div className="audience-banner may-speak" role="alert" data-testid="may-speak">
          <span>{t('audience.maySpeak')}</span>
          {!isMicrophoneEnabled && (
            <button
              type="button"
              className="button small primary"
              data-testid="turn-on-mic"
              onClick={() => void localParticipant.setMicrophoneEnabled(true).catch(() => setAskFailed(true))}
            >
              {t('audience.turnOnMic')}
            </button>
          )}
        </div>
      )}
      {audience && isHost && <AudiencePanel eventId={eventId} hands={hands} />}
      {currentTeam !== null && (
        <p className="connection-banner team-banner" role="status" data-testid="in-team">
          {t('classroom.inTeam', { n: currentTeam })}
        </p>
      )}
      <div className={`room-body${sideOpen ? ' with-chat' : ''}`}>
        <div className={`stage layout-${staged}`} data-testid="stage">
          {boardOpen && (
            <Suspense fallback={<p role="status">{t('board.loading')}</p>}>
              <Whiteboard eventId={eventId} board={currentTeam ?? 0} isHost={isHost} canDraw={canSpeak} />
            </Suspense>
          )}
          {staged === 'speaker' && focus && (
            <div
              className={`stage-focus${focus === phone ? ' spotlight' : ''}`}
              data-testid={focus === phone ? 'spotlight' : undefined}
            >
              {focus === phone && (
                <p className="spotlight-caption">
                  {t('camera.spotlight', { name: phone.participant.name ?? '' })}
                </p>
              )}
              <ParticipantTile
                trackRef={focus}
                eventId={eventId}
                isTeacher={isTeacher}
                audioOnly={audioOnly}
                handRaised={hands.includes(focus.participant.identity)}
              />
            </div>
          )}
          <GridPager page={grid.page} pageCount={grid.pageCount} setPage={grid.setPage} />
          <ul className={staged === 'grid' ? 'tile-grid' : 'tile-strip'} aria-label={t('live.participants')}>
            {others.map((tr) => (
              <li key={`${tr.participant.identity}-${tr.source}`}>
                <ParticipantTile
                  trackRef={tr}
                  eventId={eventId}
                  isTeacher={isTeacher}
                  audioOnly={audioOnly}
                  handRaised={hands.includes(tr.participant.identity)}
                />
              </li>
            ))}
          </ul>
        </div>
        {chatOpen && <ChatPanel chat={chat} onClose={() => setChatOpen(false)} />}
        {listOpen && !chatOpen && (
          <ParticipantList
            people={people}
            hands={hands}
            eventId={eventId}
            isHost={isHost}
            onClose={() => setListOpen(false)}
          />
        )}
        {cameraOpen && (
          <SecondCameraPanel
            eventId={eventId}
            myIdentity={localParticipant.identity}
            onClose={() => setCameraOpen(false)}
          />
        )}
        {classroomOpen && (
          <ClassroomPanel
            eventId={eventId}
            isHost={isHost}
            currentTeam={currentTeam}
            onGoTo={onGoTo}
            onClose={() => setClassroomOpen(false)}
          />
        )}
      </div>
      <div className="control-bar" role="toolbar" aria-label={t('live.controls')}>
        {!listening && (
          <>
            <TrackToggle
              source={Track.Source.Microphone}
              className={`button secondary device-toggle ${isMicrophoneEnabled ? 'is-on' : 'is-off'}`}
              data-testid="toggle-mic"
              data-state={isMicrophoneEnabled ? 'on' : 'off'}
            >
              {isMicrophoneEnabled ? t('live.micOn') : t('live.micOff')}
            </TrackToggle>
            <TrackToggle
              source={Track.Source.Camera}
              className={`button secondary device-toggle ${isCameraEnabled ? 'is-on' : 'is-off'}`}
              disabled={audioOnly}
              data-testid="toggle-camera"
              data-state={isCameraEnabled ? 'on' : 'off'}
            >
              {isCameraEnabled ? t('live.cameraOn') : t('live.cameraOffShort')}
            </TrackToggle>
          </>
        )}
        {canShare ? (
          <TrackToggle
            source={Track.Source.ScreenShare}
            className="button secondary"
            captureOptions={{ audio: true }}
            data-testid="share-screen"
          >
            {isScreenShareEnabled ? t('live.stopScreen') : t('live.screen')}
          </TrackToggle>
        ) : (
          canSpeak &&
          !isHost && (
            <button
              type="button"
              className="button secondary"
              aria-pressed={asked}
              data-testid="ask-screen"
              onClick={() => {
                const next = !asked;
                setAskFailed(false);
                askToShare(next).then(
                  () => setAsked(next),
                  () => setAskFailed(true),
                );
              }}
            >
              {asked ? t('live.askedToShare') : t('live.askToShare')}
            </button>
          )
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
          onClick={() => {
            const next = !chatOpen;
            closeSides();
            setChatOpen(next);
          }}
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
          aria-pressed={listOpen}
          onClick={() => {
            const next = !listOpen;
            closeSides();
            setListOpen(next);
          }}
          data-testid="participants-toggle"
        >
          {t('live.participantsCount', { count: people.length })}
          {hands.length > 0 && (
            <span className="chat-count hand-count" aria-hidden="true">
              ✋{hands.length}
            </span>
          )}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={classroomOpen}
          onClick={() => {
            const next = !classroomOpen;
            closeSides();
            setClassroomOpen(next);
          }}
          data-testid="open-classroom"
        >
          {t('classroom.open')}
        </button>
        <button
          type="button"
          className="button secondary"
          aria-pressed={boardOpen}
          onClick={() => setBoardOpen((o) => !o)}
          data-testid="open-board"
        >
          {t('board.button')}
        </button>
        {canSpeak && currentTeam === null && (
          <button
            type="button"
            className="button secondary"
            aria-pressed={cameraOpen}
            onClick={() => {
              const next = !cameraOpen;
              closeSides();
              setCameraOpen(next);
            }}
            data-testid="open-camera"
          >
            {t('camera.button')}
          </button>
        )}
        <button
          type="button"
          className="button secondary"
          onClick={() => setLayout((l) => (l === 'grid' ? 'speaker' : 'grid'))}
          title={layout === 'grid' ? t('live.toSpeaker') : t('live.toGrid')}
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
          className="button secondary"
          aria-pressed={fullScreen}
          onClick={() => setFullScreen(!fullScreen)}
          data-testid="full-screen"
        >
          {fullScreen ? t('live.exitFullScreen') : t('live.fullScreen')}
        </button>
        {/* One red button: a host's is "end for everyone"; everyone else's is "leave". */}
        <button
          type="button"
          className={isHost ? 'button secondary' : 'button danger'}
          onClick={() => void room.disconnect()}
          data-testid="leave"
        >
          {t('live.leave')}
        </button>
        {isHost && <EndLessonButton eventId={eventId} onEnded={onEnded} />}
        {askFailed && (
          <span className="form-error" role="alert">
            {t('live.controlFailed')}
          </span>
        )}
      </div>
    </div>
  );
}

/**
 * Every playing <video> and <audio> fires `timeupdate` about four times a second, and React hears
 * each one at its root (it listens there to every media event) to look for handlers the lesson has
 * none of: with a class on screen, some fifty dispatches a second on the main thread. The room
 * stops them at the window, before React; nothing here or in LiveKit listens to them.
 */
function useQuietMediaClock() {
  useEffect(() => {
    const stop = (e: Event) => e.stopImmediatePropagation();
    window.addEventListener('timeupdate', stop, true);
    return () => window.removeEventListener('timeupdate', stop, true);
  }, []);
}

/** The room events the grid's list of tiles follows, besides those useTracks always does. */
const GRID_EVENTS: RoomEvent[] = [];

/**
 * Who speaks now, loudest first (identities). LiveKit reports the speakers' levels several times a
 * second; the room renders again only when who speaks (or their order) changes.
 */
function useSpeakers(): readonly string[] {
  const room = useRoomContext();
  const [key, setKey] = useState(() => room.activeSpeakers.map((p) => p.identity).join('\n'));
  useEffect(() => {
    const onSpeakers = (speakers: Participant[]) => setKey(speakers.map((p) => p.identity).join('\n'));
    room.on(RoomEvent.ActiveSpeakersChanged, onSpeakers);
    return () => {
      room.off(RoomEvent.ActiveSpeakersChanged, onSpeakers);
    };
  }, [room]);
  return useMemo(() => (key ? key.split('\n') : []), [key]);
}

/**
 * Full screen for the lesson: the browser's full screen when it allows it, and in any case the
 * site's header hidden (a class on <html>) so the room has the whole window.
 */
function useFullScreen(): [boolean, (on: boolean) => void] {
  const [on, setOn] = useState(false);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('live-fullscreen', on);
    const onChange = () => {
      if (!document.fullscreenElement) setOn(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      root.classList.remove('live-fullscreen');
    };
  }, [on]);
  const set = (next: boolean) => {
    setOn(next);
    if (next) void document.documentElement.requestFullscreen?.().catch(() => {});
    else if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
  };
  return [on, set];
}

/** Everyone in the room; raised hands first, numbered in the order they went up. */
function ParticipantList({
  people,
  hands,
  eventId,
  isHost,
  onClose,
}: {
  people: { identity: string; name?: string; isLocal: boolean; metadata?: string }[];
  hands: string[];
  eventId: string;
  isHost: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [cameraAllowed, setCameraAllowed] = useState<Set<string>>(() => new Set());
  const isStudent = (p: { metadata?: string }) => {
    try {
      return JSON.parse(p.metadata || '{}').role === 'student';
    } catch {
      return false;
    }
  };
  const allowCamera = (identity: string) => {
    const next = !cameraAllowed.has(identity);
    void allowSecondCamera(eventId, identity, next).then(() =>
      setCameraAllowed((s) => {
        const copy = new Set(s);
        if (next) copy.add(identity);
        else copy.delete(identity);
        return copy;
      }),
    );
  };
  const byId = new Map(people.map((p) => [p.identity, p]));
  const raised = hands.map((id) => byId.get(id)).filter((p) => p !== undefined);
  const rest = people.filter((p) => !hands.includes(p.identity));
  const label = (p: { identity: string; name?: string; isLocal: boolean }) =>
    `${p.name || p.identity}${p.isLocal ? ` (${t('live.you')})` : ''}`;
  return (
    <section
      className="chat participant-list"
      aria-labelledby="participants-title"
      data-testid="participant-list"
    >
      <div className="chat-head">
        <h2 id="participants-title">{t('live.participants')}</h2>
        <button type="button" className="button small secondary" onClick={onClose}>
          {t('live.close')}
        </button>
      </div>
      {raised.length > 0 && (
        <>
          <h3 className="list-sub">{t('live.handsInOrder')}</h3>
          <ol className="chat-list hands-list" data-testid="hands-in-order">
            {raised.map((p) => (
              <li key={p.identity} data-identity={p.identity}>
                <HandIcon /> {label(p)}
              </li>
            ))}
          </ol>
        </>
      )}
      <ul className="chat-list">
        {rest.map((p) => (
          <li key={p.identity}>
            {label(p)}
            {isHost && !p.isLocal && isStudent(p) && !cameraOwnerOf(p.identity) && (
              <button
                type="button"
                className="button small secondary allow-camera"
                aria-pressed={cameraAllowed.has(p.identity)}
                onClick={() => allowCamera(p.identity)}
                data-testid="allow-camera"
              >
                {cameraAllowed.has(p.identity) ? t('camera.withdraw') : t('camera.allow')}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
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
      // The open board's last strokes go into the image saved with the materials.
      await flushBoard();
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
