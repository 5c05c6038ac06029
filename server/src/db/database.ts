import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { CamelCasePlugin, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-events.ts';
import * as m0004 from './migrations/0004-lesson-end.ts';
import * as m0005 from './migrations/0005-reschedule-preapproval.ts';
import * as m0006 from './migrations/0006-job-identity.ts';
import * as m0007 from './migrations/0007-retention.ts';
import * as m0010 from './migrations/0010-idempotency.ts';
import * as m0020 from './migrations/0020-telegram.ts';
import * as m0040 from './migrations/0040-invitations.ts';
import * as m0041 from './migrations/0041-certificates.ts';
import * as m0042 from './migrations/0042-olympiads.ts';
import * as m0050 from './migrations/0050-classroom.ts';
import * as m0051 from './migrations/0051-second-camera-whiteboards.ts';
import * as m0060 from './migrations/0060-conference.ts';
import * as m0070 from './migrations/0070-internships.ts';
import * as m0071 from './migrations/0071-jury-invitations.ts';
import * as m0072 from './migrations/0072-session-room-attendance.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

/** The migrations, in order. Add new ones here; never edit one that has shipped. */
export const migrations = {
  '0001-foundation': m0001,
  '0002-events': m0002,
  '0004-lesson-end': m0004,
  '0005-reschedule-preapproval': m0005,
  '0006-job-identity': m0006,
  '0007-retention': m0007,
  '0010-idempotency': m0010,
  '0020-telegram': m0020,
  '0040-invitations': m0040,
  '0041-certificates': m0041,
  '0042-olympiads': m0042,
  '0050-classroom': m0050,
  '0051-second-camera-whiteboards': m0051,
  '0060-conference': m0060,
  '0070-internships': m0070,
  '0071-jury-invitations': m0071,
  '0072-session-room-attendance': m0072,
};

// Postgres returns bigint (int8) as a string by default; counts and ids we expose fit in a double.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` columns stay plain 'yyyy-MM-dd' strings: a Date would drag the server's zone into it.
pg.types.setTypeParser(1082, (v) => v);

export type DatabaseOptions =
  | { kind: 'postgres'; url: string; max?: number }
  | { kind: 'pglite'; dataDir: string | null /* null = in memory */ };

export type DatabaseHandle = {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** For LISTEN/NOTIFY and raw access where Kysely has no API. */
  pool: pg.Pool | null;
  pglite: PGlite | null;
  close: () => Promise<void>;
};

/**
 * Marks a hot statement for a server-side prepared statement: put it first in the SQL text. On
 * PostgreSQL each pooled connection parses and plans it once, then only binds and executes (for a
 * booking that saves about half a millisecond of planning); on PGlite it is just a comment. Use it
 * only for a statement whose text does not vary with its input (values go in parameters).
 */
export const PREPARED = '/* prepared */';

function preparePinnedStatements(client: pg.PoolClient) {
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !text.startsWith(PREPARED) || args.length > 2) return query(...args);
    let name = names.get(text);
    if (!name) {
      name = `telemost_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
      names.set(text, name);
    }
    return query({ name, text, values });
  }) as typeof client.query;
}

/** Opens the database: node-postgres for a DATABASE_URL, otherwise embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const plugins = [new CamelCasePlugin()];
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10 });
    pool.on('error', () => {
      // An idle client died (e.g. Postgres restarted); the pool replaces it on next use.
    });
    pool.on('connect', (client) => {
      // A checked-out client whose connection drops (Postgres restarted, backend terminated)
      // emits 'error' with nobody listening, which would crash the process. The running query
      // fails on its own, and the pool discards the broken client when it is released.
      client.on('error', () => {});
      preparePinnedStatements(client);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, kind: 'postgres', pool, pglite: null, close: () => db.destroy() };
  }
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = path.resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  // Keep both drivers identical: int8 as number, date as a plain 'yyyy-MM-dd' string.
  const pglite = await PGlite.create({
    dataDir,
    extensions: { btree_gist },
    parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
  });
  await pglite.query(`SET TIME ZONE 'UTC'`);
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), plugins });
  return {
    db,
    kind: 'pglite',
    pool: null,
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Brings the schema up to date. Kysely's Postgres and PGlite adapters take a transaction-level
 * advisory lock around the run, so two instances starting together never migrate at once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
