import { eventClocks } from '@telemost/core/presentation/clocks';
import { kindLabel } from '@telemost/core/presentation/kinds';
import type { TInvitationInfo } from '@telemost/core/schemas/invitation';
import { type FormEvent, useState } from 'react';
import { Field } from '../../../components/field.tsx';
import type { TMessageKey } from '../../../lib/i18n/dictionary.ts';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { formatBothRanges, formatLongDate } from '../../../lib/time.ts';

/** Where the guest is: filling in the name, joining, waiting in the lobby, or refused. */
export type TInviteStage =
  | { kind: 'form' }
  | { kind: 'joining' }
  | { kind: 'waiting' }
  | { kind: 'refused'; messageKey: TMessageKey };

/**
 * The invitation as its guest sees it before joining: the event on both colleges' clocks (the
 * guest's own first), what they will be able to do, and their display name.
 */
export function InviteCard({
  info,
  stage,
  viewerZone,
  onJoin,
}: {
  info: TInvitationInfo;
  stage: TInviteStage;
  viewerZone: string;
  onJoin: (displayName: string) => void;
}) {
  const { t, locale, pick } = useI18n();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const clocks = eventClocks(info.event.institutions, info.event.start, { locale, timeZone: viewerZone });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('invite.nameRequired'));
      return;
    }
    setError(null);
    onJoin(name.trim());
  };
  return (
    <div className="card invite-card">
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.lead', { title: info.event.title })}</p>
      <dl className="invite-facts">
        <dt>{kindLabel(info.event.kind, locale)}</dt>
        <dd data-testid="invite-title">{info.event.title}</dd>
        <dt>{t('invite.when')}</dt>
        <dd>
          <span className="block">{formatLongDate(info.event.start, viewerZone, locale)}</span>
          <span className="block" data-testid="invite-clocks">
            {formatBothRanges(info.event.start, info.event.end, clocks)}
          </span>
        </dd>
        <dt>{t('certificate.colleges')}</dt>
        <dd>
          {info.event.institutions.map((i) => (
            <span className="block" key={i.timeZone + pick(i.name)}>
              {pick(i.name)}
            </span>
          ))}
        </dd>
      </dl>
      <p className="muted">{t(`invite.role.${info.role}`)}</p>
      {info.lobby && <p className="muted">{t('invite.lobbyNote')}</p>}
      {stage.kind === 'refused' ? (
        <p className="form-error" role="alert" data-testid="invite-refused">
          {t(stage.messageKey)}
        </p>
      ) : stage.kind === 'waiting' ? (
        <p role="status" data-testid="invite-waiting">
          {t('invite.waiting')}
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <Field label={t('invite.name')} hint={t('invite.nameHint')} error={error}>
            <input
              name="displayName"
              autoComplete="name"
              maxLength={100}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
            />
          </Field>
          <button type="submit" className="button primary wide" disabled={stage.kind === 'joining'}>
            {stage.kind === 'joining' ? t('invite.joining') : t('invite.join')}
          </button>
        </form>
      )}
    </div>
  );
}

/** The message for a problem code of the invitation routes. */
export function refusalKey(code: string): TMessageKey {
  const keys: Record<string, TMessageKey> = {
    invitation_revoked: 'invite.revoked',
    invitation_expired: 'invite.expired',
    invitation_used_up: 'invite.usedUp',
    not_found: 'invite.notFound',
    validation_failed: 'invite.notFound',
    not_yet_open: 'invite.early',
    join_window_closed: 'invite.over',
    lesson_ended: 'invite.over',
    forbidden: 'invite.denied',
  };
  return keys[code] ?? 'error.generic';
}
