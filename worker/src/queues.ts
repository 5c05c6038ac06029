import type { TWorkerConfig } from './worker-config.ts';

/**
 * How many jobs of each queue one worker process runs at once. Deliveries wait on PostgreSQL and
 * SMTP, not CPU, so they run wide; the maintenance sweep runs alone. A queue not listed gets 5.
 */
export const QUEUE_CONCURRENCY: Record<string, (config: TWorkerConfig) => number> = {
  'domain-events': () => 10,
  reminders: (c) => c.WORKER_CONCURRENCY,
  notices: (c) => Math.max(5, Math.ceil(c.WORKER_CONCURRENCY / 2)),
  maintenance: () => 1,
};

export function queueConcurrency(queue: string, config: TWorkerConfig): number {
  return QUEUE_CONCURRENCY[queue]?.(config) ?? 5;
}
