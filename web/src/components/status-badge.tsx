import type { TEventStatus } from '@telemost/core/schemas/event';
import { useI18n } from '../lib/i18n/i18n.tsx';

const ICON: Record<TEventStatus, string> = { proposed: '◔', confirmed: '✓', declined: '✕', cancelled: '⊘' };

/** An event's status as colour, symbol and word, so it never depends on colour alone. */
export function StatusBadge({ status }: { status: TEventStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}`} data-testid="event-status" data-status={status}>
      <span aria-hidden="true">{ICON[status]}</span> {t(`status.${status}`)}
    </span>
  );
}
