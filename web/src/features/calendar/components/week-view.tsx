import type { TEventView } from '@telemost/core/schemas/event';
import { DateTime } from 'luxon';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothTimes, formatShort, type TClock } from '../../../lib/time.ts';
import { EventItem } from './event-item.tsx';

const FIRST_HOUR = 7;
const LAST_HOUR = 21;
const HOUR_PX = 56;

/**
 * A week of joint activities on the viewer's clock, Monday first, with the "now" line that reads
 * the current time on both sides' clocks. On a phone the days stack and items flow as a list.
 */
export function WeekView({
  weekStart,
  events,
  viewerZone,
  nowClocks,
  now,
}: {
  weekStart: DateTime;
  events: TEventView[];
  viewerZone: string;
  nowClocks: TClock[];
  now: Date;
}) {
  const { t, locale } = useI18n();
  const days = Array.from({ length: 7 }, (_, i) => weekStart.plus({ days: i }));
  const nowLocal = DateTime.fromJSDate(now).setZone(viewerZone);
  const hours = Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, i) => FIRST_HOUR + i);
  const offsetOf = (dt: DateTime) => {
    const minutes = (dt.hour - FIRST_HOUR) * 60 + dt.minute;
    return Math.min(Math.max(minutes, 0), (LAST_HOUR - FIRST_HOUR) * 60) * (HOUR_PX / 60);
  };

  return (
    <div className="week" style={{ ['--hour-px' as string]: `${HOUR_PX}px` }}>
      <div className="week-hours" aria-hidden="true">
        <div className="week-day-head" />
        {hours.map((h) => (
          <div className="week-hour" key={h}>
            {String(h).padStart(2, '0')}:00
          </div>
        ))}
      </div>
      <ol className="week-days">
        {days.map((day) => {
          const isToday = day.hasSame(nowLocal, 'day');
          const dayEvents = events.filter((e) =>
            DateTime.fromISO(e.start).setZone(viewerZone).hasSame(day, 'day'),
          );
          return (
            <li className={`week-day${isToday ? ' today' : ''}`} key={day.toISODate()}>
              <h3 className="week-day-head">
                {formatShort(day, locale)}
                {isToday && <span className="today-mark"> · {t('calendar.today')}</span>}
              </h3>
              <div className="week-day-body" style={{ height: `${(LAST_HOUR - FIRST_HOUR) * HOUR_PX}px` }}>
                {dayEvents.length === 0 && <p className="week-day-empty">{t('calendar.dayEmpty')}</p>}
                {dayEvents.map((e) => {
                  const start = DateTime.fromISO(e.start).setZone(viewerZone);
                  const end = DateTime.fromISO(e.end).setZone(viewerZone);
                  const top = offsetOf(start);
                  const height = Math.max(offsetOf(end) - top, 44);
                  return (
                    <EventItem
                      key={e.id}
                      event={e}
                      viewerZone={viewerZone}
                      compact
                      style={{ ['--top' as string]: `${top}px`, ['--height' as string]: `${height}px` }}
                    />
                  );
                })}
                {/* Before or after the grid's hours the line rests on its edge, still reading the time. */}
                {isToday && nowClocks.length > 0 && (
                  <div
                    className={`now-line${nowLocal.hour >= LAST_HOUR - 1 ? ' at-end' : ''}`}
                    style={{ top: `${offsetOf(nowLocal)}px` }}
                    data-testid="now-line"
                  >
                    <span className="now-label">
                      {t('calendar.now')} {formatBothTimes(now, nowClocks)}
                    </span>
                  </div>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
