import type { TSecondCameraJoin } from '@telemost/core/schemas/second-camera';
import {
  createLocalVideoTrack,
  type LocalVideoTrack,
  ParticipantEvent,
  Room,
  RoomEvent,
  Track,
  VideoPreset,
} from 'livekit-client';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../../components/async-state.tsx';
import { PublicPage } from '../../../components/public-page.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import type { TMessageKey } from '../../../lib/i18n/dictionary.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { joinAsCamera } from '../api/camera-api.ts';
import '../camera.css';

/**
 * Detail over motion: a joint or a wiring panel on the bench is still, its detail is the point.
 * Full HD at 15 fps (720p where the phone cannot), one strong layer plus a small one for weak
 * links, and under congestion the frame rate drops, never the resolution.
 */
export const WORKSHOP_PRESET = new VideoPreset(1920, 1080, 3_000_000, 15, 'medium');
const SMALL_LAYER = new VideoPreset(640, 360, 400_000, 10);

/** How long the phone waits for its owner to come back (a page refresh) before it goes itself. */
const OWNER_GONE_MS = 15_000;

type TStage =
  | { kind: 'joining' }
  | { kind: 'live'; grant: TSecondCameraJoin }
  | { kind: 'ended' }
  | { kind: 'refused'; messageKey: TMessageKey };

/** The message for a pairing the api refused. */
export function cameraRefusalKey(err: unknown): TMessageKey {
  const code = err instanceof ApiError ? err.code : '';
  switch (code) {
    case 'not_found':
    case 'validation_failed':
      return 'camera.error.notFound';
    case 'pairing_used':
      return 'camera.error.used';
    case 'pairing_expired':
      return 'camera.error.expired';
    case 'owner_not_in_room':
      return 'camera.error.ownerAway';
    case 'forbidden':
      return 'camera.error.notAllowed';
    case 'rate_limited':
      return 'camera.error.limited';
    case 'not_yet_open':
    case 'join_window_closed':
    case 'lesson_ended':
    case 'invalid_state':
      return 'camera.error.closed';
    default:
      return 'error.generic';
  }
}

/** Opens the rear camera in the workshop preset (the phone's best up to 1080p, 15 fps). */
async function openRearCamera(): Promise<LocalVideoTrack> {
  try {
    return await createLocalVideoTrack({ facingMode: 'environment', resolution: WORKSHOP_PRESET.resolution });
  } catch {
    // Some phones refuse 1080p: 720p at the same low frame rate.
    return createLocalVideoTrack({
      facingMode: 'environment',
      resolution: { width: 1280, height: 720, frameRate: 15 },
    });
  }
}

/**
 * `/camera/:code`, opened on a phone from the QR code on the lesson page, with no sign-in: it
 * publishes the rear camera as the second video of the person who showed the code, until they
 * leave, the lesson ends, or "Turn the camera off".
 */
export function CameraPage() {
  const { code = '' } = useParams();
  const { t } = useI18n();
  const [stage, setStage] = useState<TStage>({ kind: 'joining' });
  const preview = useRef<HTMLVideoElement>(null);
  const roomRef = useRef<Room | null>(null);
  const asked = useRef(false);

  useEffect(() => {
    // The code works once: React's development double effect must not spend it twice.
    if (asked.current) return;
    asked.current = true;
    let ownerTimer: ReturnType<typeof setTimeout> | undefined;
    const start = async () => {
      let grant: TSecondCameraJoin;
      try {
        grant = await joinAsCamera(code);
      } catch (err) {
        setStage({ kind: 'refused', messageKey: cameraRefusalKey(err) });
        return;
      }
      const room = new Room({ adaptiveStream: false, dynacast: true });
      roomRef.current = room;
      room.on(RoomEvent.Disconnected, () => setStage({ kind: 'ended' }));
      // The api removes the phone when its owner leaves; this is the phone's own check.
      room.on(RoomEvent.ParticipantDisconnected, (p) => {
        if (p.identity !== grant.ownerId) return;
        ownerTimer = setTimeout(() => {
          if (!room.remoteParticipants.has(grant.ownerId)) void room.disconnect();
        }, OWNER_GONE_MS);
      });
      room.on(RoomEvent.ParticipantConnected, (p) => {
        if (p.identity === grant.ownerId) clearTimeout(ownerTimer);
      });
      try {
        await room.connect(grant.serverUrl, grant.token, { autoSubscribe: false });
        const track = await openRearCamera();
        await room.localParticipant.publishTrack(track, {
          source: Track.Source.Camera,
          name: 'workshop',
          simulcast: true,
          videoEncoding: WORKSHOP_PRESET.encoding,
          videoSimulcastLayers: [SMALL_LAYER],
          degradationPreference: 'maintain-resolution',
        });
        setStage({ kind: 'live', grant });
        room.localParticipant.on(ParticipantEvent.LocalTrackUnpublished, () => void room.disconnect());
      } catch {
        await room.disconnect();
        setStage({ kind: 'refused', messageKey: 'camera.error.noCamera' });
      }
    };
    void start();
    return () => clearTimeout(ownerTimer);
  }, [code]);

  // Leaving the page ends the camera at once rather than when LiveKit notices.
  useEffect(() => {
    const leave = () => void roomRef.current?.disconnect();
    window.addEventListener('pagehide', leave);
    return () => window.removeEventListener('pagehide', leave);
  }, []);

  useEffect(() => {
    if (stage.kind !== 'live') return;
    const track = roomRef.current?.localParticipant.getTrackPublication(Track.Source.Camera)?.videoTrack;
    if (track && preview.current) track.attach(preview.current);
    return () => {
      if (track && preview.current) track.detach(preview.current);
    };
  }, [stage]);

  return (
    <PublicPage mainClassName="camera-main">
      <h1>{t('camera.pageTitle')}</h1>
      {stage.kind === 'joining' && <Loading label={t('camera.connecting')} />}
      {stage.kind === 'refused' && (
        <p className="form-error camera-message" role="alert" data-testid="camera-refused">
          {t(stage.messageKey)}
        </p>
      )}
      {stage.kind === 'ended' && (
        <p className="camera-message" role="status" data-testid="camera-ended">
          {t('camera.ended')}
        </p>
      )}
      {stage.kind === 'live' && (
        <>
          <p role="status" data-testid="camera-live">
            {t('camera.live', { title: stage.grant.eventTitle, name: stage.grant.ownerName })}
          </p>
          <video ref={preview} className="camera-preview" muted playsInline autoPlay />
          <button
            type="button"
            className="button danger camera-stop"
            onClick={() => void roomRef.current?.disconnect()}
            data-testid="camera-stop"
          >
            {t('camera.stop')}
          </button>
        </>
      )}
    </PublicPage>
  );
}
