import type { TWorkerConfig } from './worker-config.ts';

/**
 * How many jobs of each queue one worker process runs at once. Reminders run wide: they wait on
 * the clock, PostgreSQL and SMTP, not on CPU. Notices come in smaller waves. The sweep runs alone.
 * A queue not listed gets 5.
 */
export const QUEUE_CONCURRENCY: Record<string, (config: TWorkerConfig) => number> = {
  'domain-events': () => 10,
  reminders: (c) => c.WORKER_CONCURRENCY,
  notices: () => 20,
  maintenance: () => 1,
};

export function queueConcurrency(queue: string, config: TWorkerConfig): number {
  return QUEUE_CONCURRENCY[queue]?.(config) ?? 5;
}
