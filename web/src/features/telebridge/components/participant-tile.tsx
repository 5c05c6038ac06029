import {
  ConnectionQualityIndicator,
  isTrackReference,
  ParticipantContext,
  TrackRefContext,
  type TrackReferenceOrPlaceholder,
  useIsMuted,
  useIsSpeaking,
  useParticipantInfo,
  VideoTrack,
} from '@livekit/components-react';
import { Track } from 'livekit-client';
import { memo, useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { muteParticipant, removeParticipant } from '../api/telebridge-api.ts';
import { HandIcon, MicOffIcon } from './icons.tsx';

type TTileProps = {
  trackRef: TrackReferenceOrPlaceholder;
  eventId: string;
  isTeacher: boolean;
  audioOnly: boolean;
  handRaised: boolean;
};

/**
 * A tile renders again only when it shows something else: the room's lists are made anew on every
 * room event (an active speaker's level, a link's quality, anyone's mute), with the same
 * participant and publication in them. What changes inside those (speaking, mute, name, quality)
 * each tile follows with its own hooks.
 */
const sameTile = (a: TTileProps, b: TTileProps) =>
  a.trackRef.participant === b.trackRef.participant &&
  a.trackRef.publication === b.trackRef.publication &&
  a.trackRef.source === b.trackRef.source &&
  a.eventId === b.eventId &&
  a.isTeacher === b.isTeacher &&
  a.audioOnly === b.audioOnly &&
  a.handRaised === b.handRaised;

/** One person (or a shared screen): video or name, mic state, raised hand, link quality, teacher controls. */
export const ParticipantTile = memo(function ParticipantTile({
  trackRef,
  eventId,
  isTeacher,
  audioOnly,
  handRaised,
}: TTileProps) {
  const { t } = useI18n();
  const p = trackRef.participant;
  const micMuted = useIsMuted({ participant: p, source: Track.Source.Microphone });
  const videoMuted = useIsMuted(trackRef);
  const speaking = useIsSpeaking(p);
  const info = useParticipantInfo({ participant: p });
  const [note, setNote] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const name = info.name || p.identity;
  const isScreen = trackRef.source === Track.Source.ScreenShare;
  const showVideo = isTrackReference(trackRef) && !videoMuted && (!audioOnly || isScreen);

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
            <ConnectionQualityIndicator className="quality" role="img" aria-label={t('live.quality')} />
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
                title={t('live.muteName', { name })}
              >
                {t('live.mute')}
                <span className="visually-hidden">: {name}</span>
              </button>
              <button
                type="button"
                className="button small secondary remove"
                onClick={() => setConfirmRemove(true)}
                aria-label={t('live.removeName', { name })}
                aria-expanded={confirmRemove}
                data-testid="remove-participant"
              >
                {t('live.remove')}
              </button>
            </div>
          )}
          {confirmRemove && (
            <div
              className="tile-confirm"
              role="alertdialog"
              aria-modal="false"
              aria-labelledby={`remove-q-${p.identity}`}
              data-testid="remove-confirm"
            >
              <p id={`remove-q-${p.identity}`}>{t('live.removeConfirm', { name })}</p>
              <div className="tile-confirm-actions">
                <button
                  type="button"
                  className="button small primary"
                  data-testid="remove-confirm-yes"
                  onClick={() => {
                    setConfirmRemove(false);
                    void act(() => removeParticipant(eventId, p.identity), t('live.removed', { name }));
                  }}
                >
                  {t('live.removeConfirmYes')}
                </button>
                <button
                  type="button"
                  className="button small secondary"
                  onClick={() => setConfirmRemove(false)}
                  // biome-ignore lint/a11y/noAutofocus: the question takes the focus so the answer is one key away.
                  autoFocus
                >
                  {t('live.cancel')}
                </button>
              </div>
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
}, sameTile);
