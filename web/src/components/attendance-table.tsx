import { eventClocks, type TClockSide } from '@telemost/core/presentation/clocks';
import type { TAttendanceEntry } from '@telemost/core/schemas/live';
import { useI18n } from '../lib/i18n/i18n.tsx';
import { formatBothTimes } from '../lib/time.ts';

/**
 * Who was in a lesson's video room: name (and role), college, first join on the lesson's clocks,
 * minutes. Shared by the lesson page and the coordinator's dashboard.
 */
export function AttendanceTable({
  items,
  sides,
  viewerZone,
}: {
  items: TAttendanceEntry[];
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
