/**
 * `npm run bench:load`: open-loop load of the real mix against one api, then two behind HAProxy,
 * in one run, on the multi-process topology of `npm run test:scale` (fresh PostgreSQL database, own
 * Redis, loopback only).
 *
 * The requests are sent by vegeta (github.com/tsenart/vegeta v12, MIT: `npm run loadgen:install`
 * builds it with Go into `.tools/bin/vegeta`; this bench runs that script itself when the binary
 * is missing). Vegeta is open-loop: its pacer sends each request when it is due at the fixed rate
 * whether or not earlier ones came back (it starts another worker rather than wait for a free
 * one), so a stalled server shows up in the latencies instead of slowing the load down
 * (closed-loop tools such as autocannon hide that). What the mix needs is set up here through the
 * product: session cookies (a coordinator, a teacher), a lesson whose join window is open, a
 * calendar feed token. Each step is one `vegeta attack -format=json` over a target list written
 * for it: the kinds interleaved in their shares, every request with its cookie, Origin, JSON body
 * and, for bookings, a slot of its own and an Idempotency-Key (vegeta sends the targets
 * round-robin, and the list holds more than the step sends, so no booking is repeated and none is
 * refused as a clash). `vegeta report -type=json` gives the step's requests, duration and wait
 * (was the rate really sent and served); `vegeta encode --to json` gives each result, split by
 * kind on its method and URL, and p50/p99 per kind are exact (nearest rank) from those latencies
 * (the report's quantiles are t-digest estimates). A latency counts from when vegeta sent it.
 *
 * Prints p50/p99 per request kind at each rate, the highest rate at which booking p99 stays under
 * 25 ms (and nothing fails, and the rate is really served), `scale-out ratio: R`, and `booking cost
 * ratio: R`: Telemost's CPU per booking (api process + its PostgreSQL backends, from /proc) over a
 * floor that writes the same rows with the same constraints in one bare node-postgres transaction.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Client, startTopology, type TTopology } from '../scale/topology.ts';
import { processCpuMs } from './support/proc-cpu.ts';
import { p50p99 } from './support/stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VEGETA = process.env.VEGETA_BIN ?? path.join(ROOT, '.tools/bin/vegeta');
const RATES = (process.env.BENCH_LOAD_RATES ?? '25,50,100,150,200,300').split(',').map(Number);
const STEP_SECONDS = Number(process.env.BENCH_LOAD_STEP_SECONDS ?? 6);
const BOOKING_P99_TARGET_MS = 25;
const MIX = [
  ['availability', 15],
  ['booking', 10],
  ['event list', 30],
  ['calendar feed', 15],
  ['join', 10],
  ['notifications', 20],
] as const;
type Kind = (typeof MIX)[number][0];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU ms of a process, 0 once it has gone (a PostgreSQL backend may end between two looks). */
function cpuMs(pid: number): number {
  try {
    return processCpuMs(pid);
  } catch {
    return 0;
  }
}

async function backendsCpu(sql: pg.Pool, db: string): Promise<number> {
  const { rows } = await sql.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [db],
  );
  return rows.reduce((s, r) => s + cpuMs(r.pid), 0);
}

/** The vegeta binary: `infra/install-vegeta.sh` (`npm run loadgen:install`) builds it when missing. */
function ensureVegeta() {
  if (existsSync(VEGETA)) return;
  if (process.env.VEGETA_BIN) throw new Error(`VEGETA_BIN=${VEGETA}: no such file`);
  const run = spawnSync('bash', [path.join(ROOT, 'infra/install-vegeta.sh')], {
    stdio: ['ignore', process.stderr, process.stderr],
  });
  if (run.status !== 0 || !existsSync(VEGETA))
    throw new Error(`bench:load needs vegeta at ${VEGETA}: \`npm run loadgen:install\` failed (see above)`);
}

/** Runs vegeta with these arguments; resolves with its standard output. */
function vegeta(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(VEGETA, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      err = (err + String(d)).slice(-4000);
    });
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0
        ? resolve(Buffer.concat(out).toString('utf8'))
        : reject(new Error(`vegeta ${args[0]} exited ${code}: ${err}`)),
    );
  });
}

type Setup = {
  partnershipId: string;
  groups: string[];
  demoLessonId: string;
  feedPath: string;
  /** Where the bench books: a Monday (00:00 UTC) more than a year ahead. */
  from: Date;
  /** The event lists' week: from today (00:00 UTC), the demo data's lessons. */
  today: Date;
};

const DAY_MS = 86_400_000;
const iso = (d: Date, days = 0) => new Date(d.getTime() + days * DAY_MS).toISOString();

let slot = 0;
/** A booking in a slot no other booking of the run has: 30 minutes every 45 from `from`. */
function bookingBody(s: Setup) {
  const i = slot++;
  const start = new Date(s.from.getTime() + i * 45 * 60_000).toISOString();
  return {
    partnershipId: s.partnershipId,
    kind: 'joint_lesson',
    title: `load ${i}`,
    start,
    durationMinutes: 30,
    groupIds: s.groups,
    overrideCalendar: true,
  };
}

/**
 * Sign-ins, the groups, the demo lesson whose join window is open, a calendar feed token, and the
 * weeks to book in. The bookings go beyond the calendar feed's year (now + 365 days), the event
 * lists' week (this one) and, for the first 2,000 or so, the availability searches' fortnight
 * (9–11 weeks after `from`), so what the reads answer is the same for both sweeps. They must be
 * within the partnership's agreement: its last day is extended (in this run's own database) when
 * it ends within two years of `from`, so the bench books the same way whatever today's date.
 */
async function prepare(t: TTopology) {
  const coordinator = await Client.signIn(t.lbUrl, 'coordinator.msk-26@telemost.example');
  const teacher = await Client.signIn(t.lbUrl, 'teacher2.msk-26@telemost.example');
  const { rows: g } = await t.sql.query(
    `SELECT DISTINCT ON (institution_id) id FROM groups WHERE id NOT IN (SELECT resource_id FROM event_resources WHERE resource_type = 'group') AND institution_id IN (SELECT id FROM institutions WHERE code IN ('msk-26','krg-construction')) ORDER BY institution_id, name`,
  );
  const { rows: p } = await t.sql.query(`SELECT id FROM partnerships LIMIT 1`);
  const { rows: e } = await t.sql.query(
    `SELECT id FROM events WHERE title = 'Телемост: основы BIM-моделирования'`,
  );
  const from = new Date(Date.now() + 400 * DAY_MS);
  from.setUTCHours(0, 0, 0, 0);
  from.setUTCDate(from.getUTCDate() + ((8 - from.getUTCDay()) % 7));
  await t.sql.query(
    `UPDATE partnerships SET valid_to = $2::date WHERE id = $1 AND valid_to IS NOT NULL AND valid_to < $2::date`,
    [p[0].id, iso(from, 730).slice(0, 10)],
  );
  const feed = await coordinator.request('POST', '/api/me/calendar-token', undefined);
  const setup: Setup = {
    partnershipId: p[0].id,
    groups: g.map((r) => r.id),
    demoLessonId: e[0].id,
    feedPath: new URL(feed.json.url).pathname,
    from,
    today: new Date(new Date().setUTCHours(0, 0, 0, 0)),
  };
  return { coordinator, teacher, setup };
}
type Prepared = Awaited<ReturnType<typeof prepare>>;

/** A vegeta JSON target (`-format=json`): the body base64-encoded, each header a list. */
type Target = { method: string; url: string; header: Record<string, string[]>; body?: string };

/**
 * `n` targets against `base`, the kinds interleaved in their shares (the i-th is kind
 * (i·7919 mod 100) of the mix), every booking with a slot and an Idempotency-Key of its own.
 * Also returns the kind of each "METHOD url", to split the results by.
 */
function targets(base: string, n: number, c: Prepared) {
  const s = c.setup;
  const weights = MIX.reduce((sum, [, w]) => sum + w, 0);
  const kindOf = new Map<string, Kind>();
  const lines: string[] = [];
  const target = (kind: Kind, who: Client, method: string, p: string, body?: unknown, extra = {}) => {
    const url = base + p;
    kindOf.set(`${method} ${url}`, kind);
    const t: Target = {
      method,
      url,
      header: {
        Origin: [who.base],
        Cookie: [who.cookie],
        ...(body === undefined ? {} : { 'Content-Type': ['application/json'] }),
        ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, [String(v)]])),
      },
      ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)).toString('base64') }),
    };
    lines.push(JSON.stringify(t));
  };
  for (let i = 0; i < n; i++) {
    let r = (i * 7919) % weights;
    let kind: Kind = MIX[0][0];
    for (const [k, w] of MIX) {
      if (r < w) {
        kind = k;
        break;
      }
      r -= w;
    }
    if (kind === 'availability')
      target(
        kind,
        c.coordinator,
        'GET',
        `/api/availability?partnershipId=${s.partnershipId}&groupIds=${s.groups.join(',')}&durationMinutes=90&from=${iso(s.from, 63)}&to=${iso(s.from, 77)}&limit=8`,
      );
    else if (kind === 'booking')
      target(kind, c.coordinator, 'POST', '/api/events', bookingBody(s), {
        'Idempotency-Key': randomUUID(),
      });
    else if (kind === 'event list')
      target(kind, c.coordinator, 'GET', `/api/events?from=${iso(s.today)}&to=${iso(s.today, 7)}`);
    else if (kind === 'calendar feed') target(kind, c.coordinator, 'GET', s.feedPath);
    else if (kind === 'join') target(kind, c.teacher, 'POST', `/api/events/${s.demoLessonId}/join`, {});
    else target(kind, c.coordinator, 'GET', '/api/notifications');
  }
  return { lines: `${lines.join('\n')}\n`, kindOf };
}

/** `vegeta report -type=json` (durations in ns). */
type VegetaReport = {
  requests: number;
  duration: number;
  wait: number;
  status_codes: Record<string, number>;
};
/** One line of `vegeta encode --to json` (latency in ns). */
type VegetaResult = { code: number; latency: number; method: string; url: string; error: string };

let stepNo = 0;
/** One fixed-rate step: one vegeta attack over the mix at `rate` req/s for `seconds`. */
async function step(dir: string, base: string, rate: number, seconds: number, c: Prepared) {
  const n = ++stepNo;
  const total = Math.round(rate * seconds);
  // More targets than the attack sends (it may send one more than rate × duration): none repeats.
  const { lines, kindOf } = targets(base, total + Math.ceil(rate) + 10, c);
  const targetsFile = path.join(dir, `targets-${n}.json`);
  const resultsFile = path.join(dir, `results-${n}.bin`);
  writeFileSync(targetsFile, lines);
  await vegeta([
    'attack',
    '-format=json',
    `-targets=${targetsFile}`,
    `-rate=${Number.isInteger(rate) ? `${rate}/1s` : `${Math.round(rate * 1000)}/1000s`}`,
    `-duration=${seconds}s`,
    '-timeout=20s',
    '-max-body=0',
    `-output=${resultsFile}`,
  ]);
  const report = JSON.parse(await vegeta(['report', '-type=json', resultsFile])) as VegetaReport;
  const results = (await vegeta(['encode', '--to', 'json', resultsFile]))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as VegetaResult);
  const stray = results.find((x) => !kindOf.has(`${x.method} ${x.url}`));
  if (stray) throw new Error(`vegeta result for a request not in the mix: ${stray.method} ${stray.url}`);
  const byKind = new Map<Kind, { p50: number; p99: number; n: number; failed: number }>();
  const failedCodes = new Map<string, number>();
  for (const [k] of MIX) {
    const xs = results.filter((x) => kindOf.get(`${x.method} ${x.url}`) === k);
    const failed = xs.filter((x) => !(x.code >= 200 && x.code < 400));
    for (const f of failed) {
      const why = f.code ? String(f.code) : f.error || 'no answer';
      failedCodes.set(`${k} ${why}`, (failedCodes.get(`${k} ${why}`) ?? 0) + 1);
    }
    byKind.set(k, { ...p50p99(xs.map((x) => x.latency / 1e6)), n: xs.length, failed: failed.length });
  }
  const failed = [...byKind.values()].reduce((s, v) => s + v.failed, 0);
  const elapsed = (report.duration + report.wait) / 1e9;
  // Served: the whole rate sent, every request answered within the step plus a second, none
  // failed, booking p99 on target.
  const sustained =
    failed === 0 &&
    report.requests >= total &&
    elapsed < seconds + 1 &&
    byKind.get('booking')!.p99 < BOOKING_P99_TARGET_MS;
  return { rate, byKind, failed, failedCodes, elapsed, sent: report.requests, total, sustained };
}

async function sweep(label: string, dir: string, base: string, c: Prepared) {
  await step(dir, base, RATES[0]!, 4, c); // warm-up (JIT, pools, prepared statements): not counted
  let best = 0;
  let misses = 0;
  for (const rate of RATES) {
    const r = await step(dir, base, rate, STEP_SECONDS, c);
    const cells = [...r.byKind].map(([k, v]) => `${k} ${v.p50.toFixed(1)}/${v.p99.toFixed(1)}`).join(', ');
    const why = [
      ...[...r.failedCodes].map(([k, v]) => `${k} ×${v}`),
      ...(r.sent < r.total ? [`sent ${r.sent} of ${r.total}`] : []),
    ];
    console.log(
      `${label} @ ${rate} req/s: p50/p99 ms: ${cells}; failed ${r.failed}${r.sustained ? '' : ' (not sustained)'}${why.length ? ` [${why.join(', ')}]` : ''}`,
    );
    if (r.sustained) best = rate;
    // Two steps in a row off target, or one that could not even be served: stop climbing.
    if (!r.sustained && (++misses >= 2 || r.failed > 0 || r.elapsed > STEP_SECONDS + 1)) break;
    if (r.sustained) misses = 0;
    await sleep(500);
  }
  console.log(`${label}: highest rate with booking p99 < ${BOOKING_P99_TARGET_MS} ms: ${best} req/s`);
  return best;
}

/** CPU per booking of Telemost (api process + its PostgreSQL backends), bookings one after another in 8 lanes. */
async function telemostBookingCpu(t: TTopology, c: Prepared, dbName: string, n: number) {
  const pid = t.apis[0]!.child.pid!;
  const base = t.apiUrl(0);
  const cpu0 = cpuMs(pid) + (await backendsCpu(t.sql, dbName));
  let left = n;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (left-- > 0) {
        const res = await c.coordinator.request('POST', '/api/events', bookingBody(c.setup), {}, base);
        if (res.status !== 201) throw new Error(`booking failed: ${res.status} ${res.text}`);
      }
    }),
  );
  const cpu1 = cpuMs(pid) + (await backendsCpu(t.sql, dbName));
  return (cpu1 - cpu0) / n;
}

/**
 * The floor: the same rows (event, both sides, group resources under the exclusion constraint, the
 * groups' students and the organiser as participants, outbox and audit rows) written by a bare
 * node-postgres transaction per booking, from this process. CPU = this process + its backends.
 */
async function floorBookingCpu(t: TTopology, s: Setup, n: number) {
  const pool = new pg.Pool({ connectionString: t.dbUrl, max: 8 });
  const { rows: who } = await pool.query(
    `SELECT u.id, u.institution_id FROM users u WHERE u.email = 'coordinator.msk-26@telemost.example'`,
  );
  const organizer = who[0];
  const { rows: sides } = await pool.query(`SELECT institution_id FROM groups WHERE id = ANY($1::uuid[])`, [
    s.groups,
  ]);
  pool.on('error', () => {});
  const clients = await Promise.all(Array.from({ length: 8 }, () => pool.connect()));
  for (const cl of clients) cl.on('error', () => {});
  const pids = await Promise.all(
    clients.map(async (cl) => (await cl.query('SELECT pg_backend_pid() AS p')).rows[0].p),
  );
  const cpuOf = () => cpuMs(process.pid) + pids.reduce((a, p) => a + cpuMs(p), 0);
  const cpu0 = cpuOf();
  let left = n;
  await Promise.all(
    clients.map(async (cl) => {
      while (left-- > 0) {
        const b = bookingBody(s);
        const id = randomUUID();
        const end = new Date(new Date(b.start).getTime() + b.durationMinutes * 60_000).toISOString();
        await cl.query('BEGIN');
        await cl.query(
          `INSERT INTO events (id, partnership_id, kind, title, status, start_at, end_at, organizer_id, organizer_institution_id, origin_zone, calendar_override, reminder_offsets, updated_at)
           VALUES ($1, $2, $3, $4, 'proposed', $5, $6, $7, $8, 'Europe/Moscow', true, '{1440,15}', now())`,
          [id, b.partnershipId, b.kind, b.title, b.start, end, organizer.id, organizer.institution_id],
        );
        await cl.query(
          `INSERT INTO event_institutions (event_id, institution_id, decision) SELECT $1::uuid, i, CASE WHEN i = $2::uuid THEN 'confirmed' ELSE 'pending' END FROM unnest($3::uuid[]) i`,
          [id, organizer.institution_id, sides.map((r) => r.institution_id)],
        );
        await cl.query(
          `INSERT INTO event_resources (event_id, resource_type, resource_id, during, active) SELECT $1::uuid, 'group', g, tstzrange($2::timestamptz, $3::timestamptz, '[)'), true FROM unnest($4::uuid[]) g`,
          [id, b.start, end, s.groups],
        );
        await cl.query(
          `INSERT INTO event_participants (event_id, user_id, institution_id, group_id, role)
           SELECT $1::uuid, gm.user_id, g.institution_id, gm.group_id, 'student' FROM group_members gm JOIN groups g ON g.id = gm.group_id WHERE gm.group_id = ANY($2::uuid[])
           UNION ALL SELECT $1::uuid, $3::uuid, $4::uuid, NULL, 'organizer'`,
          [id, s.groups, organizer.id, organizer.institution_id],
        );
        await cl.query(
          `INSERT INTO outbox (topic, aggregate_id, payload) VALUES ('event.proposed', $1::text, jsonb_build_object('eventId', $1::text, 'version', 1))`,
          [id],
        );
        await cl.query(
          `INSERT INTO audit_log (actor_id, action, entity, entity_id, data) VALUES ($1, 'event.proposed', 'event', $2, '{}'::jsonb)`,
          [organizer.id, id],
        );
        await cl.query('COMMIT');
      }
    }),
  );
  const cpu1 = cpuOf();
  for (const cl of clients) cl.release();
  await pool.end();
  return (cpu1 - cpu0) / n;
}

async function main() {
  const started = Date.now();
  const limit = setTimeout(() => {
    console.error('bench:load gave up after 280 s');
    process.exit(1);
  }, 280_000);
  ensureVegeta();
  const t = await startTopology({ apis: 2, workers: 0, livekitNodes: 0 });
  const dbName = new URL(t.dbUrl).pathname.slice(1);
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-load-'));
  try {
    const c = await prepare(t);
    const one = await sweep('one api', dir, t.apiUrl(0), c);
    const two = await sweep('two apis behind HAProxy', dir, t.lbUrl, c);
    console.log(`scale-out ratio: ${one ? (two / one).toFixed(2) : 'n/a (one api sustained no rate)'}`);
    const N = 300;
    const telemost = await telemostBookingCpu(t, c, dbName, N);
    const floor = await floorBookingCpu(t, c.setup, N);
    console.log(
      `booking CPU: Telemost ${telemost.toFixed(2)} ms (api + its PostgreSQL backends), floor ${floor.toFixed(2)} ms (bare node-postgres transaction + its backends)`,
    );
    console.log(`booking cost ratio: ${(telemost / floor).toFixed(2)}`);
    console.log(
      `(two CPU cores host every process here: the load generator (vegeta), HAProxy, both apis, Redis and PostgreSQL; ${Math.round((Date.now() - started) / 1000)} s)`,
    );
  } catch (err) {
    console.error(err);
    process.exitCode = 1;
  } finally {
    clearTimeout(limit);
    rmSync(dir, { recursive: true, force: true });
    await t.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
