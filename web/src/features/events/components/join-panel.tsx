import type { TEventView } from '@telemost/core/schemas/event';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useNow } from '../../../hooks/use-now.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { prepareJoin, startJoinEarly } from '../../../lib/join-handoff.ts';
import { preload } from '../../../lib/preload.ts';
import { clockTime, formatDuration, formatShortDate } from '../../../lib/time.ts';
import type { TRoomStatusPush } from '../api/event-api.ts';

/** Whether the join button works now, and if not, why and when it will. */
export function joinState(event: Pick<TEventView, 'status' | 'joinOpensAt' | 'end' | 'endedAt'>, now: Date) {
  const opens = new Date(event.joinOpensAt).getTime();
  const ends = new Date(event.end).getTime();
  if (event.status === 'cancelled' || event.status === 'declined')
    return { open: false, reason: 'inactive' } as const;
  if (now.getTime() >= ends) return { open: false, reason: 'ended' } as const;
  if (event.endedAt) return { open: false, reason: 'endedByHost' } as const;
  if (event.status !== 'confirmed') return { open: false, reason: 'unconfirmed' } as const;
  if (now.getTime() < opens) return { open: false, reason: 'early', inMs: opens - now.getTime() } as const;
  return { open: true, reason: null } as const;
}

/** How long the Join button waits for the video bridge to get ready before it lets the click wait instead. */
export const PREPARE_LIMIT_MS = 3000;
/** How often an open lesson page has the bridge renew what it prepared (the join token ages). */
export const PREPARE_AGAIN_MS = 30_000;

/**
 * While the join window is open: loads the video bridge and has it get ready to join this lesson
 * (join token, connection to the video server), so that the click goes straight to connecting.
 * True once it is ready, or once PREPARE_LIMIT_MS has passed (a slow link then waits after the
 * click, as it would anyway). A page left open renews it every PREPARE_AGAIN_MS.
 */
function useJoinReady(eventId: string, open: boolean): boolean {
  const [readyFor, setReadyFor] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    const done = () => {
      if (live) setReadyFor(eventId);
    };
    const limit = setTimeout(done, PREPARE_LIMIT_MS);
    preload('telebridge')
      .then(() => prepareJoin(eventId))
      .then(done);
    const again = setInterval(() => void prepareJoin(eventId), PREPARE_AGAIN_MS);
    return () => {
      live = false;
      clearTimeout(limit);
      clearInterval(again);
    };
  }, [eventId, open]);
  return readyFor === eventId;
}

/** The video room: its live status, who is in it, and the join button that opens with the join window. */
export function JoinPanel({
  event,
  room,
  viewerZone,
}: {
  event: TEventView;
  room: TRoomStatusPush | null;
  viewerZone: string;
}) {
  const { t, locale } = useI18n();
  const now = useNow(1000);
  const navigate = useNavigate();
  const state = joinState(event, now);
  const roomStatus = room?.roomStatus ?? event.roomStatus;
  const people = room?.participants ?? [];

  const ready = useJoinReady(event.id, state.open);
  const preparing = state.open && !ready;

  let note: string;
  if (state.reason === 'early') {
    note = t('join.opensAt', {
      date: formatShortDate(event.joinOpensAt, viewerZone, locale),
      time: clockTime(event.joinOpensAt, viewerZone),
      duration: formatDuration(state.inMs, locale),
    });
  } else if (state.reason === 'ended') note = t('join.ended');
  else if (state.reason === 'endedByHost') note = t('join.endedByHost');
  else if (state.reason === 'unconfirmed') note = t('join.unconfirmed');
  else if (state.reason === 'inactive') note = t('join.inactive');
  else if (preparing) note = t('join.preparing');
  else note = t('join.open');

  return (
    <section className="card join-panel" aria-labelledby="join-title">
      <h2 id="join-title">{t('join.title')}</h2>
      <p className="room-status" data-testid="room-status" data-room-status={roomStatus}>
        <span className={`room-dot room-${roomStatus}`} aria-hidden="true" />
        {t(`room.${roomStatus}`)}
      </p>
      {people.length > 0 && (
        <div>
          <h3 className="small-head">{t('join.inRoom', { count: people.length })}</h3>
          <ul className="inline-list">
            {people.map((p) => (
              <li key={p.identity}>{p.name}</li>
            ))}
          </ul>
        </div>
      )}
      <button
        type="button"
        className="button primary big"
        disabled={!state.open || preparing}
        aria-busy={preparing}
        data-testid="join-button"
        aria-describedby="join-note"
        onClick={() => {
          startJoinEarly(event.id);
          navigate(`/events/${event.id}/live`, { state: { autojoin: true } });
        }}
      >
        {t('join.button')}
      </button>
      <p id="join-note" className="muted" data-testid="join-note">
        {note}
      </p>
      {state.reason !== 'ended' && state.reason !== 'endedByHost' && state.reason !== 'inactive' && (
        <p>
          <Link to={`/events/${event.id}/live`}>{t('join.checkDevices')}</Link>
        </p>
      )}
    </section>
  );
}
