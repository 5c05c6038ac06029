import type { RefObject } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TMappedProblem } from '../utils/booking-logic.ts';

type TProps = {
  summaryRef: RefObject<HTMLDivElement | null>;
  problem: TMappedProblem | null;
  failure: string | null;
  errorCount: number;
};

/**
 * The live summary above the form: how many fields need fixing, the bookings this one clashes with
 * (each with a link), the api's other reasons, or why sending failed. It takes the focus on submit.
 */
export function BookingProblems({ summaryRef, problem, failure, errorCount }: TProps) {
  const { t } = useI18n();
  return (
    <div id="booking-summary" ref={summaryRef} tabIndex={-1} className="form-summary-anchor">
      {(problem || failure || errorCount > 0) && (
        <div className="form-summary" role="alert" data-testid="booking-problem">
          {failure && <p>{failure}</p>}
          {!problem && errorCount > 0 && <p>{t('booking.fixFields', { count: errorCount })}</p>}
          {problem?.conflicts.length ? (
            <>
              <p>
                <strong>{t('booking.conflictTitle')}</strong>
              </p>
              <ul>
                {problem.conflicts.map((c) => (
                  <li key={`${c.eventId}-${c.resourceId}`}>
                    {c.message} <Link to={`/events/${c.eventId}`}>{t('booking.openConflict')}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {problem?.summary.length ? (
            <ul>
              {problem.summary.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ul>
          ) : null}
        </div>
      )}
    </div>
  );
}
