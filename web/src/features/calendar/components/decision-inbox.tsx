import { eventClocks } from '@telemost/core/presentation/clocks';
import type { TEventView } from '@telemost/core/schemas/event';
import { useState } from 'react';
import { Link } from 'react-router';
import { useToast } from '../../../components/toaster.tsx';
import { useApiErrorMessage } from '../../../hooks/use-api-error-message.ts';
import { useDecisions } from '../../../lib/decisions.tsx';
import { useI18n } from '../../../lib/i18n/i18n.tsx';
import { useWatchEvent } from '../../../lib/realtime.tsx';
import { formatBothRanges, formatLongDate } from '../../../lib/time.ts';
import { decideProposal } from '../api/events-api.ts';

/** How many proposals the panel shows; the rest are counted and wait in the calendar. */
const SHOWN = 5;

/**
 * "Waiting for your decision", first thing on the calendar for coordinators and teachers: each
 * proposal with both clocks, the partner college and who proposed it, answered in place.
 */
export function DecisionInbox({ viewerZone }: { viewerZone: string }) {
  const { t } = useI18n();
  const decisions = useDecisions();
  if (decisions.items.length === 0) return null;
  const shown = decisions.items.slice(0, SHOWN);
  return (
    <section
      className="card decision-inbox"
      id="decisions"
      aria-labelledby="inbox-title"
      data-testid="decision-inbox"
    >
      <h2 id="inbox-title">
        {t('inbox.title')} <span className="inbox-count">{decisions.total}</span>
      </h2>
      <p className="muted">{t('inbox.lead')}</p>
      <ul className="inbox-list">
        {shown.map((e) => (
          <InboxItem key={e.id} event={e} viewerZone={viewerZone} />
        ))}
      </ul>
      {decisions.total > shown.length && (
        <p className="muted">{t('inbox.more', { count: decisions.total - shown.length })}</p>
      )}
    </section>
  );
}

function InboxItem({ event, viewerZone }: { event: TEventView; viewerZone: string }) {
  const { t, locale, pick } = useI18n();
  const toast = useToast();
  const message = useApiErrorMessage();
  const decisions = useDecisions();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A colleague answering elsewhere takes it off this list too.
  useWatchEvent(event.id);
  const mySide = event.myDecisionInstitutionId;
  if (!mySide) return null;
  const clocks = eventClocks(event.institutions, event.start, { locale, timeZone: viewerZone });
  const partners = event.institutions.filter((i) => i.id !== mySide).map((i) => pick(i.name));
  const titleId = `inbox-${event.id}`;

  const decide = async (verb: 'confirm' | 'decline') => {
    setBusy(true);
    setError(null);
    try {
      await decideProposal(event.id, verb, mySide);
      decisions.drop(event.id);
      decisions.reload();
      toast.show({
        title: t(verb === 'confirm' ? 'inbox.confirmed' : 'inbox.declined', { title: event.title }),
        tone: 'success',
        href: `/events/${event.id}`,
      });
    } catch (err) {
      setError(message(err));
      decisions.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="inbox-item" data-testid="inbox-item" aria-labelledby={titleId}>
      <div className="inbox-text">
        <p className="eyebrow">{t(`kind.${event.kind}`)}</p>
        <h3 id={titleId} className="inbox-title">
          <Link to={`/events/${event.id}`}>{event.title}</Link>
        </h3>
        <p className="inbox-when">
          {formatLongDate(event.start, clocks[0]!.timeZone, locale)}
          <strong className="inbox-times" data-testid="inbox-times">
            {formatBothRanges(event.start, event.end, clocks)}
          </strong>
        </p>
        <p className="muted">
          {t('inbox.partner', { college: partners.join(', ') })} ·{' '}
          {t('inbox.proposedBy', { name: event.organizer.name })}
        </p>
      </div>
      <div className="inbox-actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void decide('confirm')}
          aria-describedby={titleId}
          data-testid="inbox-confirm"
        >
          {t('decision.confirm')}
        </button>
        <button
          type="button"
          className="button danger"
          disabled={busy}
          onClick={() => void decide('decline')}
          aria-describedby={titleId}
          data-testid="inbox-decline"
        >
          {t('decision.decline')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
