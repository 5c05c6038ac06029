import type { TEventStatus } from '@telemost/core/schemas/event';
import { useI18n } from '../lib/i18n/i18n.tsx';
import './status-badge.css';

const ICON: Record<TEventStatus, string> = { proposed: '◔', confirmed: '✓', declined: '✕', cancelled: '⊘' };

/**
 * An event's status as colour, symbol and word, so it never depends on colour alone. A confirmed
 * event that is over (`held`: past its end, or ended early by a host) says "held", not "confirmed".
 */
export function StatusBadge({ status, held = false }: { status: TEventStatus; held?: boolean }) {
  const { t } = useI18n();
  if (held && status === 'confirmed') {
    return (
      <span className="badge badge-held" data-testid="event-status" data-status="held">
        <span aria-hidden="true">●</span> {t('status.held')}
      </span>
    );
  }
  return (
    <span className={`badge badge-${status}`} data-testid="event-status" data-status={status}>
      <span aria-hidden="true">{ICON[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
