import { DateInput } from '../../../components/date-time-inputs.tsx';
import { FieldSet } from '../../../components/field.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { weekdayNames } from '../../../lib/time.ts';
import type { TUpdateDraft } from '../hooks/use-booking-draft.ts';
import type { TBookingDraft, TFieldMessages } from '../utils/booking-logic.ts';

type TProps = { draft: TBookingDraft; errors: TFieldMessages; update: TUpdateDraft };

/** "Repeat weekly": on which weekdays, and until a number of occurrences or a date. */
export function RecurrenceFields({ draft, errors, update }: TProps) {
  const { t, locale } = useI18n();
  const weekdays = weekdayNames(locale);
  return (
    <div className="repeat">
      <label className="check">
        <input type="checkbox" checked={draft.repeat} onChange={(e) => update('repeat', e.target.checked)} />
        <span>{t('booking.repeat')}</span>
      </label>
      {draft.repeat && (
        <div className="repeat-body">
          <FieldSet legend={t('booking.weekdays')} error={errors.weekdays}>
            <div className="weekday-row">
              {weekdays.map((name, i) => (
                <label key={name} className="check weekday">
                  <input
                    type="checkbox"
                    checked={draft.weekdays.includes(i + 1)}
                    onChange={() =>
                      update(
                        'weekdays',
                        draft.weekdays.includes(i + 1)
                          ? draft.weekdays.filter((d) => d !== i + 1)
                          : [...draft.weekdays, i + 1],
                        'weekdays',
                      )
                    }
                  />
                  <span>{name}</span>
                </label>
              ))}
            </div>
          </FieldSet>
          <FieldSet legend={t('booking.repeatEnd')} error={errors.repeatEnd}>
            <div className="repeat-end">
              <label className="check">
                <input
                  type="radio"
                  name="repeat-end"
                  checked={draft.repeatEnd === 'count'}
                  onChange={() => update('repeatEnd', 'count', 'repeatEnd')}
                />
                <span>{t('booking.repeatCount')}</span>
              </label>
              <input
                type="number"
                min={1}
                max={200}
                aria-label={t('booking.repeatCountField')}
                value={draft.count}
                disabled={draft.repeatEnd !== 'count'}
                onChange={(e) => update('count', Number(e.target.value), 'repeatEnd')}
                className="short"
              />
              <label className="check">
                <input
                  type="radio"
                  name="repeat-end"
                  checked={draft.repeatEnd === 'until'}
                  onChange={() => update('repeatEnd', 'until', 'repeatEnd')}
                />
                <span>{t('booking.repeatUntil')}</span>
              </label>
              <DateInput
                aria-label={t('booking.repeatUntilField')}
                value={draft.until}
                disabled={draft.repeatEnd !== 'until'}
                onChange={(until) => update('until', until, 'repeatEnd')}
              />
            </div>
          </FieldSet>
          <p className="muted">{t('booking.repeatHint')}</p>
        </div>
      )}
    </div>
  );
}
