import type { TLocalizedText } from '@telemost/core/schemas/common';
import { useState } from 'react';
import { DateInput, TimeInput } from '../../../components/date-time-inputs.tsx';
import { Field, FieldSet } from '../../../components/field.tsx';
import { PeopleChecklist, SetupFormFooter } from '../../../components/setup-form-parts.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useFieldSubmit } from '../../../hooks/use-field-submit.ts';
import { listStaffOf } from '../../../lib/directory.ts';
import { faultAt } from '../../../lib/field-errors.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { setupInternship, type TInternship } from '../api/internship-api.ts';

type TCollege = { id: string; name: TLocalizedText };
type TSessionDraft = { key: string; title: string; hours: string; start: string };
type TDayDraft = { key: string; date: string; title: string; sessions: TSessionDraft[] };

/** A key for each row the form adds, so React keeps each row's inputs with it. */
let rows = 0;
const nextKey = () => `row-${++rows}`;
const emptySession = (): TSessionDraft => ({ key: nextKey(), title: '', hours: '2', start: '' });
const emptyDay = (date = ''): TDayDraft => ({ key: nextKey(), date, title: '', sessions: [emptySession()] });

/**
 * For a host: an internship's programme — the host college, its mentors (teachers or coordinators
 * of that college) and the days, each with sessions and their hours (and a start on the host
 * college's clock, if fixed). Saving again changes it; days a mentor confirmed stay as they were.
 * The api's objections are shown at the field at fault.
 */
export function InternshipSetupForm({
  eventId,
  institutions,
  firstDate,
  current,
  onSaved,
}: {
  eventId: string;
  institutions: TCollege[];
  /** The event's first day, on the host college's calendar: the first day's default. */
  firstDate: string;
  current: TInternship | null;
  onSaved: (x: TInternship) => void;
}) {
  const { t, pick } = useI18n();
  const [host, setHost] = useState(current?.hostInstitutionId ?? institutions[0]?.id ?? '');
  const people = useApi((s) => listStaffOf(host ? [host] : [], s), [host]);
  const [mentors, setMentors] = useState<string[]>(current?.mentors.map((m) => m.id) ?? []);
  const [days, setDays] = useState<TDayDraft[]>(
    current?.days.map((d) => ({
      key: nextKey(),
      date: d.date,
      title: d.title,
      sessions: d.sessions.map((s) => ({
        key: nextKey(),
        title: s.title,
        hours: String(s.hours),
        start: s.start ?? '',
      })),
    })) ?? [emptyDay(firstDate)],
  );

  const confirmed = new Set((current?.days ?? []).filter((d) => d.confirmedAt).map((d) => d.date));
  const setDay = (i: number, patch: Partial<TDayDraft>) =>
    setDays((list) => list.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const setSession = (i: number, j: number, patch: Partial<TSessionDraft>) =>
    setDay(i, { sessions: days[i]!.sessions.map((s, k) => (k === j ? { ...s, ...patch } : s)) });
  const err = (path: string, text: string) => (errors[path] !== undefined ? text : null);

  const { errors, general, saving, submit } = useFieldSubmit(async () => {
    const saved = await setupInternship(eventId, {
      hostInstitutionId: host,
      mentorIds: mentors,
      days: days.map((d) => ({
        date: d.date,
        title: d.title,
        sessions: d.sessions.map((s) => ({
          title: s.title,
          hours: Number(s.hours),
          ...(s.start ? { start: s.start } : {}),
        })),
      })),
    });
    onSaved(saved);
  });

  return (
    <form
      className="card internship-setup"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="internship-setup-title"
      noValidate
    >
      <h2 id="internship-setup-title">
        {t(current ? 'internshipSetup.editTitle' : 'internshipSetup.title')}
      </h2>
      <Field
        label={t('internshipSetup.host')}
        hint={t('internshipSetup.hostHint')}
        error={err('hostInstitutionId', t('internshipSetup.hostError'))}
      >
        <select
          value={host}
          onChange={(e) => {
            setHost(e.target.value);
            setMentors([]);
          }}
        >
          {institutions.map((i) => (
            <option key={i.id} value={i.id}>
              {pick(i.name)}
            </option>
          ))}
        </select>
      </Field>
      <FieldSet
        legend={t('internshipSetup.mentors')}
        error={faultAt(errors, 'mentorIds') ? t('internshipSetup.mentorsError') : null}
      >
        {people.data && <PeopleChecklist people={people.data} chosen={mentors} onChange={setMentors} />}
      </FieldSet>
      <h3>{t('internshipSetup.days')}</h3>
      {errors.days !== undefined && (
        <p className="field-error" role="alert">
          {t('internshipSetup.daysError')}
        </p>
      )}
      {days.map((d, i) => (
        <FieldSet
          key={d.key}
          className="internship-setup-day"
          legend={t('internshipSetup.day', { n: i + 1 })}
          error={err(`days.${i}`, t('internshipSetup.confirmedError'))}
        >
          {confirmed.has(d.date) && <p className="hint">{t('internshipSetup.confirmedHint')}</p>}
          <div className="internship-setup-row">
            <Field
              label={t('internshipSetup.date')}
              error={err(`days.${i}.date`, t('internshipSetup.dateError'))}
            >
              <DateInput value={d.date} onChange={(date) => setDay(i, { date })} />
            </Field>
            <Field
              label={t('internshipSetup.dayTitle')}
              error={err(`days.${i}.title`, t('internshipSetup.titleError'))}
            >
              <input value={d.title} maxLength={200} onChange={(e) => setDay(i, { title: e.target.value })} />
            </Field>
          </div>
          {d.sessions.map((s, j) => (
            <div key={s.key} className="internship-setup-row internship-setup-session">
              <Field
                label={t('internshipSetup.session', { n: j + 1 })}
                error={err(`days.${i}.sessions.${j}.title`, t('internshipSetup.titleError'))}
              >
                <input
                  value={s.title}
                  maxLength={200}
                  onChange={(e) => setSession(i, j, { title: e.target.value })}
                />
              </Field>
              <Field
                label={t('internshipSetup.hours')}
                error={err(`days.${i}.sessions.${j}.hours`, t('internshipSetup.hoursError'))}
              >
                <input
                  type="number"
                  min="0.5"
                  max="12"
                  step="0.5"
                  value={s.hours}
                  onChange={(e) => setSession(i, j, { hours: e.target.value })}
                />
              </Field>
              <Field
                label={t('internshipSetup.start')}
                hint={t('internshipSetup.startHint')}
                error={err(`days.${i}.sessions.${j}.start`, t('internshipSetup.startError'))}
              >
                <TimeInput value={s.start} onChange={(start) => setSession(i, j, { start })} />
              </Field>
              {d.sessions.length > 1 && (
                <button
                  type="button"
                  className="button ghost"
                  onClick={() => setDay(i, { sessions: d.sessions.filter((_, k) => k !== j) })}
                >
                  {t('internshipSetup.removeSession')}
                </button>
              )}
            </div>
          ))}
          <p>
            <button
              type="button"
              className="button secondary"
              onClick={() => setDay(i, { sessions: [...d.sessions, emptySession()] })}
            >
              {t('internshipSetup.addSession')}
            </button>{' '}
            {days.length > 1 && (
              <button
                type="button"
                className="button ghost"
                onClick={() => setDays((list) => list.filter((_, k) => k !== i))}
              >
                {t('internshipSetup.removeDay')}
              </button>
            )}
          </p>
        </FieldSet>
      ))}
      <p>
        <button
          type="button"
          className="button secondary"
          onClick={() => setDays((list) => [...list, emptyDay()])}
        >
          {t('internshipSetup.addDay')}
        </button>
      </p>
      <SetupFormFooter
        general={general}
        fieldErrors={errors}
        saving={saving}
        label={t('internshipSetup.save')}
      />
    </form>
  );
}
