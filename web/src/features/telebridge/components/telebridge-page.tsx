import '@livekit/components-styles';
import { usePersistentUserChoices } from '@livekit/components-react';
import { useCallback, useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { isStaff, useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { getLesson, joinLesson, type TJoinGrant } from '../api/telebridge-api.ts';
import { PreJoin } from './pre-join.tsx';
import { RoomView } from './room-view.tsx';

/**
 * The telebridge: pre-join (camera and microphone check), then the LiveKit room. Coming from the
 * lesson page's Join button it connects at once with the devices chosen last time.
 */
export function TelebridgePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const user = useUser();
  const location = useLocation();
  const message = useApiErrorMessage();
  const autojoin = Boolean((location.state as { autojoin?: boolean } | null)?.autojoin);
  const lesson = useApi((signal) => getLesson(id, signal), [id]);
  const {
    userChoices,
    saveAudioInputDeviceId,
    saveAudioInputEnabled,
    saveVideoInputDeviceId,
    saveVideoInputEnabled,
  } = usePersistentUserChoices();
  const [stage, setStage] = useState<'prejoin' | 'joining' | 'room' | 'left'>(
    autojoin ? 'joining' : 'prejoin',
  );
  const [grant, setGrant] = useState<TJoinGrant | null>(null);
  const [error, setError] = useState<string | null>(null);

  const join = useCallback(async () => {
    setStage('joining');
    setError(null);
    try {
      setGrant(await joinLesson(id));
      setStage('room');
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      setError(
        code === 'not_yet_open'
          ? t('live.notYetOpen')
          : code === 'join_window_closed'
            ? t('live.windowClosed')
            : err instanceof ApiError && err.status === 409
              ? t('live.notConfirmed')
              : message(err),
      );
      setStage('prejoin');
    }
  }, [id, message, t]);

  // The token is asked for while the page is still rendering, so the click on Join costs one round trip.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on arrival from the Join button.
  useEffect(() => {
    if (autojoin) void join();
  }, []);

  const title = lesson.data?.title ?? t('live.title');
  return (
    <div className="page live-page">
      <div className="live-head">
        <p className="breadcrumb">
          <Link to={`/events/${id}`}>← {t('live.backToLesson')}</Link>
        </p>
        <h1>{title}</h1>
      </div>
      {lesson.error != null && <ErrorState error={lesson.error} onRetry={lesson.reload} />}
      {error && (
        <p className="form-error" role="alert" data-testid="join-error">
          {error}
        </p>
      )}
      {stage === 'prejoin' && (
        <PreJoin
          choices={userChoices}
          onAudio={saveAudioInputEnabled}
          onVideo={saveVideoInputEnabled}
          onAudioDevice={saveAudioInputDeviceId}
          onVideoDevice={saveVideoInputDeviceId}
          onJoin={() => void join()}
        />
      )}
      {stage === 'joining' && <Loading label={t('live.connecting')} />}
      {stage === 'room' && grant && (
        <RoomView
          eventId={id}
          grant={grant}
          choices={userChoices}
          canPresent={grant.canPublishSources.includes('screen_share')}
          isTeacher={isStaff(user)}
          onLeave={() => setStage('left')}
        />
      )}
      {stage === 'left' && (
        <div className="card">
          <p>{t('live.left')}</p>
          <div className="actions">
            <button type="button" className="button primary" onClick={() => void join()}>
              {t('live.rejoin')}
            </button>
            <Link className="button secondary" to={`/events/${id}`}>
              {t('live.backToLesson')}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
