import type { TInvitationInfo } from '@telemost/core/schemas/invitation';
import type { TJoinResponse } from '@telemost/core/schemas/live';
import { type ComponentType, lazy, Suspense, useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { Loading } from '../../../components/async-state.tsx';
import { PublicPage } from '../../../components/public-page.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { browserZone } from '../../../lib/time.ts';
import { getInvitation, joinInvitation, pollLobby } from '../api/invite-api.ts';
import { InviteCard, refusalKey, type TInviteStage } from './invite-card.tsx';
import '../invite.css';

const GuestRoom = lazy(() => import('./guest-room.tsx').then((m) => ({ default: m.GuestRoom })));
const POLL_MS = 3000;

/** The stage a failed call leads to: the link's, or the room's, reason in words. */
function refusal(err: unknown): TInviteStage {
  return { kind: 'refused', messageKey: err instanceof ApiError ? refusalKey(err.code) : 'error.generic' };
}

/**
 * `/invite/:token`, opened without signing in: the invitation, a display name, the lobby while a
 * host decides, then the room. A link that no longer works says why. For a jury link, the app
 * gives `JuryTools` (the olympiad's marking), shown under the call once the juror is let in.
 */
export function InvitePage({
  JuryTools,
}: {
  JuryTools?: ComponentType<{ token: string; guestKey: string }>;
} = {}) {
  const { token = '' } = useParams();
  const { t } = useI18n();
  const [info, setInfo] = useState<TInvitationInfo | null>(null);
  const [stage, setStage] = useState<TInviteStage>({ kind: 'form' });
  const [lobby, setLobby] = useState<{ lobbyId: string; guestKey: string } | null>(null);
  const [room, setRoom] = useState<(TJoinResponse & { name: string }) | null>(null);
  const [name, setName] = useState('');
  const [left, setLeft] = useState(false);

  useEffect(() => {
    const ac = new AbortController();
    getInvitation(token, ac.signal).then(setInfo, (err) => {
      if ((err as Error).name !== 'AbortError') setStage(refusal(err));
    });
    return () => ac.abort();
  }, [token]);

  useEffect(() => {
    if (!lobby || stage.kind !== 'waiting') return;
    const timer = setInterval(() => {
      pollLobby(token, lobby.lobbyId, lobby.guestKey).then(
        (answer) => {
          if (answer.status === 'admitted') {
            setRoom({ ...answer, name });
          } else if (answer.status === 'denied') {
            setStage({ kind: 'refused', messageKey: 'invite.denied' });
          }
        },
        (err) => setStage(refusal(err)),
      );
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [lobby, stage.kind, token, name]);

  const join = async (displayName: string) => {
    setName(displayName);
    setStage({ kind: 'joining' });
    try {
      const answer = await joinInvitation(token, displayName);
      setLobby({ lobbyId: answer.lobbyId, guestKey: answer.guestKey });
      if (answer.status === 'waiting') setStage({ kind: 'waiting' });
      else setRoom({ ...answer, name: displayName });
    } catch (err) {
      setStage(refusal(err));
    }
  };

  return (
    <PublicPage mainClassName="invite-main">
      {left ? (
        <>
          <p role="status">{t('invite.left')}</p>
          {/* Leaving the call is not leaving the jury: the marking goes on. */}
          {JuryTools && info?.role === 'jury' && lobby && room && (
            <Suspense fallback={<Loading />}>
              <JuryTools token={token} guestKey={lobby.guestKey} />
            </Suspense>
          )}
        </>
      ) : room ? (
        <Suspense fallback={<Loading />}>
          <GuestRoom
            serverUrl={room.serverUrl}
            token={room.token}
            publish={room.access !== 'listener'}
            name={room.name}
            onLeave={() => setLeft(true)}
          />
          {JuryTools && info?.role === 'jury' && lobby && (
            <JuryTools token={token} guestKey={lobby.guestKey} />
          )}
        </Suspense>
      ) : info ? (
        <InviteCard info={info} stage={stage} viewerZone={browserZone()} onJoin={(n) => void join(n)} />
      ) : stage.kind === 'refused' ? (
        <div className="card invite-card">
          <h1>{t('invite.title')}</h1>
          <p className="form-error" role="alert" data-testid="invite-refused">
            {t(stage.messageKey)}
          </p>
        </div>
      ) : (
        <Loading />
      )}
    </PublicPage>
  );
}
