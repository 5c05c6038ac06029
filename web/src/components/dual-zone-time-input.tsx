import { MONTHS_KK } from '@telemost/core/calendar/calendar-labels';
import { dayInfo } from '@telemost/core/calendar/production-calendar';
import type { TInstitution } from '@telemost/core/schemas/institution';
import { DateTime } from 'luxon';
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';
import {
  capitalizeFirst,
  formatBothTimes,
  formatLongDate,
  type TClock,
  weekdayNames,
  zoneOffset,
} from '../lib/time.ts';
import { convertLocalInput, readLocalInput } from '../lib/zone-time.ts';
import './dual-zone-time-input.css';

/** A wall-clock time as typed, and the zone it was typed in. */
export type TZonedInput = { timeZone: string; local: string };

type TProps = {
  legend: string;
  /** One set of fields per clock; usually the two sides of the partnership. */
  clocks: TClock[];
  value: TZonedInput;
  onChange: (value: TZonedInput) => void;
  /** A message from the api about the time (conflict, holiday, out of hours). */
  error?: string | null;
  /** The colleges involved: their countries' holidays mark the month, their lesson periods are offered. */
  sides?: TInstitution[];
  /** Called with a lesson period's length when one is picked, so the duration follows. */
  onPeriod?: (minutes: number) => void;
  /** "Today" for the month calendar (tests pass a fixed clock). */
  now?: Date;
};

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const MINUTES = Array.from({ length: 12 }, (_, i) => String(i * 5).padStart(2, '0'));
const DEFAULT_TIME = '10:00';
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `2027-02-10` → `10.02.2027`, the way dates are written in Russia and Kazakhstan. */
export function toDottedDate(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(iso) ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}` : '';
}

/** `10.02.2027` (or `10.2.2027`, `10/02/2027`) → `2027-02-10`, or null when it is not a real date. */
export function fromDottedDate(text: string): string | null {
  const m = /^\s*(\d{1,2})[./-](\d{1,2})[./-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const d = DateTime.fromObject({ year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) });
  return d.isValid ? d.toISODate() : null;
}

/**
 * The start time of a joint activity on either side's clock, the same in every browser and
 * language: a dd.MM.yyyy date, 24-hour hour and minute lists (never AM/PM, never the native
 * datetime field, which follows the browser's locale), a month calendar that marks both sides'
 * holidays and days off, and each college's lesson periods as buttons. The other clocks follow
 * live. A time that does not exist on the chosen clock (a DST gap) is said so, not shifted.
 */
export function DualZoneTimeInput({
  legend,
  clocks,
  value,
  onChange,
  error,
  sides = [],
  onPeriod,
  now,
}: TProps) {
  const { t, locale } = useI18n();
  const id = useId();
  const reading = readLocalInput(value.local, value.timeZone);
  const problem =
    reading.ok || reading.reason === 'empty'
      ? null
      : reading.reason === 'nonexistent'
        ? t('time.nonexistent')
        : t('time.invalid');
  const message = problem ?? error ?? null;
  const shownOn = (zone: string) =>
    zone === value.timeZone ? value.local : (convertLocalInput(value.local, value.timeZone, zone) ?? '');
  const first = clocks[0]!;
  const today = DateTime.fromJSDate(now ?? new Date())
    .setZone(first.timeZone)
    .toISODate()!;
  const firstLocal = shownOn(first.timeZone);
  const setOn = (zone: string, date: string, time: string) =>
    onChange({ timeZone: zone, local: `${date}T${time}` });

  return (
    <fieldset
      className={`fieldset dual-time${message ? ' has-error' : ''}`}
      aria-describedby={`${id}-summary`}
    >
      <legend>{legend}</legend>
      <div className="dual-time-inputs">
        {clocks.map((clock, i) => (
          <ClockFields
            key={`${clock.timeZone}-${clock.label}`}
            id={`${id}-${i}`}
            clock={clock}
            offset={zoneOffset(reading.ok ? reading.utc : new Date(), clock.timeZone)}
            local={shownOn(clock.timeZone)}
            invalid={Boolean(message)}
            describedBy={`${id}-summary`}
            fallbackDate={DateTime.fromISO(today).toISODate()!}
            onChange={(date, time) => setOn(clock.timeZone, date, time)}
          />
        ))}
      </div>
      <MonthCalendar
        selected={firstLocal.slice(0, 10)}
        today={today}
        sides={sides}
        onPick={(date) => setOn(first.timeZone, date, firstLocal.slice(11, 16) || DEFAULT_TIME)}
      />
      {sides.some((s) => s.lessonPeriods.length > 0) && (
        <div className="lesson-periods">
          {sides
            .filter(
              (s, i) => s.lessonPeriods.length > 0 && sides.findIndex((o) => o.timeZone === s.timeZone) === i,
            )
            .map((side) => {
              const city = side.city[locale] || side.city.ru;
              const local = shownOn(side.timeZone);
              const date = local.slice(0, 10) || firstLocal.slice(0, 10) || today;
              return (
                <fieldset className="period-group" key={side.id}>
                  <legend>{t('picker.periods', { city })}</legend>
                  <div className="period-buttons">
                    {side.lessonPeriods.map((p, n) => (
                      <button
                        type="button"
                        key={p.start}
                        className="button secondary period"
                        aria-pressed={local.slice(11, 16) === p.start}
                        data-testid="lesson-period"
                        onClick={() => {
                          setOn(side.timeZone, date, p.start);
                          onPeriod?.(minutesOf(p.end) - minutesOf(p.start));
                        }}
                      >
                        {t('picker.period', { n: String(n + 1), start: p.start, end: p.end })}
                      </button>
                    ))}
                  </div>
                </fieldset>
              );
            })}
        </div>
      )}
      <p
        className="dual-time-summary"
        id={`${id}-summary`}
        aria-live="polite"
        data-testid="both-times-preview"
      >
        {reading.ok ? (
          <>
            <strong>{formatBothTimes(reading.utc, clocks)}</strong>
            <span className="muted"> — {formatLongDate(reading.utc, first.timeZone, locale)}</span>
          </>
        ) : (
          !message && <span className="muted">{t('time.pickHint')}</span>
        )}
      </p>
      {message && <p className="field-error">{message}</p>}
    </fieldset>
  );
}

/** One clock's date (typed dd.MM.yyyy) and 24-hour hour and minute. */
function ClockFields({
  id,
  clock,
  offset,
  local,
  invalid,
  describedBy,
  fallbackDate,
  onChange,
}: {
  id: string;
  clock: TClock;
  offset: string;
  local: string;
  invalid: boolean;
  describedBy: string;
  fallbackDate: string;
  onChange: (date: string, time: string) => void;
}) {
  const { t } = useI18n();
  const date = local.slice(0, 10);
  const hour = local.slice(11, 13);
  const minute = local.slice(14, 16);
  const [text, setText] = useState(toDottedDate(date));
  const [badDate, setBadDate] = useState(false);
  // The other clock or the month calendar moved the date: show it.
  useEffect(() => {
    setText(toDottedDate(date));
    setBadDate(false);
  }, [date]);
  const minutes = minute && !MINUTES.includes(minute) ? [...MINUTES, minute].sort() : MINUTES;
  return (
    <div className="clock-fields" data-zone={clock.timeZone}>
      <p className="clock-title">
        {t('time.onClock', { city: clock.label })} <span className="muted">(UTC{offset})</span>
      </p>
      <div className="clock-row">
        <div className="field clock-date">
          <label htmlFor={`${id}-date`}>
            {t('picker.dateShort')}
            <span className="visually-hidden"> ({clock.label})</span>
          </label>
          <input
            id={`${id}-date`}
            type="text"
            inputMode="numeric"
            autoComplete="off"
            placeholder={t('picker.dateHint')}
            value={text}
            aria-invalid={invalid || badDate ? true : undefined}
            aria-describedby={describedBy}
            onChange={(e) => {
              setText(e.target.value);
              const iso = fromDottedDate(e.target.value);
              setBadDate(e.target.value.trim() !== '' && !iso);
              if (iso) onChange(iso, local.slice(11, 16) || DEFAULT_TIME);
            }}
          />
          {badDate && <p className="field-error">{t('picker.dateInvalid')}</p>}
        </div>
        <div className="field clock-hour">
          <label htmlFor={`${id}-hour`}>
            {t('picker.hourShort')}
            <span className="visually-hidden"> ({clock.label})</span>
          </label>
          <select
            id={`${id}-hour`}
            value={hour}
            aria-invalid={invalid ? true : undefined}
            onChange={(e) => onChange(date || fallbackDate, `${e.target.value}:${minute || '00'}`)}
          >
            {!hour && <option value="">--</option>}
            {HOURS.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </div>
        <span className="clock-colon" aria-hidden="true">
          :
        </span>
        <div className="field clock-minute">
          <label htmlFor={`${id}-minute`}>
            {t('picker.minuteShort')}
            <span className="visually-hidden"> ({clock.label})</span>
          </label>
          <select
            id={`${id}-minute`}
            value={minute}
            aria-invalid={invalid ? true : undefined}
            onChange={(e) =>
              onChange(date || fallbackDate, `${hour || DEFAULT_TIME.slice(0, 2)}:${e.target.value}`)
            }
          >
            {!minute && <option value="">--</option>}
            {minutes.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}

/** A month of days, Monday first; both sides' days off and holidays marked and named. */
function MonthCalendar({
  selected,
  today,
  sides,
  onPick,
}: {
  selected: string;
  today: string;
  sides: TInstitution[];
  onPick: (date: string) => void;
}) {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState(() => DateTime.fromISO(selected || today).startOf('month'));
  useEffect(() => {
    if (selected) setMonth(DateTime.fromISO(selected).startOf('month'));
  }, [selected]);
  const countries = [...new Set(sides.map((s) => s.country))].filter(
    (c): c is 'RU' | 'KZ' => c === 'RU' || c === 'KZ',
  );
  const first = month.minus({ days: month.weekday - 1 });
  const days = Array.from({ length: 42 }, (_, i) => first.plus({ days: i }));
  const weeks = Array.from({ length: 6 }, (_, w) => days.slice(w * 7, w * 7 + 7)).filter((w) =>
    w.some((d) => d.hasSame(month, 'month')),
  );
  // Kazakh month names by hand: browsers' Kazakh data is uneven ("2026 ж. M12" in Debian's Chromium).
  const heading = capitalizeFirst(
    locale === 'kk'
      ? `${MONTHS_KK[month.month - 1]} ${month.year} ж.`
      : month.setLocale(locale).toFormat('LLLL yyyy'),
  );
  return (
    <div className="month-cal" data-testid="month-calendar">
      <div className="month-cal-head">
        <button
          type="button"
          className="button secondary"
          aria-label={t('picker.prevMonth')}
          onClick={() => setMonth(month.minus({ months: 1 }))}
        >
          ‹
        </button>
        <p className="month-cal-title" aria-live="polite">
          {heading}
        </p>
        <button
          type="button"
          className="button secondary"
          aria-label={t('picker.nextMonth')}
          onClick={() => setMonth(month.plus({ months: 1 }))}
        >
          ›
        </button>
      </div>
      <table className="month-cal-grid" aria-label={t('picker.month')}>
        <thead>
          <tr>
            {weekdayNames(locale, 'short').map((w) => (
              <th key={w} scope="col">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.toISODate()}>
              {week.map((d) => {
                const date = d.toISODate()!;
                const off = countries
                  .map((c) => ({ c, info: dayInfo(c, date) }))
                  .filter((x) => !x.info.working);
                const names = off.map(
                  (x) =>
                    `${t(`country.${x.c}`)}: ${x.info.name ? x.info.name[locale] || x.info.name.ru : t(x.info.kind === 'weekend' ? 'calendar.weekend' : 'calendar.dayOff')}`,
                );
                const label = `${formatLongDate(`${date}T12:00:00Z`, 'UTC', locale)}${names.length ? ` — ${names.join('; ')}` : ''}`;
                return (
                  <td key={date}>
                    <button
                      type="button"
                      className={`month-day${d.hasSame(month, 'month') ? '' : ' other-month'}${off.length ? ' off' : ''}${off.length && off.length < countries.length ? ' off-one' : ''}${date === today ? ' today' : ''}`}
                      aria-pressed={date === selected}
                      title={names.join('; ') || undefined}
                      disabled={date < today}
                      data-date={date}
                      data-off={off.map((x) => x.c).join(' ') || undefined}
                      onClick={() => onPick(date)}
                    >
                      <span>{d.day}</span>
                      <span className="visually-hidden">, {label}</span>
                      {off.some((x) => x.info.kind !== 'weekend') && (
                        <span className="month-day-flags" aria-hidden="true">
                          {off
                            .filter((x) => x.info.kind !== 'weekend')
                            .map((x) => x.c)
                            .join(' ')}
                        </span>
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="month-cal-legend muted">
        <span className="legend-off" aria-hidden="true" /> {t('picker.legendHoliday')}
      </p>
    </div>
  );
}
