import { useId } from 'react';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { formatBothTimes, formatLongDate, type TClock, zoneOffset } from '../lib/time.ts';
import { convertLocalInput, readLocalInput } from '../lib/zone-time.ts';

/** A wall-clock time as typed, and the zone it was typed in. */
export type TZonedInput = { timeZone: string; local: string };

type TProps = {
  legend: string;
  /** One input per clock; usually the two sides of the partnership. */
  clocks: TClock[];
  value: TZonedInput;
  onChange: (value: TZonedInput) => void;
  /** A message from the api about the time (conflict, holiday, out of hours). */
  error?: string | null;
};

/**
 * The start time of a joint activity, typed on either side's clock: the other clocks follow live,
 * so nobody has to do time-zone arithmetic. A time that does not exist on the typed clock (a DST
 * gap) is said so instead of being silently shifted.
 */
export function DualZoneTimeInput({ legend, clocks, value, onChange, error }: TProps) {
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
  return (
    <fieldset
      className={`fieldset dual-time${message ? ' has-error' : ''}`}
      aria-describedby={`${id}-summary`}
    >
      <legend>{legend}</legend>
      <div className="dual-time-inputs">
        {clocks.map((clock, i) => {
          const shown =
            clock.timeZone === value.timeZone
              ? value.local
              : (convertLocalInput(value.local, value.timeZone, clock.timeZone) ?? '');
          const inputId = `${id}-${i}`;
          return (
            <div className="field" key={`${clock.timeZone}-${clock.label}`}>
              <label htmlFor={inputId}>
                {t('time.onClock', { city: clock.label })}{' '}
                <span className="muted">
                  (UTC{zoneOffset(reading.ok ? reading.utc : new Date(), clock.timeZone)})
                </span>
              </label>
              <input
                id={inputId}
                type="datetime-local"
                step={300}
                value={shown}
                data-zone={clock.timeZone}
                aria-invalid={message ? true : undefined}
                aria-describedby={`${id}-summary`}
                onChange={(e) => onChange({ timeZone: clock.timeZone, local: e.target.value })}
              />
            </div>
          );
        })}
      </div>
      <p
        className="dual-time-summary"
        id={`${id}-summary`}
        aria-live="polite"
        data-testid="both-times-preview"
      >
        {reading.ok ? (
          <>
            <strong>{formatBothTimes(reading.utc, clocks)}</strong>
            <span className="muted"> — {formatLongDate(reading.utc, clocks[0]!.timeZone, locale)}</span>
          </>
        ) : (
          !message && <span className="muted">{t('time.pickHint')}</span>
        )}
      </p>
      {message && <p className="field-error">{message}</p>}
    </fieldset>
  );
}
