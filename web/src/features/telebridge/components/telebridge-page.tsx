// Before LiveKit's sheet, so that LiveKit's own rules keep the last word where both style an element.
import '../telebridge.css';
import '@livekit/components-styles';
import { type LocalUserChoices, loadUserChoices } from '@livekit/components-core';
import { usePersistentUserChoices } from '@livekit/components-react';
import { isAudienceKind } from '@telemost/core/schemas/programme';
import { DisconnectReason } from 'livekit-client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { ErrorState, Loading } from '../../../components/async-state.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { isStaff, useUser } from '../../../lib/auth.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import type { TJoinBridge } from '../../../lib/join-handoff.ts';
import { useSocketEvent, useWatchEvent } from '../../../lib/realtime.tsx';
import { getBreakouts, joinTeam } from '../api/classroom-api.ts';
import { getLesson, joinLesson, type TJoinGrant } from '../api/telebridge-api.ts';
import { takeJoinGrant, takeReadyGrant, warmJoin } from '../api/warm-join.ts';
import { PreJoin } from './pre-join.tsx';
import { createLessonRoom, LESSON_CONNECT, RoomView, type TLiveSession } from './room-view.tsx';

/** Starts connecting a Room for this grant with the chosen devices. */
function connectSession(grant: TJoinGrant, choices: LocalUserChoices): TLiveSession {
  const room = createLessonRoom(choices);
  const connecting = room.connect(grant.serverUrl, grant.token, LESSON_CONNECT);
  connecting.catch(() => {}); // the room view reports a failed connection
  return { grant, room, connecting };
}

/**
 * Takes the warm join grant (or asks for one), then starts connecting. With the grant already
 * here, connecting starts before this returns, on the click itself.
 */
function openSession(eventId: string, choices: LocalUserChoices): Promise<TLiveSession> {
  const ready = takeReadyGrant(eventId);
  if (ready) return Promise.resolve(connectSession(ready, choices));
  return takeJoinGrant(eventId).then((grant) => connectSession(grant, choices));
}

/** The team number in a breakout room name (`<eventId>~<n>`), or null for the main room. */
function teamOf(room: string | undefined): number | null {
  const m = /~(\d+)$/.exec(room ?? '');
  return m ? Number(m[1]) : null;
}

/** A join the lesson page's Join button started on the click, for this page to take over. */
let early: { eventId: string; session: Promise<TLiveSession> } | null = null;

/**
 * What the lesson page's Join button uses (see lib/join-handoff): get ready while the join window
 * is open, then start joining on the click itself, with the devices chosen last time, so that
 * connecting overlaps the route change and the first render of this page.
 */
export const joinBridge: TJoinBridge = {
  prepare: warmJoin,
  start(eventId) {
    const session = openSession(eventId, loadUserChoices());
    session.catch(() => {}); // reported when the page takes it over
    early = { eventId, session };
  },
};

/**
 * The telebridge: pre-join (camera and microphone check), then the LiveKit room. Coming from the
 * lesson page's Join button it connects at once with the devices chosen last time.
 */
export function TelebridgePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const user = useUser();
  const location = useLocation();
  const message = useApiErrorMessage();
  const autojoin = Boolean((location.state as { autojoin?: boolean } | null)?.autojoin);
  const lesson = useApi((signal) => getLesson(id, signal), [id]);
  const {
    userChoices,
    saveAudioInputDeviceId,
    saveAudioInputEnabled,
    saveVideoInputDeviceId,
    saveVideoInputEnabled,
  } = usePersistentUserChoices();
  const [stage, setStage] = useState<'prejoin' | 'joining' | 'room' | 'left' | 'ended'>(
    autojoin ? 'joining' : 'prejoin',
  );
  const [session, setSession] = useState<TLiveSession | null>(null);
  const [error, setError] = useState<string | null>(null);
  const choicesRef = useRef(userChoices);
  choicesRef.current = userChoices;
  // The breakout team whose room the page is in (null: the main room), from the grant's room name.
  const currentTeam = teamOf(session?.grant.room);
  const currentTeamRef = useRef(currentTeam);
  currentTeamRef.current = currentTeam;
  const isHostRef = useRef(false);
  isHostRef.current = session?.grant.access === 'host';

  /** Moves to a team's room or back to the main room, without a page reload. */
  // The room a move is under way to: the socket push and the team room's ROOM_DELETED both ask
  // for the main room when breakouts end, and one connection must come of it, not two.
  // The latest move wins: a student the host moves again while the first move's token is on its
  // way goes to the last team named, whichever token comes back first.
  const moving = useRef<number | null | undefined>(undefined);
  const moves = useRef(0);
  const goTo = useCallback(
    async (team: number | null) => {
      if (moving.current === team) return;
      if (moving.current !== undefined && team === currentTeamRef.current) {
        // Sent back to the room it is in before the move got there: the move is called off.
        moves.current++;
        moving.current = undefined;
        return;
      }
      moving.current = team;
      const move = ++moves.current;
      try {
        const grant = team === null ? await joinLesson(id) : await joinTeam(id, team);
        if (move !== moves.current) return;
        setSession(connectSession(grant, choicesRef.current));
        setStage('room');
      } catch (err) {
        if (move === moves.current) setError(message(err));
      } finally {
        if (move === moves.current) moving.current = undefined;
      }
    },
    [id, message],
  );
  useWatchEvent(id);
  // Breakouts started, someone moved, or they ended: a student goes to their team (or back to the
  // main room) by themselves; a host visiting a team goes back when the teams end.
  useSocketEvent('breakouts:changed', (m) => {
    if (stage !== 'room') return;
    const mine = m.active ? (m.rooms.find((r) => r.memberIds.includes(user.id))?.id ?? null) : null;
    const here = currentTeamRef.current;
    if (isHostRef.current) {
      if (!m.active && here !== null) void goTo(null);
      return;
    }
    // Compared with where the page is going, when a move is under way.
    const heading = moving.current === undefined ? here : moving.current;
    if (mine !== heading) void goTo(mine);
  });

  const join = useCallback(async () => {
    setStage('joining');
    setError(null);
    try {
      // Connecting starts before the room view renders (on the Join click when it came from the
      // lesson page), so rendering is not on the way to the first frame.
      const started = early?.eventId === id ? early.session : null;
      early = null;
      const opened = await (started ?? openSession(id, choicesRef.current));
      setSession(opened);
      setStage('room');
      // Breakouts are running and this student has a team: straight there (a reconnect lands back in it).
      const team = opened.grant.breakout;
      if (team && opened.grant.access !== 'host') void goTo(team.roomId);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : '';
      if (code === 'lesson_ended') {
        setStage('ended');
        return;
      }
      setError(
        code === 'not_yet_open'
          ? t('live.notYetOpen')
          : code === 'join_window_closed'
            ? t('live.windowClosed')
            : err instanceof ApiError && err.status === 409
              ? t('live.notConfirmed')
              : message(err),
      );
      setStage('prejoin');
    }
  }, [id, message, t, goTo]);

  // Arriving from the Join button, the token is usually here already (asked for on the lesson
  // page); otherwise it is asked for while the device check is on screen.
  const arrived = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on arrival.
  useEffect(() => {
    if (arrived.current) return; // React's development double effects: join once
    arrived.current = true;
    if (autojoin) void join();
    else void warmJoin(id);
  }, []);
  const onLeave = useCallback(
    (reason?: DisconnectReason) => {
      const team = currentTeamRef.current;
      // A team's room deleted: the breakouts ended; back to the main room, not "lesson ended".
      if (reason === DisconnectReason.ROOM_DELETED && team !== null) {
        void goTo(null);
        return;
      }
      // Taken out of a team's room: a host moved this student to another team (the socket push
      // that says so can come before or after this). Where the student belongs now is asked of
      // the api; only when that is still this room was the student really put out.
      if (reason === DisconnectReason.PARTICIPANT_REMOVED && team !== null && !isHostRef.current) {
        getBreakouts(id)
          .then((now) => {
            const mine = now.active ? now.myRoomId : null;
            if (mine === team) setStage('left');
            else void goTo(mine);
          })
          .catch(() => setStage('left'));
        return;
      }
      setStage(reason === DisconnectReason.ROOM_DELETED ? 'ended' : 'left');
    },
    [id, goTo],
  );
  const onEnded = useCallback(() => setStage('ended'), []);

  const title = lesson.data?.title ?? t('live.title');
  return (
    <div className="page live-page">
      <div className="live-head">
        <p className="breadcrumb">
          <Link to={`/events/${id}`}>← {t('live.backToLesson')}</Link>
        </p>
        <h1>{title}</h1>
      </div>
      {lesson.error != null && <ErrorState error={lesson.error} onRetry={lesson.reload} />}
      {error && (
        <p className="form-error" role="alert" data-testid="join-error">
          {error}
        </p>
      )}
      {stage === 'prejoin' && (
        <PreJoin
          choices={userChoices}
          onAudio={saveAudioInputEnabled}
          onVideo={saveVideoInputEnabled}
          onAudioDevice={saveAudioInputDeviceId}
          onVideoDevice={saveVideoInputDeviceId}
          onJoin={() => void join()}
        />
      )}
      {stage === 'joining' && <Loading label={t('live.connecting')} />}
      {stage === 'room' && session && (
        <RoomView
          key={session.grant.token}
          eventId={id}
          session={session}
          choices={userChoices}
          canPresent={session.grant.canPublishSources.includes('screen_share')}
          isTeacher={isStaff(user)}
          isHost={session.grant.access === 'host'}
          onLeave={onLeave}
          onEnded={onEnded}
          currentTeam={currentTeam}
          onGoTo={(team) => void goTo(team)}
          audience={isAudienceKind(lesson.data?.kind ?? '')}
        />
      )}
      {stage === 'ended' && (
        <div className="card" role="status" data-testid="lesson-ended">
          <h2>{t('live.ended')}</h2>
          <p>{t('live.endedNote')}</p>
          <div className="actions">
            <Link className="button secondary" to={`/events/${id}`}>
              {t('live.backToLesson')}
            </Link>
          </div>
        </div>
      )}
      {stage === 'left' && (
        <div className="card">
          <p>{t('live.left')}</p>
          <div className="actions">
            <button type="button" className="button primary" onClick={() => void join()} data-testid="rejoin">
              {t('live.rejoin')}
            </button>
            <Link className="button secondary" to={`/events/${id}`}>
              {t('live.backToLesson')}
            </Link>
          </div>
        </div>
      )}
    </div>
  );
}
