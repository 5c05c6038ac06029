/**
 * npm run bench:realtime — how many live socket.io clients one api process carries, and how fast a
 * notification fans out to all of them.
 *
 * One api process (node api/src/main.ts, NODE_ENV=production) on the shared PostgreSQL (a fresh
 * database) and its own Redis (the socket.io adapter's channel), as `npm run test:scale` starts it.
 * A lesson is booked through the api. Clients (socket.io-client, WebSocket transport, as the web
 * client connects) sign in as people of the lesson (a few sessions, shared by many sockets, as
 * one person's tabs share theirs), connect and follow the lesson (`event:watch`). In steps of N
 * (500, 1000, 2000, 4000), the lesson's teacher asks polls through the api (POST
 * /api/events/:id/polls); each one is pushed to every watcher as `poll:updated`. The fan-out
 * latency of a client is from the POST being sent to that client receiving the poll: the api's
 * work (a transaction, a read back, the push through Redis) and the delivery to N sockets. A step
 * is held when every client connected and received every poll within 5 s.
 *
 * The clients run in this process, on the same two cores as the api, PostgreSQL and Redis.
 */
import { io, type Socket } from 'socket.io-client';
import { signIn } from '../e2e/api-process.ts';
import { bookConfirmedLesson } from '../e2e/lesson.ts';
import { startTopology } from '../scale/topology.ts';
import { processCpuMs } from './support/proc-cpu.ts';
import { ms, p50p99 } from './support/stats.ts';

const STEPS = (process.env.BENCH_REALTIME_STEPS ?? '500,1000,2000,4000').split(',').map(Number);
const POLLS = Number(process.env.BENCH_REALTIME_POLLS ?? 10);
const POLL_GAP_MS = Number(process.env.BENCH_REALTIME_POLL_GAP_MS ?? 500);
const BUDGET_MS = Number(process.env.BENCH_REALTIME_BUDGET_MS ?? 240_000);
const DELIVERY_TIMEOUT_MS = 5000;

type TClient = { socket: Socket; got: Map<string, number> };

function connect(url: string, cookie: string, eventId: string): Promise<TClient> {
  return new Promise((resolve, reject) => {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: 20_000,
      extraHeaders: { cookie },
    });
    const c: TClient = { socket, got: new Map() };
    socket.on('poll:updated', (poll: { question: string }) => {
      if (!c.got.has(poll.question)) c.got.set(poll.question, performance.now());
    });
    socket.once('connect_error', (err) => reject(err));
    socket.once('connect', () => {
      socket.emit('event:watch', { eventId }, (reply: { ok: boolean; message?: string }) =>
        reply.ok ? resolve(c) : reject(new Error(`event:watch refused: ${reply.message}`)),
      );
    });
  });
}

async function main() {
  const started = performance.now();
  const t = await startTopology({ apis: 1, workers: 0, livekitNodes: 0 });
  const clients: TClient[] = [];
  let held = 0;
  let heldP99 = Number.NaN;
  let reason = 'the top step was held';
  try {
    const api = t.apiUrl(0);
    const lesson = await bookConfirmedLesson(api, { startsInMinutes: 5, durationMinutes: 120 });
    const teacher = (await signIn(api, lesson.teacherEmail)).header;
    // Sessions of people who may follow the lesson; each is shared by many sockets.
    const cookies = await Promise.all(
      [
        lesson.teacherEmail,
        lesson.studentEmail,
        'coordinator.msk-26@telemost.example',
        'coordinator.krg-construction@telemost.example',
      ].map(async (email) => (await signIn(api, email)).header),
    );
    const apiPid = t.apis[0]!.child.pid!;
    console.log(
      `one api process (pid ${apiPid}); clients in steps of ${STEPS.join(', ')}; ${POLLS} polls a step`,
    );
    for (const n of STEPS) {
      if (performance.now() - started > BUDGET_MS) {
        reason = 'the time budget ran out';
        break;
      }
      const t0 = performance.now();
      let failed = 0;
      let lastError = '';
      while (clients.length < n && failed < 20) {
        const batch = Math.min(100, n - clients.length);
        const got = await Promise.allSettled(
          Array.from({ length: batch }, (_, k) =>
            connect(api, cookies[(clients.length + k) % cookies.length]!, lesson.eventId),
          ),
        );
        for (const g of got) {
          if (g.status === 'fulfilled') clients.push(g.value);
          else {
            failed++;
            lastError = String(g.reason?.message ?? g.reason);
          }
        }
      }
      const connectSeconds = (performance.now() - t0) / 1000;
      if (clients.length < n) {
        console.log(`  ${n} clients: only ${clients.length} connected (${lastError})`);
        reason = 'clients could not connect';
        break;
      }
      const apiCpu0 = processCpuMs(apiPid);
      const w0 = performance.now();
      const sent = new Map<string, number>();
      for (let k = 0; k < POLLS; k++) {
        const question = `bench ${n}-${k}`;
        sent.set(question, performance.now());
        const res = await fetch(`${api}/api/events/${lesson.eventId}/polls`, {
          method: 'POST',
          headers: { cookie: teacher, 'content-type': 'application/json' },
          body: JSON.stringify({ question, options: ['да', 'нет'] }),
        });
        if (!res.ok) throw new Error(`POST poll: ${res.status} ${await res.text()}`);
        await new Promise((r) => setTimeout(r, POLL_GAP_MS));
      }
      // Wait for the last deliveries (or the timeout).
      const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
      const complete = () => clients.every((c) => [...sent.keys()].every((q) => c.got.has(q)));
      while (!complete() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const seconds = (performance.now() - w0) / 1000;
      const apiCpu = (processCpuMs(apiPid) - apiCpu0) / 10 / seconds;
      const latencies: number[] = [];
      let missing = 0;
      for (const c of clients) {
        for (const [q, at] of sent) {
          const got = c.got.get(q);
          if (got === undefined || got - at > DELIVERY_TIMEOUT_MS) missing++;
          else latencies.push(got - at);
        }
        c.got.clear();
      }
      const { p50, p99 } = p50p99(latencies);
      console.log(
        `  ${n} clients (connected in ${connectSeconds.toFixed(1)} s): ${latencies.length} of ${clients.length * POLLS} pushes delivered, fan-out p50 ${ms(p50)} ms p99 ${ms(p99)} ms; api cpu ${apiCpu.toFixed(0)}% of a core`,
      );
      if (missing > 0) {
        reason = `${missing} pushes were lost or later than ${DELIVERY_TIMEOUT_MS / 1000} s at ${n} clients`;
        break;
      }
      held = n;
      heldP99 = p99;
    }
    console.log(`stopped: ${reason}`);
    console.log(`realtime: ${held} clients held, fan-out p99 ${ms(heldP99)} ms`);
  } finally {
    for (const c of clients) c.socket.disconnect();
    await t.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
