import type { TEventView } from '@telemost/core/schemas/event';
import { isAudienceKind } from '@telemost/core/schemas/programme';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { AttendanceTable } from '../../../components/attendance-table.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { getLessonAttendance, lessonAttendanceUrl } from '../api/event-api.ts';
import { getEventProgramme } from '../api/programme-api.ts';

/**
 * Once a lesson has begun, its teachers and coordinators see who joined, when (on both clocks)
 * and for how long, and download it as Excel or CSV. Others are refused by the api and see nothing.
 */
export function LessonAttendance({ event, viewerZone }: { event: TEventView; viewerZone: string }) {
  const { t } = useI18n();
  const report = useApi((signal) => getLessonAttendance(event.id, signal), [event.id, event.endedAt]);
  // A conference's sections by title, for the stays in their own rooms.
  const programme = useApi(
    (signal) => (isAudienceKind(event.kind) ? getEventProgramme(event.id, signal) : Promise.resolve(null)),
    [event.id, event.kind],
  );
  const sections = new Map((programme.data?.sessions ?? []).map((s) => [s.id, s.title]));
  if (report.error instanceof ApiError && report.error.status === 403) return null;
  return (
    <section
      className="card lesson-attendance"
      aria-labelledby="attendance-title"
      data-testid="lesson-attendance"
    >
      <div className="card-head">
        <h2 id="attendance-title">{t('attendance.title')}</h2>
        <div className="actions">
          <a className="button secondary" href={lessonAttendanceUrl(event.id, 'xlsx')} download>
            {t('attendance.xlsx')}
          </a>
          <a className="button secondary" href={lessonAttendanceUrl(event.id, 'csv')} download>
            {t('attendance.csv')}
          </a>
        </div>
      </div>
      {report.loading && !report.data && <Loading />}
      {report.error != null && <ErrorState error={report.error} onRetry={report.reload} />}
      {report.data && report.data.items.length === 0 && <p className="muted">{t('dashboard.nobody')}</p>}
      {report.data && report.data.items.length > 0 && (
        <AttendanceTable
          items={report.data.items}
          sides={event.institutions}
          viewerZone={viewerZone}
          sections={sections}
        />
      )}
    </section>
  );
}
