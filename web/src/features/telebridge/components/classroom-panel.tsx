import type { TBreakouts, TMaterial, TPoll } from '@telemost/core/schemas/classroom';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { useSocketEvent } from '../../../lib/realtime.tsx';
import {
  answerPoll,
  askPoll,
  broadcastToTeams,
  endBreakouts,
  getBreakouts,
  listMaterials,
  listPolls,
  materialUrl,
  moveToTeam,
  startBreakouts,
  uploadMaterial,
} from '../api/classroom-api.ts';

type TTab = 'teams' | 'polls' | 'materials';

type TProps = {
  eventId: string;
  isHost: boolean;
  /** The team whose room this page is in now (null: the main room). */
  currentTeam: number | null;
  /** Go to a team's room (a host visiting, a student to their own), or back to the main room. */
  onGoTo: (team: number | null) => void;
  onClose: () => void;
};

/** The api error as a sentence, through a stable function (safe in effects' dependencies). */
function useErrorText(): (error: unknown) => string {
  const { t } = useI18n();
  const message = useApiErrorMessage();
  const ref = useRef({ message, t });
  ref.current = { message, t };
  return useCallback((error: unknown) => {
    const { message: generic, t: tr } = ref.current;
    if (error instanceof ApiError && error.code === 'payload_too_large') return tr('classroom.tooBig');
    if (error instanceof ApiError && error.code === 'unsupported_media_type')
      return tr('classroom.wrongType');
    if (error instanceof ApiError && error.code === 'conflict') return tr('classroom.alreadyAnswered');
    return generic(error);
  }, []);
}

/** Minutes and seconds left until `endsAt`, ticking every second. */
function useTimeLeft(endsAt: string | null): string | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!endsAt) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [endsAt]);
  if (!endsAt) return null;
  const left = Math.max(0, Math.round((new Date(endsAt).getTime() - now) / 1000));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/** The live classroom beside the video: breakout teams, polls, lesson materials. */
export function ClassroomPanel({ eventId, isHost, currentTeam, onGoTo, onClose }: TProps) {
  const { t } = useI18n();
  const [tab, setTab] = useState<TTab>('teams');
  return (
    <aside className="classroom-panel" aria-label={t('classroom.title')} data-testid="classroom-panel">
      <div className="chat-head">
        <h2>{t('classroom.title')}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      <div className="classroom-tabs" role="tablist">
        {(['teams', 'polls', 'materials'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={`button ${tab === name ? 'primary' : 'secondary'}`}
            onClick={() => setTab(name)}
          >
            {t(`classroom.tab.${name}`)}
          </button>
        ))}
      </div>
      {tab === 'teams' && (
        <TeamsTab eventId={eventId} isHost={isHost} currentTeam={currentTeam} onGoTo={onGoTo} />
      )}
      {tab === 'polls' && <PollsTab eventId={eventId} isHost={isHost} />}
      {tab === 'materials' && <MaterialsTab eventId={eventId} isHost={isHost} />}
    </aside>
  );
}

function TeamsTab({
  eventId,
  isHost,
  currentTeam,
  onGoTo,
}: Pick<TProps, 'eventId' | 'isHost' | 'currentTeam' | 'onGoTo'>) {
  const { t } = useI18n();
  const message = useErrorText();
  const [teams, setTeams] = useState<TBreakouts | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [count, setCount] = useState(2);
  const [mix, setMix] = useState<'colleges' | 'random'>('colleges');
  const [minutes, setMinutes] = useState(15);
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only the answer to the latest request counts: the read asked for on opening the tab can come
  // back after the one asked for once the host started the teams, and must not hide them again.
  const asked = useRef(0);
  const reload = useCallback(() => {
    const n = ++asked.current;
    getBreakouts(eventId).then(
      (got) => n === asked.current && setTeams(got),
      (err) => n === asked.current && setError(message(err)),
    );
  }, [eventId, message]);
  useEffect(reload, [reload]);
  useSocketEvent('breakouts:changed', reload);
  useSocketEvent('breakouts:broadcast', (m) => setNotice(`${m.fromName}: ${m.message}`));
  const timeLeft = useTimeLeft(teams?.endsAt ?? null);
  const run = async (action: () => Promise<unknown>) => {
    setError(null);
    setBusy(true);
    try {
      await action();
      reload();
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  const start = (e: FormEvent) => {
    e.preventDefault();
    void run(() => startBreakouts(eventId, { count, mix, durationMinutes: minutes || undefined }));
  };
  const send = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    void run(async () => {
      await broadcastToTeams(eventId, text.trim());
      setText('');
    });
  };

  return (
    <section className="classroom-section" data-testid="classroom-teams">
      {notice && (
        <p className="classroom-notice" role="status" data-testid="breakout-notice">
          {notice}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {teams?.active ? (
        <>
          {timeLeft && <p data-testid="breakout-timer">{t('classroom.timeLeft', { time: timeLeft })}</p>}
          {currentTeam !== null && (
            <button type="button" className="button secondary" onClick={() => onGoTo(null)}>
              {t('classroom.backToMain')}
            </button>
          )}
          <ol className="classroom-teams">
            {teams.rooms.map((room) => (
              <li key={room.id} data-testid={`team-${room.id}`}>
                <div className="team-head">
                  <strong>
                    {t('classroom.team', { n: room.id })}
                    {teams.myRoomId === room.id ? ` · ${t('classroom.yourTeam')}` : ''}
                  </strong>
                  {isHost && (
                    <span className="muted">
                      {t('classroom.presentCount', { count: room.present.length })}
                      {room.present.some((p) => p.handRaised) ? ` · ✋ ${t('classroom.hands')}` : ''}
                    </span>
                  )}
                  {(isHost || teams.myRoomId === room.id) && currentTeam !== room.id && (
                    <button type="button" className="button secondary" onClick={() => onGoTo(room.id)}>
                      {isHost ? t('classroom.visit') : t('classroom.goToTeam')}
                    </button>
                  )}
                </div>
                {isHost ? (
                  <ul className="team-members">
                    {room.members.map((m) => (
                      <li key={m.userId}>
                        <span>{m.name}</span>
                        {teams.rooms.length > 1 && (
                          <select
                            value={room.id}
                            aria-label={t('classroom.moveLabel', { name: m.name })}
                            data-testid={`move-${m.userId}`}
                            onChange={(e) =>
                              void run(() => moveToTeam(eventId, Number(e.target.value), m.userId))
                            }
                          >
                            {teams.rooms.map((r) => (
                              <option key={r.id} value={r.id}>
                                {t('classroom.team', { n: r.id })}
                              </option>
                            ))}
                          </select>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted team-names">{room.members.map((m) => m.name).join(', ')}</p>
                )}
              </li>
            ))}
          </ol>
          {isHost && (
            <>
              <form onSubmit={send} className="chat-form">
                <label htmlFor="broadcast-input" className="visually-hidden">
                  {t('classroom.broadcast')}
                </label>
                <input
                  id="broadcast-input"
                  value={text}
                  maxLength={500}
                  placeholder={t('classroom.broadcast')}
                  onChange={(e) => setText(e.target.value)}
                />
                <button type="submit" className="button secondary" disabled={!text.trim()}>
                  {t('live.send')}
                </button>
              </form>
              <button
                type="button"
                className="button danger"
                onClick={() => void run(() => endBreakouts(eventId))}
                data-testid="end-breakouts"
              >
                {t('classroom.endTeams')}
              </button>
            </>
          )}
        </>
      ) : teams === null ? (
        !error && (
          <p className="muted" role="status">
            {t('common.loading')}
          </p>
        )
      ) : isHost ? (
        <form onSubmit={start} className="classroom-form" data-testid="start-breakouts">
          <label>
            {t('classroom.count')}
            <input
              type="number"
              min={1}
              max={20}
              value={count}
              onChange={(e) => setCount(Number(e.target.value))}
            />
          </label>
          <label>
            {t('classroom.mix')}
            <select value={mix} onChange={(e) => setMix(e.target.value as 'colleges' | 'random')}>
              <option value="colleges">{t('classroom.mixColleges')}</option>
              <option value="random">{t('classroom.mixRandom')}</option>
            </select>
          </label>
          <label>
            {t('classroom.minutes')}
            <input
              type="number"
              min={0}
              max={240}
              value={minutes}
              onChange={(e) => setMinutes(Number(e.target.value))}
            />
          </label>
          <button type="submit" className="button primary" disabled={busy} aria-busy={busy}>
            {t('classroom.startTeams')}
          </button>
        </form>
      ) : (
        <p className="muted">{t('classroom.noTeams')}</p>
      )}
    </section>
  );
}

function PollsTab({ eventId, isHost }: Pick<TProps, 'eventId' | 'isHost'>) {
  const { t, locale } = useI18n();
  const message = useErrorText();
  const [polls, setPolls] = useState<TPoll[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [question, setQuestion] = useState('');
  const [options, setOptions] = useState('');
  useEffect(() => {
    listPolls(eventId).then(setPolls, (err) => setError(message(err)));
  }, [eventId, message]);
  const merge = (poll: Omit<TPoll, 'myAnswer'> & { myAnswer?: number | null }) =>
    setPolls((list) => {
      const old = list.find((p) => p.id === poll.id);
      const next = { ...old, ...poll, myAnswer: poll.myAnswer ?? old?.myAnswer ?? null } as TPoll;
      return old ? list.map((p) => (p.id === poll.id ? next : p)) : [...list, next];
    });
  useSocketEvent('poll:updated', merge);
  const ask = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const list = options
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean);
    try {
      merge(await askPoll(eventId, question.trim(), list));
      setQuestion('');
      setOptions('');
    } catch (err) {
      setError(message(err));
    }
  };
  const answer = async (poll: TPoll, option: number) => {
    setError(null);
    try {
      merge(await answerPoll(eventId, poll.id, option));
    } catch (err) {
      setError(message(err));
    }
  };
  return (
    <section className="classroom-section" data-testid="classroom-polls">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {isHost && (
        <form onSubmit={(e) => void ask(e)} className="classroom-form" data-testid="ask-poll">
          <label>
            {t('classroom.question')}
            <input value={question} maxLength={300} onChange={(e) => setQuestion(e.target.value)} />
          </label>
          <label>
            {t('classroom.options')}
            <textarea rows={3} value={options} onChange={(e) => setOptions(e.target.value)} />
          </label>
          <button type="submit" className="button primary" disabled={!question.trim()}>
            {t('classroom.ask')}
          </button>
        </form>
      )}
      {polls.length === 0 && <p className="muted">{t('classroom.noPolls')}</p>}
      <ol className="classroom-polls">
        {polls.map((poll) => (
          <li key={poll.id} data-testid="poll">
            <strong>{poll.question}</strong>
            <ul>
              {poll.options.map((option, i) => (
                <li key={option}>
                  {poll.myAnswer === null && !poll.closedAt ? (
                    <button type="button" className="button secondary" onClick={() => void answer(poll, i)}>
                      {option}
                    </button>
                  ) : (
                    <span>
                      {option}
                      {poll.myAnswer === i ? ` ✓` : ''}
                    </span>
                  )}{' '}
                  <span className="muted" data-testid="poll-count">
                    {poll.total.counts[i] ?? 0}
                    {poll.byInstitution.length > 0 &&
                      ` (${poll.byInstitution.map((b) => `${b.city[locale] || b.city.ru}: ${b.counts[i] ?? 0}`).join(', ')})`}
                  </span>
                </li>
              ))}
            </ul>
            <p className="muted">{t('classroom.answered', { count: poll.total.answered })}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

function MaterialsTab({ eventId, isHost }: Pick<TProps, 'eventId' | 'isHost'>) {
  const { t } = useI18n();
  const message = useErrorText();
  const [items, setItems] = useState<TMaterial[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listMaterials(eventId).then(setItems, (err) => setError(message(err)));
  }, [eventId, message]);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    setBusy(true);
    try {
      const added = await uploadMaterial(eventId, file);
      setItems((list) => [...list, added]);
    } catch (err) {
      setError(message(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="classroom-section" data-testid="classroom-materials">
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {items.length === 0 && <p className="muted">{t('classroom.noMaterials')}</p>}
      <ul className="classroom-materials">
        {items.map((m) => (
          <li key={m.id}>
            <a href={materialUrl(eventId, m.id)} download={m.name}>
              {m.name}
            </a>{' '}
            <span className="muted">{Math.max(1, Math.round(m.size / 1024))} KB</span>
          </li>
        ))}
      </ul>
      {isHost && (
        <label className="classroom-upload">
          {t('classroom.upload')}
          <input
            type="file"
            disabled={busy}
            accept=".pdf,.png,.jpg,.jpeg,.gif,.webp,.pptx,.ppt,.odp,.docx"
            onChange={(e) => void upload(e.target.files?.[0])}
            data-testid="material-file"
          />
        </label>
      )}
    </section>
  );
}
