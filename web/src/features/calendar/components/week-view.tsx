import type { TEventView } from '@telemost/core/schemas/event';
import type { TInstitution } from '@telemost/core/schemas/institution';
import { DateTime } from 'luxon';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { capitalizeFirst, clockTime, formatBothTimes, formatShort, type TClock } from '../../../lib/time.ts';
import {
  commonWorkingHours,
  dayMarks,
  formatMinutesOfDay,
  gridHours,
  hourOnClock,
  type TMinuteRange,
} from '../utils/week-grid.ts';
import { EventItem } from './event-item.tsx';

const HOUR_PX = 56;

/** The stretches of a day, in minutes, outside the hours every side works (the whole day when none). */
function dimBands(show: boolean, overlap: TMinuteRange | null): { from: number; to: number }[] {
  if (!show) return [];
  if (!overlap) return [{ from: 0, to: 24 * 60 }];
  return [
    { from: 0, to: overlap.start },
    { from: overlap.end, to: 24 * 60 },
  ].filter((b) => b.to > b.from);
}

/**
 * A week of joint activities on the viewer's clock, Monday first. Cards are as tall as they last;
 * an hour column per side's clock (the viewer's, then the partner's); both countries' days off and
 * holidays shaded and named; the hours outside every side's working time dimmed. The "now" line
 * runs behind the cards and reads its times in the hour columns, so it never hides a start time.
 * On a phone the days stack and items flow as a list.
 */
export function WeekView({
  weekStart,
  events,
  viewerZone,
  nowClocks,
  now,
  sides = [],
}: {
  weekStart: DateTime;
  events: TEventView[];
  viewerZone: string;
  nowClocks: TClock[];
  now: Date;
  /** The colleges whose calendars and working hours the grid shows: the viewer's own first. */
  sides?: TInstitution[];
}) {
  const { t, locale, pick } = useI18n();
  const days = Array.from({ length: 7 }, (_, i) => weekStart.plus({ days: i }));
  const nowLocal = DateTime.fromJSDate(now).setZone(viewerZone);
  // 07:00–21:00, or wider when an activity of the week starts earlier or ends later.
  const span = gridHours(events, viewerZone);
  const FIRST_HOUR = span.first;
  const GRID_MINUTES = (span.last - span.first) * 60;
  const hours = Array.from({ length: span.last - span.first }, (_, i) => FIRST_HOUR + i);
  const clampMinutes = (m: number) => Math.min(Math.max(m - FIRST_HOUR * 60, 0), GRID_MINUTES);
  const px = (minutes: number) => clampMinutes(minutes) * (HOUR_PX / 60);
  const offsetOf = (dt: DateTime) => px(dt.hour * 60 + dt.minute);
  const hourClocks = nowClocks.slice(0, 2);
  const weekDates = days.map((d) => d.toISODate()!);
  const marksByDay = weekDates.map((date) => dayMarks(date, sides));
  const hasMarks = marksByDay.some((m) => m.length > 0);
  const nowInWeek = days.some((d) => d.hasSame(nowLocal, 'day'));
  const overlapDay = weekDates.map((date) => commonWorkingHours(date, sides, viewerZone)).find((o) => o);

  return (
    <div className="week-wrap">
      {sides.length > 1 && overlapDay && (
        <p className="week-legend" data-testid="week-overlap">
          <span className="legend-swatch dim" aria-hidden="true" />
          {t('calendar.overlap', {
            hours: `${formatMinutesOfDay(overlapDay.start)}–${formatMinutesOfDay(overlapDay.end)}`,
            city: hourClocks[0]?.label ?? '',
          })}
        </p>
      )}
      <div
        className={`week${hasMarks ? ' has-marks' : ''}`}
        style={{
          ['--hour-px' as string]: `${HOUR_PX}px`,
          ['--hour-cols' as string]: String(Math.max(hourClocks.length, 1)),
        }}
      >
        {(hourClocks.length > 0 ? hourClocks : [{ timeZone: viewerZone, label: '' }]).map((clock, ci) => (
          <div
            className={`week-hours${ci > 0 ? ' partner' : ''}`}
            key={clock.timeZone}
            data-testid="hour-column"
            data-zone={clock.timeZone}
          >
            <div className="week-day-head week-hours-head">{clock.label}</div>
            <div className="week-hours-body" style={{ height: `${GRID_MINUTES * (HOUR_PX / 60)}px` }}>
              {hours.map((h) => (
                <div className="week-hour" key={h} aria-hidden="true">
                  {ci === 0
                    ? `${String(h).padStart(2, '0')}:00`
                    : hourOnClock(weekDates[0]!, h, viewerZone, clock.timeZone)}
                </div>
              ))}
              {nowInWeek && (
                <span className="now-pill" style={{ top: `${offsetOf(nowLocal)}px` }} aria-hidden="true">
                  {clockTime(now, clock.timeZone)}
                </span>
              )}
            </div>
          </div>
        ))}
        <ol className="week-days">
          {days.map((day, di) => {
            const date = weekDates[di]!;
            const isToday = day.hasSame(nowLocal, 'day');
            const marks = marksByDay[di]!;
            const overlap = commonWorkingHours(date, sides, viewerZone);
            const dayEvents = events.filter((e) =>
              DateTime.fromISO(e.start).setZone(viewerZone).hasSame(day, 'day'),
            );
            const off = marks.map((m) => m.country).join(' ');
            return (
              <li
                className={`week-day${isToday ? ' today' : ''}${marks.length ? ' day-off' : ''}${marks.length > 1 ? ' day-off-all' : ''}`}
                key={date}
                data-date={date}
                data-off={off || undefined}
              >
                <h3 className="week-day-head">
                  {capitalizeFirst(formatShort(day, locale))}
                  {isToday && <span className="today-mark"> · {t('calendar.today')}</span>}
                  {marks.map((m) => {
                    const name = m.name
                      ? pick(m.name)
                      : t(m.kind === 'weekend' ? 'calendar.weekend' : 'calendar.dayOff');
                    return (
                      <span
                        className={`day-mark country-${m.country}`}
                        key={m.country}
                        data-testid="day-mark"
                        data-country={m.country}
                        title={`${t(`country.${m.country}`)}: ${name}`}
                      >
                        <span className="day-mark-flag" aria-hidden="true">
                          {m.country}
                        </span>
                        <span className="visually-hidden">{t(`country.${m.country}`)}: </span>
                        <span className="day-mark-name">{name}</span>
                      </span>
                    );
                  })}
                </h3>
                <div className="week-day-body" style={{ height: `${GRID_MINUTES * (HOUR_PX / 60)}px` }}>
                  {dimBands(sides.length > 1 && marks.length === 0, overlap).map((b) => (
                    <div
                      className="week-dim"
                      key={b.from}
                      aria-hidden="true"
                      data-testid="outside-overlap"
                      style={{ top: `${px(b.from)}px`, height: `${px(b.to) - px(b.from)}px` }}
                    />
                  ))}
                  {dayEvents.length === 0 && <p className="week-day-empty">{t('calendar.dayEmpty')}</p>}
                  {dayEvents.map((e) => {
                    const start = DateTime.fromISO(e.start).setZone(viewerZone);
                    const end = DateTime.fromISO(e.end).setZone(viewerZone);
                    const top = offsetOf(start);
                    // As tall as it lasts (a 90-minute lesson is 1.5 hour rows); an end past midnight
                    // runs to the grid's edge.
                    const endMinutes = end.hasSame(start, 'day') ? end.hour * 60 + end.minute : 24 * 60;
                    const height = Math.max(px(endMinutes) - top, 22);
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
                  {isToday && nowClocks.length > 0 && (
                    <div
                      className="now-line"
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
    </div>
  );
}
