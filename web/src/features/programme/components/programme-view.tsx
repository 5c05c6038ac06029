import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TProgramme } from '@telemost/core/schemas/programme';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { capitalizeFirst, formatBothRanges, formatLongDate } from '../../../lib/time.ts';

type TSide = TProgramme['event']['institutions'][number];

/** The clocks a range is shown on: each college's city, and the viewer's own when it is none of them. */
function useClocks(sides: readonly TSide[], viewerZone: string) {
  const { locale } = useI18n();
  return (at: string) => eventClocks(sides, at, { locale, timeZone: viewerZone });
}

/**
 * A conference's programme: the event on every clock, then each session with its times on the
 * Moscow and Karaganda clocks (and the viewer's own when it is another), its speakers and room.
 */
export function ProgrammeView({ programme, viewerZone }: { programme: TProgramme; viewerZone: string }) {
  const { t, locale } = useI18n();
  const clocksAt = useClocks(programme.event.institutions, viewerZone);
  const { event, sessions } = programme;
  const firstZone = clocksAt(event.start)[0]!.timeZone;
  return (
    <article className="programme" aria-labelledby="programme-title">
      <p className="programme-kind">{t(`kind.${event.kind}`)}</p>
      <h1 id="programme-title" data-testid="programme-title">
        {event.title}
      </h1>
      {event.status !== 'confirmed' && (
        <p className="programme-status" role="status">
          {t(event.status === 'proposed' ? 'programme.status.proposed' : 'programme.status.cancelled')}
        </p>
      )}
      <p className="programme-date">{capitalizeFirst(formatLongDate(event.start, firstZone, locale))}</p>
      <ClockList start={event.start} end={event.end} clocks={clocksAt(event.start)} testId="event-clocks" />
      <p className="programme-colleges">
        <span className="muted">{t('programme.colleges')}: </span>
        {event.institutions.map((i) => i.name[locale]).join(' — ')}
      </p>
      {event.description && <p className="programme-description">{event.description}</p>}
      <h2>{t('programme.title')}</h2>
      {sessions.length === 0 ? (
        <p className="empty-state">{t('programme.empty')}</p>
      ) : (
        <ol className="programme-sessions" data-testid="programme-sessions">
          {sessions.map((s) => (
            <li key={s.id} className="programme-session card" data-testid="programme-session">
              <h3>{s.title}</h3>
              <ClockList start={s.start} end={s.end} clocks={clocksAt(s.start)} />
              {s.speakers.length > 0 && (
                <p className="programme-speakers">
                  <span className="muted">{t('programme.speakers')}: </span>
                  {s.speakers
                    .map((p) =>
                      p.institution
                        ? `${p.name} (${p.institution.name[locale]})`
                        : p.kind === 'invitation'
                          ? `${p.name} (${t('programme.invited')})`
                          : p.name,
                    )
                    .join(', ')}
                </p>
              )}
              <p className="programme-room">
                <span className="muted">{t('programme.room')}: </span>
                {s.room === 'own' ? t('programme.ownRoom') : t('programme.mainHall')}
              </p>
              {s.description && <p>{s.description}</p>}
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

/** One line per clock: `10:00–10:30 Москва`, with the machine-readable instant. */
function ClockList({
  start,
  end,
  clocks,
  testId,
}: {
  start: string;
  end: string;
  clocks: { timeZone: string; label: string }[];
  testId?: string;
}) {
  return (
    <ul className="programme-clocks" data-testid={testId ?? 'session-clocks'}>
      {clocks.map((c) => (
        <li key={`${c.timeZone}|${c.label}`} data-zone={c.timeZone}>
          <time dateTime={start}>{formatBothRanges(start, end, [c])}</time>
        </li>
      ))}
    </ul>
  );
}
