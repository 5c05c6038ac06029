import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWorkerMetrics } from '../src/metrics.ts';
import { createEvent } from './support/create-event.ts';
import { openSeededDatabase, type SeededDatabase } from './support/test-database.ts';
import { dropPrefix, startTestWorker } from './support/test-worker.ts';
import { sleep, waitFor } from './support/wait-for.ts';

let database: SeededDatabase;
let worker: Awaited<ReturnType<typeof startTestWorker>>;
const lines: { level: number; msg: string; job?: string; id?: string; ms?: number }[] = [];

beforeAll(async () => {
  database = await openSeededDatabase('postgres');
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  worker = await startTestWorker(database, {
    logger: pino({ level: 'debug' }, stream),
    // No LiveKit at all: the room jobs fail on a closed port.
    env: { LIVEKIT_URL: 'ws://127.0.0.1:1' },
    config: { OUTBOX_POLL_MS: 100, REMINDER_SWEEP_SECONDS: 3600 },
  });
});

afterAll(async () => {
  await worker?.close();
  await dropPrefix(worker?.prefix ?? 'none');
  await database?.close();
});

describe('job logs and metrics', () => {
  it('when LiveKit is absent, then room jobs back off and it is said once, not per retry, and every job logs one line with its duration', async () => {
    const events = [];
    for (let i = 0; i < 3; i++) {
      events.push(await createEvent(database.db, { start: new Date(Date.now() + 5 * 60_000 + i * 1000) }));
    }
    // Three open-room jobs, each failing and retrying after 1 s, 2 s, 4 s…
    await waitFor(
      'several retries',
      () => lines.filter((l) => l.job === 'open-room' && /failed/.test(l.msg)).length >= 6,
      20_000,
    );
    const warnings = lines.filter((l) => l.level >= 40);
    expect(warnings.filter((l) => /LiveKit does not answer/.test(l.msg))).toHaveLength(1);
    expect(warnings.filter((l) => l.job === 'open-room')).toEqual([]);

    const done = lines.filter((l) => l.msg === 'job done' && l.job === 'domain-event');
    expect(done.length).toBeGreaterThanOrEqual(3);
    expect(done[0]).toMatchObject({
      level: 30,
      id: expect.stringMatching(/^outbox-/),
      ms: expect.any(Number),
    });

    const text = await worker.metrics.registry.metrics();
    expect(text).toMatch(/^telemost_livekit_up 0$/m);
    expect(text).toMatch(/^telemost_job_failures_total\{job="open-room"\} ([6-9]|\d{2,})$/m);
    expect(text).toMatch(/^telemost_job_lateness_seconds_count\{job="domain-event"\} [1-9]/m);
    expect(text).toMatch(/^telemost_job_duration_seconds_count\{job="domain-event"\} [1-9]/m);
    expect(text).toMatch(/^telemost_queue_jobs\{queue="rooms",state="delayed"\} \d+$/m);
    expect(text).toMatch(/^telemost_queue_jobs\{queue="reminders",state="waiting"\} \d+$/m);
  });

  it('when served on its own port, then /metrics answers with the job metrics', async () => {
    const server = await serveWorkerMetrics(worker.metrics.registry, {
      host: '127.0.0.1',
      port: 0,
      logger: pino({ level: 'silent' }),
    });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('telemost_queue_jobs');
      expect(body).toContain('telemost_worker_process_cpu_seconds_total');
      expect((await fetch(`http://127.0.0.1:${server.port}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
    await sleep(0);
  });
});
