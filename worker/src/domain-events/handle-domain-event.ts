import type { TEventStatus } from '@telemost/core/schemas/event';
import type { TWorkerContext } from '../context.ts';
import { loadEventSnapshot } from '../events/events.repository.ts';
import { NOTICE_TOPICS, planNotices } from '../notices/plan-notices.ts';
import { syncEventReminders } from '../reminders/sync-event-reminders.ts';

/** A change to an event, as the outbox relay hands it over. */
export type TEventChange = {
  outboxId: number;
  topic: string;
  eventId: string;
  /** The version the change produced; the row may be newer by now. */
  version: number;
  actorId: string | null;
};

/**
 * Something else to do on every event change (e.g. room provisioning). Subscribers must be
 * idempotent like everything downstream of the outbox: a row can be delivered more than once.
 */
export type TEventChangeSubscriber = (change: TEventChange, ctx: TWorkerContext) => Promise<void>;

/**
 * Reacts to one event change. The payload only names the event; what to do is decided from its
 * current row: reminders are re-synced (scheduled for a confirmed event, removed otherwise),
 * people are told what happened, open pages hear `event:changed`, and subscribers run.
 */
export async function handleEventChange(
  ctx: TWorkerContext,
  change: TEventChange,
  subscribers: readonly TEventChangeSubscriber[],
): Promise<{ reminders: { scheduled: number; removed: number }; notices: number }> {
  const reminders = await syncEventReminders(ctx, change.eventId);
  let notices = 0;
  const event = await loadEventSnapshot(ctx.db, change.eventId);
  const kind = NOTICE_TOPICS[change.topic];
  if (event && kind) notices = await planNotices(ctx, kind, event, change.version, change.actorId);
  if (event) {
    ctx.realtime.toEvent(event.id, 'event:changed', {
      eventId: event.id,
      // The row's status; the emitter validates it against the contract before sending.
      status: event.status as TEventStatus,
      version: event.version,
    });
  }
  for (const subscriber of subscribers) await subscriber(change, ctx);
  return { reminders, notices };
}
