import type { TCreateEventRequest } from '@telemost/core/schemas/event';
import { EVENT_KINDS, type TEventKind } from '@telemost/core/schemas/partnership';
import type { TUser } from '@telemost/core/schemas/user';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { DualZoneTimeInput } from '../../../components/dual-zone-time-input.tsx';
import { Field, FieldSet } from '../../../components/field.tsx';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { ApiError } from '../../../lib/api-client.ts';
import type { TDirectory } from '../../../lib/directory.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import {
  formatBothRanges,
  formatLongDate,
  formatMinutes,
  type TClock,
  weekdayNames,
} from '../../../lib/time.ts';
import { toLocalInput } from '../../../lib/zone-time.ts';
import type { TBookingResult, TSlot, TSlotQuery } from '../api/booking-api.ts';
import {
  emptyDraft,
  mapBookingProblem,
  type TBookingDraft,
  type TFieldMessages,
  type TMappedProblem,
  toCreateRequest,
  validateDraft,
} from '../utils/booking-logic.ts';

const DURATIONS = [45, 60, 80, 90, 120, 180, 240];

export type TBookingFormProps = {
  user: TUser;
  directory: TDirectory;
  /** Teachers the user may invite: their own college's and the partner colleges'. */
  teachers: TUser[];
  viewerZone: string;
  submit: (body: TCreateEventRequest) => Promise<TBookingResult>;
  findSlots: (query: TSlotQuery) => Promise<TSlot[]>;
  onBooked: (result: TBookingResult) => void;
  now?: () => Date;
};

/**
 * Booking a joint activity: who (partner colleges, groups, teachers), what, and when — on either
 * side's clock or from the suggested mutual free slots — with the api's refusals explained in place.
 */
export function BookingForm({
  user,
  directory,
  teachers,
  viewerZone,
  submit,
  findSlots,
  onBooked,
  now,
}: TBookingFormProps) {
  const { t, locale, pick } = useI18n();
  const errorMessage = useApiErrorMessage();
  const clock = now ?? (() => new Date());
  const [draft, setDraft] = useState<TBookingDraft>(() =>
    emptyDraft({
      partnershipId: directory.partnerships[0]?.id ?? '',
      teacherId: user.role === 'teacher' ? user.id : undefined,
      timeZone: viewerZone,
    }),
  );
  const [errors, setErrors] = useState<TFieldMessages>({});
  const [problem, setProblem] = useState<TMappedProblem | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [slots, setSlots] = useState<{
    state: 'idle' | 'loading' | 'done' | 'error';
    items: TSlot[];
    error?: string;
  }>({
    state: 'idle',
    items: [],
  });
  const summaryRef = useRef<HTMLDivElement>(null);

  const partnership = directory.partnerships.find((p) => p.id === draft.partnershipId);
  const members = directory.institutions.filter((i) => partnership?.institutionIds.includes(i.id));
  const own = members.find((i) => i.id === user.institutionId);
  const partners = members.filter((i) => i.id !== user.institutionId);
  const shownInstitutions = [
    own,
    ...partners.filter((p) => draft.partnerInstitutionIds.includes(p.id)),
  ].filter((i) => i !== undefined);
  const clocks: TClock[] = useMemo(() => {
    const sides = [
      own,
      ...(draft.partnerInstitutionIds.length
        ? partners.filter((p) => draft.partnerInstitutionIds.includes(p.id))
        : partners),
    ];
    const list: TClock[] = [];
    for (const inst of sides) {
      if (!inst) continue;
      const label = pick(inst.city);
      if (!list.some((c) => c.timeZone === inst.timeZone && c.label === label))
        list.push({ timeZone: inst.timeZone, label });
    }
    if (list.length === 0) list.push({ timeZone: viewerZone, label: viewerZone });
    return list;
  }, [own, partners, draft.partnerInstitutionIds, pick, viewerZone]);

  const update = <K extends keyof TBookingDraft>(
    key: K,
    value: TBookingDraft[K],
    field?: keyof TFieldMessages,
  ) => {
    setDraft((d) => ({ ...d, [key]: value }));
    if (field && errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const toggle = (list: string[], id: string) =>
    list.includes(id) ? list.filter((x) => x !== id) : [...list, id];

  const problemContext = () => ({
    t,
    locale,
    institutions: directory.institutions,
    groups: directory.groups,
    teachers,
    clocks,
  });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setProblem(null);
    const found = validateDraft(draft, { t, now: clock(), groups: directory.groups });
    setErrors(found);
    if (Object.keys(found).length) {
      requestAnimationFrame(() => summaryRef.current?.focus());
      return;
    }
    setBusy(true);
    try {
      onBooked(await submit(toCreateRequest(draft)));
    } catch (err) {
      if (err instanceof ApiError && (err.status === 409 || err.status === 422 || err.status === 403)) {
        const mapped = mapBookingProblem(err.problem, problemContext());
        setErrors(mapped.fields);
        setProblem(mapped);
      } else setFailure(errorMessage(err));
      requestAnimationFrame(() => summaryRef.current?.focus());
    } finally {
      setBusy(false);
    }
  };

  const suggest = async () => {
    if (draft.groupIds.length === 0 && draft.teacherIds.length === 0) {
      setSlots({ state: 'error', items: [], error: t('booking.slots.needGroups') });
      return;
    }
    setSlots({ state: 'loading', items: [] });
    const from = new Date(Math.ceil(clock().getTime() / 3_600_000) * 3_600_000);
    const to = new Date(from.getTime() + 14 * 86_400_000);
    try {
      const items = await findSlots({
        partnershipId: draft.partnershipId,
        groupIds: draft.groupIds,
        teacherIds: draft.teacherIds,
        institutionIds: draft.partnerInstitutionIds,
        durationMinutes: draft.durationMinutes,
        from: from.toISOString(),
        to: to.toISOString(),
      });
      setSlots({ state: 'done', items });
    } catch (err) {
      setSlots({ state: 'error', items: [], error: errorMessage(err) });
    }
  };

  const errorCount = Object.values(errors).filter(Boolean).length;
  const weekdays = weekdayNames(locale);
  const canOverride = user.role === 'coordinator' || user.role === 'admin';

  return (
    <form className="booking-form" onSubmit={onSubmit} noValidate aria-describedby="booking-summary">
      <div id="booking-summary" ref={summaryRef} tabIndex={-1} className="form-summary-anchor">
        {(problem || failure || errorCount > 0) && (
          <div className="form-summary" role="alert" data-testid="booking-problem">
            {failure && <p>{failure}</p>}
            {!problem && errorCount > 0 && <p>{t('booking.fixFields', { count: errorCount })}</p>}
            {problem?.conflicts.length ? (
              <>
                <p>
                  <strong>{t('booking.conflictTitle')}</strong>
                </p>
                <ul>
                  {problem.conflicts.map((c) => (
                    <li key={`${c.eventId}-${c.resourceId}`}>
                      {c.message} <Link to={`/events/${c.eventId}`}>{t('booking.openConflict')}</Link>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            {problem?.summary.length ? (
              <ul>
                {problem.summary.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            ) : null}
          </div>
        )}
      </div>

      <section className="card form-section" aria-labelledby="who-title">
        <h2 id="who-title">{t('booking.who')}</h2>
        {directory.partnerships.length > 1 && (
          <Field label={t('booking.partnership')} error={errors.partnershipId}>
            <select
              value={draft.partnershipId}
              onChange={(e) => {
                update('partnershipId', e.target.value, 'partnershipId');
                update('partnerInstitutionIds', []);
                update('groupIds', []);
              }}
            >
              {directory.partnerships.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.number} — {pick(p.title)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <FieldSet legend={t('booking.partners')} error={errors.institutionIds}>
          {partners.length === 0 && <p className="muted">{t('booking.noPartners')}</p>}
          <div className="check-grid">
            {partners.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.partnerInstitutionIds.includes(p.id)}
                  onChange={() => {
                    const next = toggle(draft.partnerInstitutionIds, p.id);
                    update('partnerInstitutionIds', next, 'institutionIds');
                    const keep = directory.groups.filter(
                      (g) => g.institutionId === user.institutionId || next.includes(g.institutionId),
                    );
                    update(
                      'groupIds',
                      draft.groupIds.filter((id) => keep.some((g) => g.id === id)),
                    );
                    const stay = (institutionId: string | null) =>
                      institutionId === user.institutionId || next.includes(institutionId ?? '');
                    update(
                      'teacherIds',
                      draft.teacherIds.filter((id) =>
                        stay(teachers.find((x) => x.id === id)?.institutionId ?? null),
                      ),
                    );
                  }}
                />
                <span>
                  {pick(p.name)} <span className="muted">({pick(p.city)})</span>
                </span>
              </label>
            ))}
          </div>
        </FieldSet>
        <FieldSet legend={t('booking.groups')} error={errors.groupIds}>
          {shownInstitutions.map((inst) => {
            const groups = directory.groups.filter((g) => g.institutionId === inst.id);
            return (
              <div key={inst.id} className="group-block">
                <p className="group-college">{pick(inst.name)}</p>
                {groups.length === 0 && <p className="muted">{t('booking.noGroups')}</p>}
                <div className="check-grid">
                  {groups.map((g) => (
                    <label key={g.id} className="check">
                      <input
                        type="checkbox"
                        checked={draft.groupIds.includes(g.id)}
                        onChange={() => update('groupIds', toggle(draft.groupIds, g.id), 'groupIds')}
                      />
                      <span>
                        {g.name} <span className="muted">{t('booking.groupSize', { count: g.size })}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            );
          })}
          {draft.partnerInstitutionIds.length === 0 && (
            <p className="muted">{t('booking.pickPartnerFirst')}</p>
          )}
        </FieldSet>
        <FieldSet legend={t('booking.teachers')} error={errors.teacherIds}>
          {shownInstitutions.map((inst) => {
            const mine = teachers.filter((x) => x.institutionId === inst.id);
            return (
              <div key={inst.id} className="group-block">
                <p className="group-college">{pick(inst.name)}</p>
                {mine.length === 0 && <p className="muted">{t('booking.noTeachers')}</p>}
                <div className="check-grid">
                  {mine.map((x) => (
                    <label key={x.id} className="check">
                      <input
                        type="checkbox"
                        checked={draft.teacherIds.includes(x.id)}
                        onChange={() => update('teacherIds', toggle(draft.teacherIds, x.id), 'teacherIds')}
                      />
                      <span>{x.name}</span>
                    </label>
                  ))}
                </div>
              </div>
            );
          })}
        </FieldSet>
      </section>

      <section className="card form-section" aria-labelledby="what-title">
        <h2 id="what-title">{t('booking.what')}</h2>
        <div className="form-row">
          <Field label={t('booking.kind')} error={errors.kind}>
            <select value={draft.kind} onChange={(e) => update('kind', e.target.value as TEventKind, 'kind')}>
              {EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('booking.duration')} error={errors.durationMinutes}>
            <select
              value={draft.durationMinutes}
              onChange={(e) => update('durationMinutes', Number(e.target.value), 'durationMinutes')}
            >
              {DURATIONS.map((m) => (
                <option key={m} value={m}>
                  {formatMinutes(m, locale)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label={t('booking.titleField')} error={errors.title}>
          <input
            type="text"
            name="title"
            maxLength={200}
            value={draft.title}
            onChange={(e) => update('title', e.target.value, 'title')}
            placeholder={t('booking.titlePlaceholder')}
          />
        </Field>
        <Field
          label={t('booking.description')}
          error={errors.description}
          hint={t('booking.descriptionHint')}
        >
          <textarea
            rows={3}
            maxLength={5000}
            value={draft.description}
            onChange={(e) => update('description', e.target.value, 'description')}
          />
        </Field>
      </section>

      <section className="card form-section" aria-labelledby="when-title">
        <h2 id="when-title">{t('booking.when')}</h2>
        <div className="slots">
          <button
            type="button"
            className="button secondary"
            onClick={() => void suggest()}
            disabled={slots.state === 'loading'}
          >
            {slots.state === 'loading' ? t('booking.slots.loading') : t('booking.slots.find')}
          </button>
          <div aria-live="polite">
            {slots.state === 'error' && <p className="field-error">{slots.error}</p>}
            {slots.state === 'done' && slots.items.length === 0 && (
              <p className="muted">{t('booking.slots.none')}</p>
            )}
            {slots.state === 'done' && slots.items.length > 0 && (
              <ul className="slot-list" aria-label={t('booking.slots.title')}>
                {slots.items.map((s) => (
                  <li key={s.start}>
                    <button
                      type="button"
                      className="slot"
                      aria-pressed={
                        draft.time.local !== '' &&
                        toLocalInput(s.start, clocks[0]!.timeZone) === draft.time.local
                      }
                      onClick={() =>
                        update(
                          'time',
                          {
                            timeZone: clocks[0]!.timeZone,
                            local: toLocalInput(s.start, clocks[0]!.timeZone),
                          },
                          'start',
                        )
                      }
                    >
                      <span className="slot-date">
                        {formatLongDate(s.start, clocks[0]!.timeZone, locale)}
                      </span>
                      <span className="slot-times">{formatBothRanges(s.start, s.end, clocks)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
        <DualZoneTimeInput
          legend={t('booking.start')}
          clocks={clocks}
          value={draft.time}
          onChange={(v) => update('time', v, 'start')}
          error={errors.start}
        />

        <div className="repeat">
          <label className="check">
            <input
              type="checkbox"
              checked={draft.repeat}
              onChange={(e) => update('repeat', e.target.checked)}
            />
            <span>{t('booking.repeat')}</span>
          </label>
          {draft.repeat && (
            <div className="repeat-body">
              <FieldSet legend={t('booking.weekdays')} error={errors.weekdays}>
                <div className="weekday-row">
                  {weekdays.map((name, i) => (
                    <label key={name} className="check weekday">
                      <input
                        type="checkbox"
                        checked={draft.weekdays.includes(i + 1)}
                        onChange={() =>
                          update(
                            'weekdays',
                            draft.weekdays.includes(i + 1)
                              ? draft.weekdays.filter((d) => d !== i + 1)
                              : [...draft.weekdays, i + 1],
                            'weekdays',
                          )
                        }
                      />
                      <span>{name}</span>
                    </label>
                  ))}
                </div>
              </FieldSet>
              <FieldSet legend={t('booking.repeatEnd')} error={errors.repeatEnd}>
                <div className="repeat-end">
                  <label className="check">
                    <input
                      type="radio"
                      name="repeat-end"
                      checked={draft.repeatEnd === 'count'}
                      onChange={() => update('repeatEnd', 'count', 'repeatEnd')}
                    />
                    <span>{t('booking.repeatCount')}</span>
                  </label>
                  <input
                    type="number"
                    min={1}
                    max={200}
                    aria-label={t('booking.repeatCountField')}
                    value={draft.count}
                    disabled={draft.repeatEnd !== 'count'}
                    onChange={(e) => update('count', Number(e.target.value), 'repeatEnd')}
                    className="short"
                  />
                  <label className="check">
                    <input
                      type="radio"
                      name="repeat-end"
                      checked={draft.repeatEnd === 'until'}
                      onChange={() => update('repeatEnd', 'until', 'repeatEnd')}
                    />
                    <span>{t('booking.repeatUntil')}</span>
                  </label>
                  <input
                    type="date"
                    aria-label={t('booking.repeatUntilField')}
                    value={draft.until}
                    disabled={draft.repeatEnd !== 'until'}
                    onChange={(e) => update('until', e.target.value, 'repeatEnd')}
                  />
                </div>
              </FieldSet>
              <p className="muted">{t('booking.repeatHint')}</p>
            </div>
          )}
        </div>

        {canOverride && (
          <div className="override">
            <label className="check">
              <input
                type="checkbox"
                checked={draft.overrideCalendar}
                onChange={(e) => update('overrideCalendar', e.target.checked, 'start')}
              />
              <span>{t('booking.override')}</span>
            </label>
            {draft.overrideCalendar && (
              <Field label={t('booking.overrideNote')} error={errors.overrideNote}>
                <input
                  type="text"
                  maxLength={500}
                  value={draft.overrideNote}
                  onChange={(e) => update('overrideNote', e.target.value, 'overrideNote')}
                />
              </Field>
            )}
          </div>
        )}
      </section>

      <div className="form-actions">
        <button type="submit" className="button primary" disabled={busy} data-testid="booking-submit">
          {busy ? t('booking.submitting') : t('booking.submit')}
        </button>
        <p className="muted">{t('booking.submitHint')}</p>
      </div>
    </form>
  );
}
