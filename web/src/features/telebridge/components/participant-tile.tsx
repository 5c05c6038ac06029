import {
  ConnectionQualityIndicator,
  isTrackReference,
  ParticipantContext,
  TrackRefContext,
  type TrackReferenceOrPlaceholder,
  useIsMuted,
  useIsSpeaking,
  VideoTrack,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { muteParticipant, removeParticipant } from '../api/telebridge-api.ts';
import { HandIcon, MicOffIcon } from './icons.tsx';

/** One person (or a shared screen): video or name, mic state, raised hand, link quality, teacher controls. */
export function ParticipantTile({
  trackRef,
  eventId,
  isTeacher,
  audioOnly,
  handRaised,
}: {
  trackRef: TrackReferenceOrPlaceholder;
  eventId: string;
  isTeacher: boolean;
  audioOnly: boolean;
  handRaised: boolean;
}) {
  const { t } = useI18n();
  const p = trackRef.participant;
  const micMuted = useIsMuted({ participant: p, source: Track.Source.Microphone });
  const speaking = useIsSpeaking(p);
  const [note, setNote] = useState<string | null>(null);
  const name = p.name || p.identity;
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  const showVideo = isTrackReference(trackRef) && !trackRef.publication.isMuted && (!audioOnly || isScreen);

  const act = async (action: () => Promise<void>, done: string) => {
    try {
      await action();
      setNote(done);
    } catch {
      setNote(t('live.controlFailed'));
    }
  };

  return (
    <ParticipantContext.Provider value={p}>
      <TrackRefContext.Provider value={trackRef}>
        <figure
          className={`tile${speaking ? ' speaking' : ''}${isScreen ? ' screen' : ''}`}
          data-identity={p.identity}
        >
          {showVideo && isTrackReference(trackRef) ? (
            <VideoTrack
              trackRef={trackRef}
              data-testid={p.isLocal ? 'local-video' : 'remote-video'}
              aria-label={isScreen ? t('live.screenOf', { name }) : name}
            />
          ) : (
            <div className="tile-placeholder" aria-hidden="true">
              {name.slice(0, 1).toUpperCase()}
            </div>
          )}
          <figcaption className="tile-caption">
            {handRaised && !isScreen && (
              <span className="hand" role="img" aria-label={t('live.handRaised')} data-testid="hand-raised">
                <HandIcon />
              </span>
            )}
            <span className="tile-name">
              {isScreen ? t('live.screenOf', { name }) : name}
              {p.isLocal ? ` (${t('live.you')})` : ''}
            </span>
            {micMuted && !isScreen && (
              <span className="mic-muted" role="img" aria-label={t('live.micMuted')} data-testid="mic-muted">
                <MicOffIcon />
              </span>
            )}
            <ConnectionQualityIndicator className="quality" aria-label={t('live.quality')} />
          </figcaption>
          {isTeacher && !p.isLocal && !isScreen && (
            <div className="tile-controls">
              <button
                type="button"
                className="button small"
                disabled={micMuted}
                onClick={() =>
                  void act(() => muteParticipant(eventId, p.identity), t('live.muted', { name }))
                }
                aria-label={t('live.muteName', { name })}
              >
                {t('live.mute')}
              </button>
              <button
                type="button"
                className="button small danger"
                onClick={() =>
                  void act(() => removeParticipant(eventId, p.identity), t('live.removed', { name }))
                }
                aria-label={t('live.removeName', { name })}
              >
                {t('live.remove')}
              </button>
            </div>
          )}
          {note && (
            <p className="tile-note" role="status">
              {note}
            </p>
          )}
        </figure>
      </TrackRefContext.Provider>
    </ParticipantContext.Provider>
  );
}
