import type { TEventView } from '@telemost/core/schemas/event';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/field.tsx';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { cancelEvent } from '../api/event-api.ts';
import { SeriesScopePicker, type TSeriesScope } from './series-scope-picker.tsx';

/** Cancels the event, or this and the following ones of its series, with an optional reason for everyone. */
export function CancelForm({
  event,
  onDone,
  onClose,
}: {
  event: TEventView;
  onDone: (cancelled: TEventView[]) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const message = useApiErrorMessage();
  const [scope, setScope] = useState<TSeriesScope>('this');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onDone(
        (await cancelEvent(event.id, { scope, ...(reason.trim() ? { reason: reason.trim() } : {}) })).items,
      );
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card cancel" onSubmit={submit} aria-labelledby="cancel-title">
      <h2 id="cancel-title">{t('cancel.title')}</h2>
      {event.seriesId && <SeriesScopePicker name="cancel-scope" scope={scope} onChange={setScope} />}
      <Field label={t('cancel.reason')} hint={t('cancel.reasonHint')}>
        <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button danger" disabled={busy}>
          {busy ? t('common.saving') : t('cancel.submit')}
        </button>
        <button type="button" className="button ghost" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}
