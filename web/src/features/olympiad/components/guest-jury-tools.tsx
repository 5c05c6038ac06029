import type { TJuryCredential } from '@telemost/core/schemas/invitation';
import { useEffect, useState } from 'react';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { getJuryCredential, JuryCredentialContext } from '../api/olympiad-api.ts';
import { OlympiadBoard } from './olympiad-page.tsx';

/** A fresh credential this long before the current one runs out. */
const REFRESH_BEFORE_MS = 60_000;

/**
 * The jury tools for someone who came by a jury link and was let in: their guest key buys a
 * short-lived jury credential (renewed before it runs out), and with it the olympiad's board —
 * the tasks to mark, the live results. A revoked link ends it with the reason.
 */
export function GuestJuryTools({ token, guestKey }: { token: string; guestKey: string }) {
  const { t } = useI18n();
  // A retry starts the board afresh.
  const [attempt, setAttempt] = useState(0);
  return (
    <section className="guest-jury-tools" aria-labelledby="guest-jury-title">
      <h2 id="guest-jury-title">{t('invite.juryTools')}</h2>
      <JuryBoard key={attempt} token={token} guestKey={guestKey} onRetry={() => setAttempt((n) => n + 1)} />
    </section>
  );
}

function JuryBoard({ token, guestKey, onRetry }: { token: string; guestKey: string; onRetry: () => void }) {
  const [cred, setCred] = useState<TJuryCredential | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const ac = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fetchOne = () => {
      getJuryCredential(token, guestKey, ac.signal).then(
        (c) => {
          setCred(c);
          setError(null);
          const wait = Math.max(5_000, Date.parse(c.expiresAt) - Date.now() - REFRESH_BEFORE_MS);
          timer = setTimeout(fetchOne, wait);
        },
        (err) => {
          if ((err as Error).name !== 'AbortError') setError(err);
        },
      );
    };
    fetchOne();
    return () => {
      ac.abort();
      clearTimeout(timer);
    };
  }, [token, guestKey]);

  if (error != null) return <ErrorState error={error} onRetry={onRetry} />;
  if (!cred) return <Loading />;
  return (
    <JuryCredentialContext.Provider value={cred.credential}>
      <OlympiadBoard event={cred.event} viewer={{ id: cred.jurorId, isHost: false }} />
    </JuryCredentialContext.Provider>
  );
}
