import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TEventView } from '@telemost/core/schemas/event';
import { type FormEvent, useState } from 'react';
import { DualZoneTimeInput, type TZonedInput } from '../../../components/dual-zone-time-input.tsx';
import { Field } from '../../../components/field.tsx';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useDirectory } from '../../../hooks/use-directory.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { describeConflicts, describeViolation } from '../../../lib/schedule-problems.ts';
import { formatMinutes } from '../../../lib/time.ts';
import { readLocalInput, toLocalInput } from '../../../lib/zone-time.ts';
import { rescheduleEvent } from '../api/event-api.ts';
import { SeriesScopePicker, type TSeriesScope } from './series-scope-picker.tsx';

const DURATIONS = [45, 60, 80, 90, 120, 180, 240];

/** Moves the event to another time, typed on either side's clock; the other sides confirm again. */
export function RescheduleForm({
  event,
  viewerZone,
  onDone,
  onCancel,
}: {
  event: TEventView;
  viewerZone: string;
  onDone: (updated: TEventView[]) => void;
  onCancel: () => void;
}) {
  const { t, locale } = useI18n();
  const dir = useDirectory();
  const message = useApiErrorMessage();
  const clocks = eventClocks(event.institutions, event.start, { locale, timeZone: viewerZone });
  const [time, setTime] = useState<TZonedInput>({
    timeZone: clocks[0]!.timeZone,
    local: toLocalInput(event.start, clocks[0]!.timeZone),
  });
  const [duration, setDuration] = useState(event.durationMinutes);
  const [scope, setScope] = useState<TSeriesScope>('this');
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [timeError, setTimeError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblems([]);
    setTimeError(null);
    const reading = readLocalInput(time.local, time.timeZone);
    if (!reading.ok) {
      setTimeError(reading.reason === 'nonexistent' ? t('time.nonexistent') : t('booking.error.time'));
      return;
    }
    if (new Date(reading.utc).getTime() <= Date.now()) {
      setTimeError(t('booking.error.past'));
      return;
    }
    setBusy(true);
    try {
      onDone(
        (
          await rescheduleEvent(event.id, {
            localStart: time.local.slice(0, 16),
            timeZone: time.timeZone,
            durationMinutes: duration,
            scope,
          })
        ).items,
      );
    } catch (err) {
      if (
        err instanceof ApiError &&
        dir.data &&
        (err.code === 'booking_conflict' || err.code === 'calendar_violation')
      ) {
        const ctx = {
          t,
          locale,
          institutions: dir.data.institutions,
          groups: dir.data.groups,
          teachers: event.teachers,
          clocks,
        };
        const conflicts = err.problem.conflicts ?? [];
        const violations = err.problem.violations ?? [];
        setTimeError(
          err.code === 'booking_conflict' ? t('booking.error.taken') : t('booking.error.calendar'),
        );
        // Each other event once, with everything of ours it holds.
        const byEvent = new Map<string, typeof conflicts>();
        for (const c of conflicts) byEvent.set(c.eventId, [...(byEvent.get(c.eventId) ?? []), c]);
        setProblems([
          ...[...byEvent.values()].map((held) => describeConflicts(held, ctx)),
          ...violations.map((v) => describeViolation(v, ctx)),
        ]);
      } else if (err instanceof ApiError && err.code === 'nonexistent_local_time')
        setTimeError(t('time.nonexistent'));
      else setProblems([message(err)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card reschedule" onSubmit={submit} noValidate aria-labelledby="reschedule-title">
      <h2 id="reschedule-title">{t('reschedule.title')}</h2>
      <p className="muted">{t('reschedule.lead')}</p>
      {problems.length > 0 && (
        <div className="form-summary" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <DualZoneTimeInput
        legend={t('reschedule.newTime')}
        clocks={clocks}
        value={time}
        onChange={setTime}
        error={timeError}
      />
      <Field label={t('booking.duration')}>
        <select value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
          {[...new Set([...DURATIONS, event.durationMinutes])]
            .sort((a, b) => a - b)
            .map((m) => (
              <option key={m} value={m}>
                {formatMinutes(m, locale)}
              </option>
            ))}
        </select>
      </Field>
      {event.seriesId && <SeriesScopePicker name="reschedule-scope" scope={scope} onChange={setScope} />}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? t('common.saving') : t('reschedule.submit')}
        </button>
        <button type="button" className="button ghost" onClick={onCancel}>
          {t('common.close')}
        </button>
      </div>
    </form>
  );
}
