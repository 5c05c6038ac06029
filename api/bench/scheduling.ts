/**
 * npm run bench:scheduling — booking and availability latency against the real PostgreSQL.
 *
 * Starts the api as a child process on a fresh database, adds 18 groups to each of two colleges
 * (20 per side), then:
 *  1. books 2,000 non-conflicting joint lessons over a 20-week term through HTTP, 50 requests in
 *     flight at a time, and reports booking p50/p99 latency and throughput, and the CPU time the api,
 *     PostgreSQL and this client spent per booking (from /proc: Linux only);
 *  2. asks /api/availability for a Moscow group and a Karaganda group over the same 20 weeks
 *     (2 colleges × 20 groups, 2,000 events on the books), and reports p50/p99.
 *
 * `npm run bench:scheduling:scale` (`-- --scale`, or BENCH_EVENTS=2000,5000,10000,20000): books on
 * through the same HTTP path up to each size in turn and measures availability at each, with
 * 100 events per group pair (one lesson per working day of the term), so the queried pair's own
 * calendar stays the same and only the number of events on the books grows (2k: 20 pairs, 20k:
 * 200 pairs). Prints a table and the growth of availability p50 per doubling of the events.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { localDayStatus } from '@telemost/core/scheduling/working-time';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { overlappingBookingsQuery } from '../src/features/events/resource-bookings.repository.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PORT = Number(process.env.BENCH_PORT ?? 3901);
const SCALE = process.argv.includes('--scale');
/** The sizes (events on the books) at which availability is measured; the first is the booking run. */
const STAGES = (process.env.BENCH_EVENTS ?? (SCALE ? '2000,5000,10000,20000' : '2000'))
  .split(',')
  .map((v) => Number(v.trim()));
if (STAGES.some((n, i) => !Number.isInteger(n) || n < 100 || n % 100 !== 0 || (i > 0 && n <= STAGES[i - 1]!)))
  throw new Error(`BENCH_EVENTS must be rising multiples of 100, got ${process.env.BENCH_EVENTS}`);
const BOOKINGS = STAGES[0]!;
const MAX_EVENTS = STAGES[STAGES.length - 1]!;
/** Group pairs: 20 as ever, more when the largest size needs them (100 events per pair at most). */
const PAIRS = Math.max(20, MAX_EVENTS / 100);
const CONCURRENCY = 50;
const AVAILABILITY_RUNS = 200;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

const CLOCK_TICK_MS = 10; // Linux USER_HZ is 100
/** CPU time (ms) of a process from /proc, or of every process whose name is `comm`. Linux only. */
function procCpuMs(match: { pid: number } | { comm: string }): number {
  const pids = 'pid' in match ? [String(match.pid)] : readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if ('comm' in match && comm !== match.comm) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {}
  }
  return ticks * CLOCK_TICK_MS;
}
/** Busy and total CPU time (ms) of the whole machine, all cores. */
function machineCpuMs(): { busy: number; total: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  return { busy: (total - cpu[3]! - (cpu[4] ?? 0)) * CLOCK_TICK_MS, total: total * CLOCK_TICK_MS };
}
function cpuSnapshot(apiPid: number) {
  const own = process.cpuUsage();
  return {
    api: procCpuMs({ pid: apiPid }),
    postgres: procCpuMs({ comm: 'postgres' }),
    client: (own.user + own.system) / 1000,
    machine: machineCpuMs(),
  };
}

/** A free loopback port, for the bench's own Redis. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

async function main() {
  // A Redis of the bench's own: the login limits of a shared Redis may already be spent by other
  // runs from 127.0.0.1 (their keys are global), and the bench's keys stay out of everyone else's.
  const redisPort = await freePort();
  const redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const dbName = `telemost_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const child = spawn(process.execPath, ['api/src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      WORKER_MODE: 'off',
      LOGIN_RATE_LIMIT: '1000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; ; i++) {
      if (i > 300) throw new Error('api did not start');
      try {
        if ((await fetch(`${base}/readyz`)).ok) break;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      // State-changing requests must come from the product's own origin (CSRF check).
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'coordinator.msk-26@telemost.example', password: 'telemost-demo' }),
    });
    if (login.status !== 200) throw new Error(`login answered ${login.status}: ${await login.text()}`);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const headers = { 'content-type': 'application/json', origin: base, cookie };
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    const inst = (
      await db.query(
        `select id, code, country, time_zone, working_hours from institutions where code in ('msk-26','krg-construction')`,
      )
    ).rows;
    const msk = inst.find((r) => r.code === 'msk-26')!;
    const krg = inst.find((r) => r.code === 'krg-construction')!;
    for (const side of [msk, krg]) {
      for (let g = 3; g <= PAIRS; g++)
        await db.query(`insert into groups (institution_id, name) values ($1, $2)`, [side.id, `BENCH-${g}`]);
    }
    const groups = async (id: string) =>
      (await db.query(`select id from groups where institution_id = $1 order by name`, [id])).rows.map(
        (r) => r.id as string,
      );
    const mskGroups = await groups(msk.id);
    const krgGroups = await groups(krg.id);
    const partnershipId = (await db.query(`select id from partnerships limit 1`)).rows[0].id as string;
    // The bench books a term from September 2027: past the demo agreement's last day, so extend it.
    await db.query(`update partnerships set valid_to = '2029-06-30' where id = $1`, [partnershipId]);

    // 100 dates both colleges work (about 20 weeks), four lesson periods each (Moscow time), and one spare date.
    const dates: string[] = [];
    const sides = [msk, krg].map((s) => ({ country: s.country, workingHours: s.working_hours }));
    for (let d = new Date('2027-09-06T00:00:00Z'); dates.length < 101; d.setUTCDate(d.getUTCDate() + 1)) {
      const date = d.toISOString().slice(0, 10);
      if (sides.every((s) => localDayStatus(s, date).working)) dates.push(date);
    }
    const periods = ['08:30', '10:10', '12:20', '14:00'];
    // One size: as ever (pair i % 20, date i / 20). Several: one pair after another, 100 working
    // days each, so the queried pair (0) holds 100 events at every size.
    const requests = Array.from({ length: MAX_EVENTS }, (_, i) => {
      const first = STAGES.length === 1;
      const pair = first ? i % 20 : Math.floor(i / 100);
      const slot = first ? Math.floor(i / 20) : i % 100;
      return {
        partnershipId,
        kind: 'joint_lesson',
        title: `Бенчмарк ${i}`,
        localStart: `${dates[slot]}T${periods[(slot + pair) % 4]}`,
        timeZone: 'Europe/Moscow',
        durationMinutes: 90,
        groupIds: [mskGroups[pair], krgGroups[pair]],
      };
    });

    const statuses = new Map<number, number>();
    /** Books requests [from, to) through HTTP, CONCURRENCY in flight; their latencies and the time taken. */
    const book = async (from: number, to: number) => {
      const latencies: number[] = [];
      let next = from;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < to) {
            const body = JSON.stringify(requests[next++]);
            const s = performance.now();
            const res = await fetch(`${base}/api/events`, { method: 'POST', headers, body });
            await res.arrayBuffer();
            latencies.push(performance.now() - s);
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          }
        }),
      );
      return { latencies, elapsed: (performance.now() - t0) / 1000 };
    };
    const cpu0 = cpuSnapshot(child.pid!);
    const { latencies, elapsed } = await book(0, BOOKINGS);
    const cpu1 = cpuSnapshot(child.pid!);
    // The same kind of booking one at a time: the service time that the 50-way figures queue behind.
    const single: number[] = [];
    for (let i = 0; i < 200; i++) {
      const pair = i % 20;
      const body = JSON.stringify({
        ...requests[0],
        title: `Одиночный ${i}`,
        localStart: `${dates[100]}T${periods[0]}`,
        groupIds: [mskGroups[pair], krgGroups[pair]],
      });
      // Each lands on the last date, on a group pair whose slot there is free until booked; cancel to reuse.
      const s = performance.now();
      const res = await fetch(`${base}/api/events`, { method: 'POST', headers, body });
      const json = (await res.json()) as { items?: { id: string }[] };
      single.push(performance.now() - s);
      if (res.status === 201)
        await fetch(`${base}/api/events/${json.items![0]!.id}/cancel`, {
          method: 'POST',
          headers,
          body: '{}',
        });
      else throw new Error(`single booking answered ${res.status}`);
    }
    const created = () => statuses.get(201) ?? 0;
    console.log(
      `booking: ${BOOKINGS} requests, ${CONCURRENCY} concurrent, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    console.log(`booking p50: ${fmt(pct(latencies, 50))}`);
    console.log(`booking p99: ${fmt(pct(latencies, 99))}`);
    // The first requests also pay for JIT warm-up and for opening the pool's and the client's connections.
    const warm = latencies.slice(100);
    console.log(
      `booking without the first 100 to finish (cold start): p50 ${fmt(pct(warm, 50))}, p99 ${fmt(pct(warm, 99))}`,
    );
    console.log(`booking throughput: ${(BOOKINGS / elapsed).toFixed(0)} req/s`);
    // Where the CPU went while the 2,000 bookings ran: per booking, and how busy the whole machine was.
    const per = (a: number, b: number) => `${((b - a) / BOOKINGS).toFixed(2)} ms`;
    const m = { busy: cpu1.machine.busy - cpu0.machine.busy, total: cpu1.machine.total - cpu0.machine.total };
    console.log(
      `booking CPU per request: api ${per(cpu0.api, cpu1.api)}, postgres ${per(cpu0.postgres, cpu1.postgres)}, ` +
        `bench client ${per(cpu0.client, cpu1.client)}; machine ${((100 * m.busy) / m.total).toFixed(0)}% busy ` +
        `on ${Math.round(m.total / (elapsed * 1000))} cores (other processes included)`,
    );
    console.log(`booking, one request in flight: p50 ${fmt(pct(single, 50))}, p99 ${fmt(pct(single, 99))}`);

    const countEvents = async () => Number((await db.query(`select count(*) from events`)).rows[0].count);
    const q = new URLSearchParams({
      partnershipId,
      groupIds: `${mskGroups[0]},${krgGroups[0]}`,
      durationMinutes: '90',
      from: `${dates[0]}T00:00:00Z`,
      to: new Date(Date.parse(`${dates[0]}T00:00:00Z`) + 20 * 7 * 86_400_000).toISOString(),
      limit: '20',
    });
    /** Availability for pair 0 over the term: latencies after 10 warm-up requests, and the answer. */
    const measureAvailability = async () => {
      const avail: number[] = [];
      let answer = '';
      for (let i = 0; i < AVAILABILITY_RUNS + 10; i++) {
        const s = performance.now();
        const res = await fetch(`${base}/api/availability?${q}`, { headers });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`availability answered ${res.status}`);
        if (i >= 10) avail.push(performance.now() - s);
        answer = text;
      }
      return { avail, slots: (JSON.parse(answer) as { items: unknown[] }).items.length, answer };
    };
    const first = await measureAvailability();
    console.log(
      `availability: 2 institutions × ${PAIRS} groups, 20-week term, ${await countEvents()} existing events, ${first.slots} slots returned`,
    );
    console.log(`availability p50: ${fmt(pct(first.avail, 50))}`);
    console.log(`availability p99: ${fmt(pct(first.avail, 99))}`);
    console.log(`targets: availability p50 < 50 ms, booking p99 < 25 ms`);

    if (STAGES.length > 1) {
      // The growth: book on to each size through the same path, then ask the same question again.
      const rows = [{ events: await countEvents(), ...first, booking: latencies }];
      let booked = BOOKINGS;
      for (const size of STAGES.slice(1)) {
        const { latencies: lat } = await book(booked, size);
        booked = size;
        rows.push({ events: await countEvents(), ...(await measureAvailability()), booking: lat });
      }
      console.log('availability as the events on the books grow (the queried pair holds 100 of them):');
      console.log('  events | availability p50 | p99      | slots | same answer | booking p50 | p99');
      for (const r of rows) {
        console.log(
          `  ${String(r.events).padStart(6)} | ${fmt(pct(r.avail, 50)).padStart(16)} | ${fmt(pct(r.avail, 99)).padStart(8)} | ${String(r.slots).padStart(5)} | ${String(r.answer === first.answer).padStart(11)} | ${fmt(pct(r.booking, 50)).padStart(11)} | ${fmt(pct(r.booking, 99))}`,
        );
      }
      // Fitted growth: p50 ∝ events^k (least squares on the logs), so one doubling multiplies it by 2^k.
      const xs = rows.map((r) => Math.log2(r.events));
      const ys = rows.map((r) => Math.log2(pct(r.avail, 50)));
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      const k =
        xs.reduce((a, x, i) => a + (x - mx) * (ys[i]! - my), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
      console.log(
        `availability p50 growth: ×${(2 ** k).toFixed(2)} per doubling of the events (p50 ∝ events^${k.toFixed(2)})`,
      );
      // Where the time of the one query that reads events goes, at the largest size: the api's own.
      const kysely = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }),
      });
      const plan = await sql<Record<string, string>>`explain (analyze, buffers) ${overlappingBookingsQuery(
        [mskGroups[0]!, krgGroups[0]!].map((id) => ({ type: 'group', id })),
        [{ start: new Date(q.get('from')!), end: new Date(q.get('to')!) }],
      )}`.execute(kysely);
      await kysely.destroy();
      console.log(`busy-time query at ${rows[rows.length - 1]!.events} events (EXPLAIN ANALYZE):`);
      for (const line of plan.rows) console.log(`  ${line['QUERY PLAN']}`);
    }
    await db.end();
    const wanted = STAGES.length > 1 ? MAX_EVENTS : BOOKINGS;
    if (created() !== wanted) {
      console.error(`expected ${wanted} bookings to succeed, got ${created()}`);
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    redis.kill('SIGTERM');
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
