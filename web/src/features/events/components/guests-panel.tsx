import type { TLocalizedText } from '@telemost/core/schemas/common';
import type { TInvitation } from '@telemost/core/schemas/invitation';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { Field } from '../../../components/field.tsx';
import { ApiError } from '../../../lib/api-client.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import {
  createInvitation,
  decideLobby,
  listInvitations,
  listLobby,
  revokeInvitation,
} from '../api/event-api.ts';

type TLobbyEntry = Awaited<ReturnType<typeof listLobby>>[number];
const LOBBY_POLL_MS = 5000;

/**
 * For hosts of either college: invitation links for people without accounts (create, copy once,
 * revoke) and the lobby, with each waiting person's invitation label, to admit or turn away.
 * A jury link names the college its jurors stand for (they do not judge that college's
 * competitors); by default the host's own. Shows nothing to someone who is not a host (the api
 * answers 403).
 */
export function GuestsPanel({
  eventId,
  institutions,
}: {
  eventId: string;
  institutions: { id: string; name: TLocalizedText }[];
}) {
  const { t, pick } = useI18n();
  const [invitations, setInvitations] = useState<TInvitation[] | null>(null);
  const [lobby, setLobby] = useState<TLobbyEntry[]>([]);
  const [hidden, setHidden] = useState(false);
  const [role, setRole] = useState<'guest' | 'speaker' | 'jury'>('guest');
  const [label, setLabel] = useState('');
  const [maxUses, setMaxUses] = useState('');
  const [withLobby, setWithLobby] = useState(true);
  /** Jury links: the college, '' for the host's own. */
  const [college, setCollege] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  /** Reloads both lists; false when the viewer is not a host (then the panel stays hidden). */
  const reload = useCallback(async (): Promise<boolean> => {
    try {
      const [list, waiting] = await Promise.all([listInvitations(eventId), listLobby(eventId)]);
      setInvitations(list);
      setLobby(waiting);
      return true;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 403 || err.status === 401)) {
        setHidden(true);
        return false;
      }
      return true;
    }
  }, [eventId]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if ((await reload()) && !stopped) timer = setTimeout(() => void tick(), LOBBY_POLL_MS);
    };
    void tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [reload]);

  if (hidden || !invitations) return null;
  const collegeOf = (id: string) => {
    const inst = institutions.find((x) => x.id === id);
    return inst ? pick(inst.name) : '';
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const made = await createInvitation(eventId, {
        role,
        lobby: withLobby,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(maxUses ? { maxUses: Number(maxUses) } : {}),
        ...(role === 'jury' && college ? { institutionId: college } : {}),
      });
      setCreated(made.url);
      setLabel('');
      await reload();
    } catch (err) {
      setError(
        err instanceof ApiError && err.fields[0]
          ? `${err.fields[0].field}: ${err.fields[0].message}`
          : t('error.generic'),
      );
    }
  };

  return (
    <section className="card" aria-labelledby="guests-title">
      <h2 id="guests-title">{t('guests.title')}</h2>
      {lobby.length > 0 && (
        <div className="guests-lobby" data-testid="lobby">
          <h3>{t('guests.lobby')}</h3>
          <ul>
            {lobby.map((w) => (
              <li key={w.lobbyId}>
                <span>
                  {w.displayName}
                  {w.label ? ` — ${w.label}` : ''}
                </span>{' '}
                <button
                  type="button"
                  className="button primary"
                  onClick={() => void decideLobby(eventId, w.lobbyId, 'admit').then(reload)}
                >
                  {t('guests.admit')}
                </button>{' '}
                <button
                  type="button"
                  className="button ghost"
                  onClick={() => void decideLobby(eventId, w.lobbyId, 'deny').then(reload)}
                >
                  {t('guests.deny')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={submit} noValidate className="guests-form">
        <Field label={t('guests.role')}>
          <select value={role} onChange={(e) => setRole(e.target.value as typeof role)}>
            <option value="guest">{t('guests.role.guest')}</option>
            <option value="speaker">{t('guests.role.speaker')}</option>
            <option value="jury">{t('guests.role.jury')}</option>
          </select>
        </Field>
        {role === 'jury' && (
          <Field label={t('guests.juryCollege')} hint={t('guests.juryCollegeHint')}>
            <select value={college} onChange={(e) => setCollege(e.target.value)}>
              <option value="">{t('guests.juryCollegeOwn')}</option>
              {institutions.map((i) => (
                <option key={i.id} value={i.id}>
                  {pick(i.name)}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label={t('guests.label')} hint={t('guests.labelHint')}>
          <input value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} />
        </Field>
        <Field label={t('guests.maxUses')}>
          <input type="number" min={1} value={maxUses} onChange={(e) => setMaxUses(e.target.value)} />
        </Field>
        <label className="checkbox">
          <input type="checkbox" checked={withLobby} onChange={(e) => setWithLobby(e.target.checked)} />{' '}
          {t('guests.withLobby')}
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button secondary wide">
          {t('guests.create')}
        </button>
      </form>
      {created && (
        <p className="notice" data-testid="invitation-url">
          {t('guests.created')} <code>{created}</code>
        </p>
      )}
      {invitations.length > 0 && (
        <ul className="guests-list">
          {invitations.map((i) => (
            <li key={i.id}>
              {t(`guests.role.${i.role}`)}
              {i.label ? ` — ${i.label}` : ''}
              {i.institutionId ? ` (${collegeOf(i.institutionId)})` : ''} ·{' '}
              {t('guests.uses', { n: i.uses, max: i.maxUses ?? '∞' })} · {t(`guests.state.${i.state}`)}
              {i.state === 'active' && (
                <>
                  {' '}
                  <button
                    type="button"
                    className="button ghost"
                    onClick={() => void revokeInvitation(eventId, i.id).then(reload)}
                  >
                    {t('guests.revoke')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
