import { EVENT_KINDS, type TEventKind } from '@telemost/core/schemas/partnership';
import { Field } from '../../../components/field.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatMinutes } from '../../../lib/time.ts';
import type { TUpdateDraft } from '../hooks/use-booking-draft.ts';
import type { TBookingDraft, TFieldMessages } from '../utils/booking-logic.ts';

const DURATIONS = [45, 60, 80, 90, 120, 180, 240];

type TProps = { draft: TBookingDraft; errors: TFieldMessages; update: TUpdateDraft };

/** "What kind of activity": its kind, duration, title and description. */
export function ActivityFields({ draft, errors, update }: TProps) {
  const { t, locale } = useI18n();
  return (
    <section className="card form-section" aria-labelledby="what-title">
      <h2 id="what-title">{t('booking.what')}</h2>
      <div className="form-row">
        <Field label={t('booking.kind')} error={errors.kind}>
          <select value={draft.kind} onChange={(e) => update('kind', e.target.value as TEventKind, 'kind')}>
            {EVENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('booking.duration')} error={errors.durationMinutes}>
          <select
            value={draft.durationMinutes}
            onChange={(e) => update('durationMinutes', Number(e.target.value), 'durationMinutes')}
          >
            {[...new Set([...DURATIONS, draft.durationMinutes])]
              .sort((a, b) => a - b)
              .map((m) => (
                <option key={m} value={m}>
                  {formatMinutes(m, locale)}
                </option>
              ))}
          </select>
        </Field>
      </div>
      <Field label={t('booking.titleField')} error={errors.title}>
        <input
          type="text"
          name="title"
          maxLength={200}
          value={draft.title}
          onChange={(e) => update('title', e.target.value, 'title')}
          placeholder={t('booking.titlePlaceholder')}
        />
      </Field>
      <Field label={t('booking.description')} error={errors.description} hint={t('booking.descriptionHint')}>
        <textarea
          rows={3}
          maxLength={5000}
          value={draft.description}
          onChange={(e) => update('description', e.target.value, 'description')}
        />
      </Field>
    </section>
  );
}
