import { z } from 'zod';

/**
 * Worker-only settings, read from the environment next to the api's `TEnv`. They tune throughput
 * and recovery; the defaults suit one worker process on a small machine.
 */
export const ZWorkerConfigSchema = z.object({
  /**
   * Reminder jobs in progress at once per worker process. Most of them are waiting: a reminder
   * job starts a second before it is due (see REMINDER_PREFETCH_MS) and holds its slot meanwhile.
   */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(300),
  /**
   * SMTP connections kept open per worker process. Each connection sends one message at a time,
   * so this bounds e-mail throughput; keep it within what your relay accepts from one client.
   */
  SMTP_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  /** PostgreSQL connections of a standalone worker (DATABASE_URL mode). */
  WORKER_DB_POOL: z.coerce.number().int().min(2).max(200).default(20),
  /** Fallback poll of the outbox when no NOTIFY arrives, in milliseconds. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(50).max(1000).default(500),
  /** Port of a standalone worker's /metrics (0: none). Several workers on one host: give each its own. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  /** Interface of the worker's /metrics; loopback unless a scraper must reach it from elsewhere. */
  WORKER_METRICS_HOST: z.string().default('127.0.0.1'),
  /** How often the sweep re-creates missing reminder jobs, in seconds. */
  REMINDER_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** Port of the standalone worker's /healthz and /readyz (for orchestrator probes); unset: none. */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Interface of those endpoints; `0.0.0.0` in a container, so the kubelet reaches them. */
  WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
});
export type TWorkerConfig = z.infer<typeof ZWorkerConfigSchema>;

/** Parses the worker settings, failing fast with the list of bad variables. */
export function loadWorkerConfig(source: Record<string, string | undefined> = process.env): TWorkerConfig {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZWorkerConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid worker environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
