import type { TEventView } from '@telemost/core/schemas/event';
import { useState } from 'react';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { decideEvent } from '../api/event-api.ts';

/** Confirm or decline on behalf of the viewer's college, when that college has yet to answer. */
export function DecisionPanel({
  event,
  onChanged,
}: {
  event: TEventView;
  onChanged: (e: TEventView) => void;
}) {
  const { t, pick } = useI18n();
  const message = useApiErrorMessage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [preApprove, setPreApprove] = useState(false);
  const institutionId = event.myDecisionInstitutionId;
  if (!institutionId) return null;
  const college = event.institutions.find((i) => i.id === institutionId);

  const decide = async (verb: 'confirm' | 'decline') => {
    setBusy(true);
    setError(null);
    try {
      onChanged(await decideEvent(event.id, verb, institutionId, preApprove));
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('decision.title')}</h2>
      <p>{t('decision.lead', { college: college ? pick(college.name) : '' })}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={preApprove}
          onChange={(e) => setPreApprove(e.target.checked)}
          aria-describedby="pre-approve-hint"
        />
        <span>{t('decision.preApprove')}</span>
      </label>
      <p id="pre-approve-hint" className="muted">
        {t('decision.preApproveHint')}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void decide('confirm')}
          data-testid="confirm-button"
        >
          {t('decision.confirm')}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => void decide('decline')}
        >
          {t('decision.decline')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
