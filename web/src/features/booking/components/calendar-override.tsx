import { Field } from '../../../components/field.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TUpdateDraft } from '../hooks/use-booking-draft.ts';
import type { TBookingDraft, TFieldMessages } from '../utils/booking-logic.ts';

type TProps = { draft: TBookingDraft; errors: TFieldMessages; update: TUpdateDraft };

/** Coordinators and admins may book outside working time or on a day off, with a note saying why. */
export function CalendarOverride({ draft, errors, update }: TProps) {
  const { t } = useI18n();
  return (
    <div className="override">
      <label className="check">
        <input
          type="checkbox"
          checked={draft.overrideCalendar}
          onChange={(e) => update('overrideCalendar', e.target.checked, 'start')}
        />
        <span>{t('booking.override')}</span>
      </label>
      {draft.overrideCalendar && (
        <Field label={t('booking.overrideNote')} error={errors.overrideNote}>
          <input
            type="text"
            maxLength={500}
            value={draft.overrideNote}
            onChange={(e) => update('overrideNote', e.target.value, 'overrideNote')}
          />
        </Field>
      )}
    </div>
  );
}
