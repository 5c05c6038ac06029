import { useRoomContext } from '@livekit/components-react';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { demoteSpeaker, promoteSpeaker } from '../api/telebridge-api.ts';
import { useAudience } from '../hooks/use-audience.ts';
import { HandIcon } from './icons.tsx';

/**
 * A host's view of a conference's audience: raised hands in the order they went up, each with
 * "give the floor", and those of the audience speaking now, each with "take the floor back".
 * The permissions change in LiveKit (through the api), so every host sees the same state.
 */
export function AudiencePanel({ eventId, hands }: { eventId: string; hands: string[] }) {
  const { t } = useI18n();
  const room = useRoomContext();
  const { audience, speaking } = useAudience();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const nameOf = (identity: string) => room.remoteParticipants.get(identity)?.name || identity;
  const waiting = hands.filter((id) => audience.has(id) && !speaking.has(id));
  const act = (identity: string, promote: boolean) => {
    setBusy(identity);
    setFailed(false);
    (promote ? promoteSpeaker(eventId, identity) : demoteSpeaker(eventId, identity))
      .catch(() => setFailed(true))
      .finally(() => setBusy(null));
  };
  return (
    <section className="audience-panel" aria-labelledby="audience-hands-title" data-testid="audience-panel">
      <h2 id="audience-hands-title">
        <HandIcon /> {t('audience.hands')}
      </h2>
      {waiting.length === 0 ? (
        <p className="muted">{t('audience.noHands')}</p>
      ) : (
        <ol data-testid="audience-hands">
          {waiting.map((identity) => (
            <li key={identity} data-identity={identity}>
              <span>{nameOf(identity)}</span>
              <button
                type="button"
                className="button small primary"
                disabled={busy === identity}
                aria-label={t('audience.promoteFor', { name: nameOf(identity) })}
                data-testid="promote"
                onClick={() => act(identity, true)}
              >
                {t('audience.promote')}
              </button>
            </li>
          ))}
        </ol>
      )}
      {speaking.size > 0 && (
        <>
          <h3>{t('audience.speaking')}</h3>
          <ul data-testid="audience-speakers">
            {[...speaking].map((identity) => (
              <li key={identity} data-identity={identity}>
                <span>{nameOf(identity)}</span>
                <button
                  type="button"
                  className="button small secondary"
                  disabled={busy === identity}
                  aria-label={t('audience.demoteFor', { name: nameOf(identity) })}
                  data-testid="demote"
                  onClick={() => act(identity, false)}
                >
                  {t('audience.demote')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {failed && (
        <p className="form-error" role="alert">
          {t('live.controlFailed')}
        </p>
      )}
    </section>
  );
}
