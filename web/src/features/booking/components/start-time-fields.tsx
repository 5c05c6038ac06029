import type { TInstitution } from '@telemost/core/schemas/institution';
import { useState } from 'react';
import { DualZoneTimeInput } from '../../../components/dual-zone-time-input.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TProblemContext } from '../../../lib/schedule-problems.ts';
import { formatBothRanges, formatLongDate, type TClock } from '../../../lib/time.ts';
import { toLocalInput } from '../../../lib/zone-time.ts';
import type { TUpdateDraft } from '../hooks/use-booking-draft.ts';
import type { TSlotSearch, TSlotsState } from '../hooks/use-slot-suggestions.ts';
import {
  liveTimeProblems,
  slotReasons,
  type TBookingDraft,
  type TFieldMessages,
  type TPartOfDay,
} from '../utils/booking-logic.ts';

type TProps = {
  clocks: TClock[];
  /** The colleges the time must suit: their holidays, working hours and lesson periods. */
  sides: TInstitution[];
  /** The colleges whose working time is checked live: the user's and the partners picked so far. */
  problemSides: TInstitution[];
  problemContext: Omit<TProblemContext, 't' | 'locale'>;
  now: Date;
  slots: TSlotsState;
  onSuggest: (search: TSlotSearch) => void;
  draft: TBookingDraft;
  errors: TFieldMessages;
  update: TUpdateDraft;
};

/**
 * The start of the booking, on every side's clock at once: typed on either clock (the other follows),
 * or picked from the suggested mutual free slots, each shown on both clocks.
 */
export function StartTimeFields({
  clocks,
  sides,
  problemSides,
  problemContext,
  now,
  slots,
  onSuggest,
  draft,
  errors,
  update,
}: TProps) {
  const { t, locale } = useI18n();
  const first = clocks[0]!.timeZone;
  const live = liveTimeProblems(draft, problemSides, { ...problemContext, t, locale });
  const complete = draft.time.local.length >= 16;
  const [search, setSearch] = useState<TSlotSearch>({ week: 0, partOfDay: 'any' });
  return (
    <>
      <div className="slots">
        <div className="slot-search">
          <div className="field">
            <label htmlFor="slot-week">{t('booking.slots.week')}</label>
            <select
              id="slot-week"
              value={search.week}
              onChange={(e) => setSearch({ ...search, week: Number(e.target.value) })}
            >
              {[0, 1, 2, 3].map((w) => (
                <option key={w} value={w}>
                  {t(`booking.slots.week${w}` as 'booking.slots.week0')}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="slot-part">{t('booking.slots.partOfDay', { city: clocks[0]!.label })}</label>
            <select
              id="slot-part"
              value={search.partOfDay}
              onChange={(e) => setSearch({ ...search, partOfDay: e.target.value as TPartOfDay })}
            >
              {(['any', 'morning', 'midday', 'afternoon'] as const).map((p) => (
                <option key={p} value={p}>
                  {t(`booking.slots.part.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button
          type="button"
          className="button secondary"
          onClick={() => onSuggest(search)}
          disabled={slots.state === 'loading'}
        >
          {slots.state === 'loading' ? t('booking.slots.loading') : t('booking.slots.find')}
        </button>
        <div aria-live="polite">
          {slots.state === 'error' && <p className="field-error">{slots.error}</p>}
          {slots.state === 'done' && slots.items.length === 0 && (
            <p className="muted">{t('booking.slots.none')}</p>
          )}
          {slots.state === 'done' && slots.items.length > 0 && (
            <ul className="slot-list" aria-label={t('booking.slots.title')}>
              {slots.items.map((s) => (
                <li key={s.start}>
                  <button
                    type="button"
                    className="slot"
                    aria-pressed={
                      draft.time.local !== '' && toLocalInput(s.start, first) === draft.time.local
                    }
                    onClick={() =>
                      update('time', { timeZone: first, local: toLocalInput(s.start, first) }, 'start')
                    }
                  >
                    <span className="slot-date">{formatLongDate(s.start, first, locale)}</span>
                    <span className="slot-times">{formatBothRanges(s.start, s.end, clocks)}</span>
                    <span className="slot-why" data-testid="slot-why">
                      {slotReasons(s, sides, { t, locale }).join(' · ')}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      <DualZoneTimeInput
        legend={t('booking.start')}
        clocks={clocks}
        value={draft.time}
        onChange={(v) => update('time', v, 'start')}
        error={errors.start}
        sides={sides}
        onPeriod={(minutes) => update('durationMinutes', minutes, 'durationMinutes')}
        now={now}
      />
      <div className="live-problems" aria-live="polite" data-testid="live-problems">
        {live.length > 0 && (
          <div className="form-summary">
            <p>
              <strong>{t('booking.live.title')}</strong>
            </p>
            <ul>
              {live.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {live.length === 0 && complete && !errors.start && <p className="live-ok">{t('booking.live.ok')}</p>}
      </div>
    </>
  );
}
