import { eventClocks, type TClockSide } from '@telemost/core/presentation/clocks';
import type { TAttendanceEntry } from '@telemost/core/schemas/live';
import type { TTranslate } from '../lib/i18n/i18n.tsx';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { formatBothTimes } from '../lib/time.ts';

/**
 * The rooms besides the main one where a person's stays were: breakout teams ("Команда 1") and a
 * conference's sections (by title when `sections` knows it), each once, in the order first seen.
 */
export function placesOf(
  row: Pick<TAttendanceEntry, 'sessions'>,
  t: TTranslate,
  sections: ReadonlyMap<string, string> = new Map(),
): string[] {
  const places = row.sessions.map((s) =>
    s.programmeSessionId
      ? (sections.get(s.programmeSessionId) ?? t('attendance.section'))
      : s.team
        ? t('classroom.team', { n: s.team })
        : null,
  );
  return [...new Set(places.filter((p) => p !== null))];
}

/**
 * Who was in a lesson's video room: name (and role), college, first join on the lesson's clocks,
 * minutes, and the teams' and sections' rooms they were in too. Shared by the lesson page and the
 * coordinator's dashboard.
 */
export function AttendanceTable({
  items,
  sides,
  viewerZone,
  sections,
}: {
  items: TAttendanceEntry[];
  /** A conference's section titles by programme session id. */
  sections?: ReadonlyMap<string, string>;
  /** The lesson's colleges, whose clocks the join times are shown on. */
  sides: readonly TClockSide[];
  viewerZone: string;
}) {
  const { t, locale, pick } = useI18n();
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t('dashboard.person')}</th>
            <th scope="col">{t('event.college')}</th>
            <th scope="col">{t('dashboard.joined')}</th>
            <th scope="col">{t('dashboard.minutes')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.identity}>
              <th scope="row">
                {row.name}
                {row.role && <span className="muted"> ({t(`role.${row.role as 'student'}`)})</span>}
                {placesOf(row, t, sections).length > 0 && (
                  <div className="muted attendance-places" data-testid="attendance-places">
                    {t('attendance.alsoIn', { places: placesOf(row, t, sections).join(', ') })}
                  </div>
                )}
              </th>
              <td>{row.institution ? pick(row.institution.name) : ''}</td>
              <td>
                {row.firstJoinedAt
                  ? formatBothTimes(
                      row.firstJoinedAt,
                      eventClocks(sides, row.firstJoinedAt, { locale, timeZone: viewerZone }),
                    )
                  : t('dashboard.absent')}
              </td>
              <td>{row.minutes}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
