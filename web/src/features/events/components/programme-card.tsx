import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TEventView } from '@telemost/core/schemas/event';
import type {
  TCreateProgrammeSession,
  TProgrammeSession,
  TProgrammeSpeakerRef,
} from '@telemost/core/schemas/programme';
import { DateTime } from 'luxon';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { Loading } from '../../../components/async-state.tsx';
import { Field, FieldSet } from '../../../components/field.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { ApiError } from '../../../lib/api-client.ts';
import type { TMessageKey } from '../../../lib/i18n/dictionary.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothRanges, type TClock } from '../../../lib/time.ts';
import { readLocalInput, toLocalInput } from '../../../lib/zone-time.ts';
import { listInvitations } from '../api/event-api.ts';
import {
  canEditProgramme,
  createProgrammeSession,
  deleteProgrammeSession,
  getEventProgramme,
  updateProgrammeSession,
} from '../api/programme-api.ts';

/** A speaker as the form holds them: what the api takes, and the name shown in the list. */
type TDraftSpeaker = { key: number; ref: TProgrammeSpeakerRef; label: string };
type TFieldErrors = Partial<Record<'title' | 'start' | 'end' | 'speakers' | 'room' | 'form', string>>;

const nextKey = (xs: readonly TDraftSpeaker[]) => Math.max(-1, ...xs.map((x) => x.key)) + 1;
const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const OTHER = '__other__';
/** The prefix of a speaker invitation's value in the speaker select. */
const INVITED = 'invitation:';

/**
 * The programme of a conference or cultural event on its page: each session with its times on the
 * Moscow and Karaganda clocks, its speakers and room. Hosts of either college add, change and
 * remove sessions here; everyone else sees the list and the link to the public page.
 */
export function ProgrammeCard({ event, viewerZone }: { event: TEventView; viewerZone: string }) {
  const { t, locale } = useI18n();
  const programme = useApi((signal) => getEventProgramme(event.id, signal), [event.id]);
  const host = useApi((signal) => canEditProgramme(event.id, signal), [event.id]);
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const clocks = eventClocks(event.institutions, event.start, { locale, timeZone: viewerZone });
  const canEdit = host.data === true && event.status !== 'cancelled' && event.status !== 'declined';
  const sessions = programme.data?.sessions ?? [];

  const saved = () => {
    setEditing(null);
    programme.reload();
  };
  const remove = async (s: TProgrammeSession) => {
    setDeleteError(null);
    try {
      await deleteProgrammeSession(event.id, s.id);
      setConfirming(null);
      programme.reload();
    } catch {
      setDeleteError(t('programmeEditor.deleteFailed'));
    }
  };

  return (
    <section
      className="card programme-card"
      aria-labelledby="programme-card-title"
      data-testid="programme-card"
    >
      <div className="programme-card-head">
        <h2 id="programme-card-title">{t('programme.title')}</h2>
        <Link to={`/programme/${event.id}`} className="button ghost" data-testid="programme-public-link">
          {t('programmeEditor.publicPage')}
        </Link>
      </div>
      {programme.data == null && programme.error == null ? (
        <Loading label={t('programme.loading')} />
      ) : programme.error != null && programme.data == null ? (
        <div className="error-state" role="alert">
          <p>{t('error.generic')}</p>
          <button type="button" className="button secondary" onClick={programme.reload}>
            {t('common.retry')}
          </button>
        </div>
      ) : sessions.length === 0 ? (
        <p className="empty-state" data-testid="programme-card-empty">
          {t(canEdit ? 'programmeEditor.emptyHost' : 'programme.empty')}
        </p>
      ) : (
        <ol className="programme-card-sessions" data-testid="programme-card-sessions">
          {sessions.map((s) =>
            editing === s.id ? (
              <li key={s.id}>
                <SessionForm
                  event={event}
                  clocks={clocks}
                  session={s}
                  onSaved={saved}
                  onCancel={() => setEditing(null)}
                />
              </li>
            ) : (
              <li key={s.id} className="programme-card-session" data-testid="programme-card-session">
                <h3>{s.title}</h3>
                <p className="programme-card-times" data-testid="programme-card-times">
                  {formatBothRanges(s.start, s.end, clocks)}
                </p>
                {s.speakers.length > 0 && (
                  <p>
                    <span className="muted">{t('programme.speakers')}: </span>
                    {s.speakers.map((p) => p.name).join(', ')}
                  </p>
                )}
                <p className="muted">
                  {t('programme.room')}: {t(s.room === 'own' ? 'programme.ownRoom' : 'programme.mainHall')}
                </p>
                {canEdit && editing === null && (
                  <div className="programme-card-actions">
                    {confirming === s.id ? (
                      <fieldset className="programme-card-confirm">
                        <legend>{t('programmeEditor.confirmDelete', { title: s.title })}</legend>
                        <button type="button" className="button danger" onClick={() => void remove(s)}>
                          {t('programmeEditor.confirmYes')}
                        </button>{' '}
                        <button type="button" className="button ghost" onClick={() => setConfirming(null)}>
                          {t('programmeEditor.confirmNo')}
                        </button>
                        {deleteError && (
                          <p className="form-error" role="alert">
                            {deleteError}
                          </p>
                        )}
                      </fieldset>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="button secondary"
                          aria-label={`${t('programmeEditor.edit')}: ${s.title}`}
                          onClick={() => setEditing(s.id)}
                        >
                          {t('programmeEditor.edit')}
                        </button>{' '}
                        <button
                          type="button"
                          className="button ghost"
                          aria-label={`${t('programmeEditor.delete')}: ${s.title}`}
                          onClick={() => {
                            setDeleteError(null);
                            setConfirming(s.id);
                          }}
                        >
                          {t('programmeEditor.delete')}
                        </button>
                      </>
                    )}
                  </div>
                )}
              </li>
            ),
          )}
        </ol>
      )}
      {canEdit &&
        programme.data != null &&
        (editing === 'new' ? (
          <SessionForm event={event} clocks={clocks} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          editing === null && (
            <button
              type="button"
              className="button primary wide"
              data-testid="programme-add"
              onClick={() => setEditing('new')}
            >
              {t('programmeEditor.add')}
            </button>
          )
        ))}
    </section>
  );
}

/** The people of the event a host can pick as speakers: its organiser and teachers. */
function eventPeople(event: TEventView): { id: string; name: string }[] {
  const people = [event.organizer, ...event.teachers];
  return people.filter((p, i) => people.findIndex((q) => q.id === p.id) === i);
}

const toRef = (s: TProgrammeSession['speakers'][number]): TProgrammeSpeakerRef =>
  s.kind === 'user' && s.userId
    ? { userId: s.userId }
    : s.kind === 'invitation' && s.invitationId
      ? { invitationId: s.invitationId }
      : { name: s.name };

/** `2027-02-10` + `10:00` typed on `zone` → an instant; an end at or before the start is the next day. */
function instantsOf(date: string, start: string, end: string, zone: string) {
  const s = readLocalInput(`${date}T${start.padStart(5, '0')}`, zone);
  const endDate =
    end.padStart(5, '0') <= start.padStart(5, '0')
      ? DateTime.fromISO(date).plus({ days: 1 }).toISODate()!
      : date;
  const e = readLocalInput(`${endDate}T${end.padStart(5, '0')}`, zone);
  return { start: s.ok ? s.utc : null, end: e.ok ? e.utc : null };
}

const CODE_MESSAGES: Partial<Record<string, TMessageKey>> = {
  session_overlap: 'programmeEditor.overlap',
  outside_event: 'programmeEditor.outsideEvent',
  unknown_speaker: 'programmeEditor.unknownSpeaker',
};

/** Adds or changes one session; times are typed on the viewer's clock on the event's date. */
function SessionForm({
  event,
  clocks,
  session,
  onSaved,
  onCancel,
}: {
  event: TEventView;
  clocks: TClock[];
  session?: TProgrammeSession;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const formId = useId();
  const zone = clocks[0]!.timeZone;
  const date = toLocalInput(session?.start ?? event.start, zone).slice(0, 10);
  const [title, setTitle] = useState(session?.title ?? '');
  const [start, setStart] = useState(toLocalInput(session?.start ?? event.start, zone).slice(11, 16));
  const [end, setEnd] = useState(session ? toLocalInput(session.end, zone).slice(11, 16) : '');
  const [room, setRoom] = useState<'main' | 'own'>(session?.room ?? 'main');
  const [speakers, setSpeakers] = useState<TDraftSpeaker[]>(
    (session?.speakers ?? []).map((s, i) => ({ key: i, ref: toRef(s), label: s.name })),
  );
  const people = eventPeople(event);
  // Speakers invited by link (employers, experts): the event's speaker links not revoked or expired
  // (a link used up still names the speaker who came by it).
  const invitations = useApi((signal) => listInvitations(event.id, signal), [event.id]);
  const invited = (invitations.data ?? [])
    .filter((i) => i.role === 'speaker' && (i.state === 'active' || i.state === 'used_up'))
    .map((i) => ({ id: i.id, name: i.label ?? t('programmeEditor.invitedSpeaker') }));
  const [pick, setPick] = useState(people[0]?.id ?? OTHER);
  const [otherName, setOtherName] = useState('');
  const [errors, setErrors] = useState<TFieldErrors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.getElementById(`${formId}-title`)?.focus();
  }, [formId]);

  const times = HHMM.test(start) && HHMM.test(end) ? instantsOf(date, start, end, zone) : null;
  const preview = times?.start && times.end ? formatBothRanges(times.start, times.end, clocks) : null;

  const addSpeaker = () => {
    if (pick === OTHER) {
      const name = otherName.trim();
      if (!name) return;
      setSpeakers((xs) => [...xs, { key: nextKey(xs), ref: { name }, label: name }]);
      setOtherName('');
      return;
    }
    if (pick.startsWith(INVITED)) {
      const guest = invited.find((i) => INVITED + i.id === pick);
      if (!guest || speakers.some((s) => 'invitationId' in s.ref && s.ref.invitationId === guest.id)) return;
      setSpeakers((xs) => [...xs, { key: nextKey(xs), ref: { invitationId: guest.id }, label: guest.name }]);
      return;
    }
    const person = people.find((p) => p.id === pick);
    if (!person || speakers.some((s) => 'userId' in s.ref && s.ref.userId === person.id)) return;
    setSpeakers((xs) => [...xs, { key: nextKey(xs), ref: { userId: person.id }, label: person.name }]);
  };

  const messageOf = (f: { message: string; code?: string }) => {
    const key = f.code ? CODE_MESSAGES[f.code] : undefined;
    return key ? t(key) : f.message;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: TFieldErrors = {};
    if (!title.trim()) local.title = t('programmeEditor.required');
    if (!HHMM.test(start)) local.start = t('programmeEditor.badTime');
    if (!HHMM.test(end)) local.end = t('programmeEditor.badTime');
    if (!local.start && !local.end && (!times?.start || !times.end)) local.start = t('time.nonexistent');
    setErrors(local);
    if (Object.keys(local).length || !times?.start || !times.end) return;
    const body: TCreateProgrammeSession = {
      title: title.trim(),
      start: times.start,
      end: times.end,
      speakers: speakers.map((s) => s.ref),
      room,
    };
    setBusy(true);
    try {
      if (session) await updateProgrammeSession(event.id, session.id, body);
      else await createProgrammeSession(event.id, body);
      onSaved();
    } catch (err) {
      const next: TFieldErrors = {};
      if (err instanceof ApiError && err.fields.length) {
        for (const f of err.fields) {
          const root = f.field.split('.')[0] as keyof TFieldErrors;
          const key = ['title', 'start', 'end', 'speakers', 'room'].includes(root) ? root : 'form';
          next[key] = next[key] ? `${next[key]} ${messageOf(f)}` : messageOf(f);
        }
      } else {
        next.form = t('error.generic');
      }
      setErrors(next);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="programme-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${formId}-legend`}
      data-testid="programme-form"
    >
      <h3 id={`${formId}-legend`}>{t(session ? 'programmeEditor.editTitle' : 'programmeEditor.addTitle')}</h3>
      <div className="field">
        <label htmlFor={`${formId}-title`}>{t('programmeEditor.title')}</label>
        <input
          id={`${formId}-title`}
          value={title}
          maxLength={300}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${formId}-title-error` : undefined}
          data-testid="session-title"
        />
        {errors.title && (
          <p className="field-error" id={`${formId}-title-error`}>
            {errors.title}
          </p>
        )}
      </div>
      <div className="programme-form-times">
        <Field label={t('programmeEditor.start', { clock: clocks[0]!.label })} error={errors.start}>
          <input
            value={start}
            inputMode="numeric"
            placeholder="10:00"
            maxLength={5}
            onChange={(e) => setStart(e.target.value)}
            data-testid="session-start"
          />
        </Field>
        <Field label={t('programmeEditor.end', { clock: clocks[0]!.label })} error={errors.end}>
          <input
            value={end}
            inputMode="numeric"
            placeholder="11:00"
            maxLength={5}
            onChange={(e) => setEnd(e.target.value)}
            data-testid="session-end"
          />
        </Field>
      </div>
      <p className="muted" aria-live="polite" data-testid="session-preview">
        {preview ? `${t('programmeEditor.onClocks')}: ${preview}` : t('programmeEditor.timeHint')}
      </p>
      <FieldSet legend={t('programme.speakers')} error={errors.speakers}>
        {speakers.length > 0 && (
          <ul className="programme-form-speakers" data-testid="session-speakers">
            {speakers.map((s, i) => (
              <li key={s.key}>
                {s.label}{' '}
                <button
                  type="button"
                  className="button ghost"
                  aria-label={t('programmeEditor.removeSpeaker', { name: s.label })}
                  onClick={() => setSpeakers((xs) => xs.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="programme-form-speaker-pick">
          <Field label={t('programmeEditor.speaker')}>
            <select value={pick} onChange={(e) => setPick(e.target.value)} data-testid="session-speaker-pick">
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
              {invited.length > 0 && (
                <optgroup label={t('programmeEditor.invitedSpeakers')}>
                  {invited.map((i) => (
                    <option key={i.id} value={INVITED + i.id}>
                      {i.name}
                    </option>
                  ))}
                </optgroup>
              )}
              <option value={OTHER}>{t('programmeEditor.otherSpeaker')}</option>
            </select>
          </Field>
          {pick === OTHER && (
            <Field label={t('programmeEditor.speakerName')}>
              <input
                value={otherName}
                maxLength={200}
                onChange={(e) => setOtherName(e.target.value)}
                data-testid="session-speaker-name"
              />
            </Field>
          )}
          <button type="button" className="button secondary" onClick={addSpeaker}>
            {t('programmeEditor.addSpeaker')}
          </button>
        </div>
      </FieldSet>
      <FieldSet legend={t('programme.room')} error={errors.room}>
        <div className="programme-form-rooms">
          <label className="checkbox">
            <input
              type="radio"
              name={`${formId}-room`}
              checked={room === 'main'}
              onChange={() => setRoom('main')}
            />{' '}
            {t('programme.mainHall')}
          </label>
          <label className="checkbox">
            <input
              type="radio"
              name={`${formId}-room`}
              checked={room === 'own'}
              onChange={() => setRoom('own')}
            />{' '}
            {t('programme.ownRoom')}
          </label>
        </div>
      </FieldSet>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="programme-form-buttons">
        <button type="submit" className="button primary" disabled={busy} data-testid="session-save">
          {busy ? t('common.saving') : t('programmeEditor.save')}
        </button>{' '}
        <button type="button" className="button ghost" onClick={onCancel}>
          {t('programmeEditor.cancel')}
        </button>
      </div>
    </form>
  );
}
