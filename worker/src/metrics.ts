import http from 'node:http';
import type { Logger } from '@telemost/server/lib/logger';
import type { Job, Queue } from 'bullmq';
import client from 'prom-client';

/** What the worker records; registered on the api's registry in embedded mode, its own otherwise. */
export type TWorkerMetrics = {
  registry: client.Registry;
  jobStarted: (job: Job) => void;
  jobDone: (job: Job, ms: number) => void;
  jobFailed: (job: Job | undefined) => void;
  /** 1 while LiveKit answers the room jobs, 0 once it does not (unknown until a room job ran). */
  livekitUp: client.Gauge;
};

/**
 * Job metrics: queue depth by state (read from Redis at scrape time), pickup lateness (start minus
 * when the job was due: its creation plus its delay), run time, and failures. Every name is
 * prefixed `telemost_`; `registry` is the api's in embedded mode, so one /metrics shows both.
 */
export function createWorkerMetrics(
  queues: () => Queue[],
  registry: client.Registry = newRegistry(),
): TWorkerMetrics {
  new client.Gauge({
    name: 'telemost_queue_jobs',
    help: 'Jobs per queue and state (waiting, delayed, active, failed)',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      await Promise.all(
        queues().map(async (q) => {
          const counts = await q.getJobCounts('waiting', 'delayed', 'active', 'failed').catch(() => null);
          if (!counts) return;
          for (const [state, n] of Object.entries(counts)) this.set({ queue: q.name, state }, n);
        }),
      );
    },
  });
  const lateness = new client.Histogram({
    name: 'telemost_job_lateness_seconds',
    help: 'Job start minus when it was due (created plus delay); reminders are due a second early on purpose',
    labelNames: ['job'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'telemost_job_duration_seconds',
    help: 'Job run time by job name',
    labelNames: ['job'] as const,
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const failures = new client.Counter({
    name: 'telemost_job_failures_total',
    help: 'Failed job attempts by job name (each retry counts)',
    labelNames: ['job'] as const,
    registers: [registry],
  });
  const livekitUp = new client.Gauge({
    name: 'telemost_livekit_up',
    help: '1 while LiveKit answers the worker, 0 when it does not',
    registers: [registry],
  });
  return {
    registry,
    jobStarted: (job) => {
      const due = job.timestamp + (job.delay ?? 0);
      lateness.observe({ job: job.name }, Math.max(0, Date.now() - due) / 1000);
    },
    jobDone: (job, ms) => duration.observe({ job: job.name }, ms / 1000),
    jobFailed: (job) => failures.inc({ job: job?.name ?? 'unknown' }),
    livekitUp,
  };
}

function newRegistry(): client.Registry {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'telemost_worker_' });
  return registry;
}

/**
 * A standalone worker's /metrics, on its own small HTTP server (WORKER_METRICS_PORT, loopback by
 * default: expose it to the scraper deliberately). Returns the close function.
 */
export async function serveWorkerMetrics(
  registry: client.Registry,
  options: { host: string; port: number; logger: Logger },
): Promise<{ port: number; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry
      .metrics()
      .then((text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text))
      .catch((err: Error) => res.writeHead(500).end(err.message));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  options.logger.info({ host: options.host, port }, 'worker metrics at /metrics');
  return { port, close: () => new Promise((r) => server.close(() => r())) };
}
