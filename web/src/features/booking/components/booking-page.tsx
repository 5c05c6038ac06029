import { eventClocks } from '@telemost/core/presentation/clocks';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { StatusBadge } from '../../../components/status-badge.tsx';
import { useToast } from '../../../components/toaster.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useDirectory } from '../../../hooks/use-directory.ts';
import { useViewerZone } from '../../../hooks/use-viewer-zone.ts';
import { useUser } from '../../../lib/auth.tsx';
import { loadTeachers } from '../../../lib/directory.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothTimes, formatLongDate } from '../../../lib/time.ts';
import { createEvent, findSlots, type TBookingResult } from '../api/booking-api.ts';
import { describeSkipped } from '../utils/booking-logic.ts';
import { BookingForm } from './booking-form.tsx';
import '../booking.css';

/** The booking page: the form, then what was created (a series lists its skipped days). */
export function BookingPage() {
  const { t, locale } = useI18n();
  const user = useUser();
  const dir = useDirectory();
  const viewerZone = useViewerZone();
  const teachers = useApi(() => loadTeachers(), [user.id]);
  const navigate = useNavigate();
  const toast = useToast();
  const [result, setResult] = useState<TBookingResult | null>(null);
  const [formKey, setFormKey] = useState(0);

  const onBooked = (booked: TBookingResult) => {
    const first = booked.items[0];
    if (booked.items.length === 1 && booked.skipped.length === 0 && first) {
      toast.show({ title: t('booking.done'), body: first.title, tone: 'success' });
      navigate(`/events/${first.id}`);
      return;
    }
    setResult(booked);
  };

  return (
    <div className="page booking-page">
      <div className="page-head">
        <h1>{t('booking.title')}</h1>
      </div>
      <p className="lead">{t('booking.lead')}</p>
      {(dir.loading || teachers.loading) && !(dir.data && teachers.data) && <Loading />}
      {dir.error != null && <ErrorState error={dir.error} onRetry={dir.reload} />}
      {teachers.error != null && <ErrorState error={teachers.error} onRetry={teachers.reload} />}
      {result && (
        <section className="card result" aria-labelledby="result-title" data-testid="booking-result">
          <h2 id="result-title">{t('booking.seriesDone', { count: result.items.length })}</h2>
          <ul className="result-list">
            {result.items.map((e) => (
              <li key={e.id}>
                <Link to={`/events/${e.id}`}>{formatLongDate(e.start, viewerZone, locale)}</Link>{' '}
                <span>
                  {formatBothTimes(
                    e.start,
                    eventClocks(e.institutions, e.start, { locale, timeZone: viewerZone }),
                  )}
                </span>{' '}
                <StatusBadge status={e.status} />
              </li>
            ))}
          </ul>
          {result.skipped.length > 0 && (
            <>
              <h3>{t('booking.skippedTitle')}</h3>
              <ul>
                {result.skipped.map((s) => (
                  <li key={s.localDate}>
                    {formatLongDate(`${s.localDate}T12:00:00Z`, 'UTC', locale)} —{' '}
                    {describeSkipped(s.reason, s.localDate, t, locale)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              setResult(null);
              setFormKey((k) => k + 1);
            }}
          >
            {t('booking.another')}
          </button>
        </section>
      )}
      {!result && dir.data && teachers.data && (
        <BookingForm
          key={formKey}
          user={user}
          directory={dir.data}
          teachers={teachers.data}
          viewerZone={viewerZone}
          submit={createEvent}
          findSlots={findSlots}
          onBooked={onBooked}
        />
      )}
    </div>
  );
}
