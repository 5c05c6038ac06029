import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

/** Runs the wall check of `npm run lint:walls` (same config, same CLI) in a directory. */
function checkWalls(cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', '.'],
      { cwd, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

type TFiles = Record<string, string>;

const pkg = (name: string) =>
  JSON.stringify({ name, type: 'module', exports: { '.': './src/index.ts', './*': './src/*.ts' } });

/**
 * A small monorepo laid out like ours that keeps every wall: core uses zod and luxon; server uses
 * core; worker uses server and core (its test drives the api); api uses server, worker and core;
 * web features use core, web/src/lib and their own files; web/src/app composes the features.
 */
const CLEAN: TFiles = {
  'package.json': JSON.stringify({ name: 'walls-fixture', private: true, type: 'module' }),
  'core/package.json': pkg('@telemost/core'),
  'core/src/index.ts':
    "import { z } from 'zod';\nimport { DateTime } from 'luxon';\nimport { MOSCOW } from './time/zones.ts';\n" +
    'export const ZZoneSchema = z.string();\nexport const now = () => DateTime.now().setZone(MOSCOW);\n',
  'core/src/time/zones.ts': "export const MOSCOW = 'Europe/Moscow';\n",
  'core/src/time/zones.test.ts':
    "import { it } from 'vitest';\nimport { MOSCOW } from './zones.ts';\nit('ok', () => MOSCOW);\n",
  'server/package.json': pkg('@telemost/server'),
  'server/src/index.ts': "import { MOSCOW } from '@telemost/core/time/zones';\nexport const zone = MOSCOW;\n",
  'worker/package.json': pkg('@telemost/worker'),
  'worker/src/index.ts':
    "import { zone } from '@telemost/server';\nimport { now } from '@telemost/core';\nexport const start = () => [zone, now()];\n",
  'worker/test/relay.test.ts': "import { main } from '../../api/src/index.ts';\nexport const t = main;\n",
  'api/package.json': pkg('@telemost/api'),
  'api/src/index.ts':
    "import { zone } from '@telemost/server';\nimport { start } from '@telemost/worker';\nimport { now } from '@telemost/core';\n" +
    'export const main = () => [zone, start(), now()];\n',
  'web/package.json': JSON.stringify({ name: '@telemost/web', type: 'module' }),
  'web/src/lib/clocks.ts': "import { now } from '@telemost/core';\nexport const clocks = () => now();\n",
  'web/src/features/booking/api/booking-api.ts': 'export const book = () => 1;\n',
  'web/src/features/booking/components/booking-form.tsx':
    "import type { TZone } from '../types.ts';\nimport { clocks } from '../../../lib/clocks.ts';\nimport { book } from '../api/booking-api.ts';\n" +
    'export const BookingForm = (z: TZone) => [clocks(), book(), z];\n',
  'web/src/features/booking/types.ts': 'export type TZone = string;\n',
  'web/src/features/calendar/components/calendar-page.tsx': 'export const CalendarPage = () => 2;\n',
  'web/src/app/routes.tsx':
    "import { BookingForm } from '../features/booking/components/booking-form.tsx';\nimport { CalendarPage } from '../features/calendar/components/calendar-page.tsx';\n" +
    'export const routes = [BookingForm, CalendarPage];\n',
};

const fixtures: string[] = [];
afterAll(() => {
  for (const dir of fixtures) rmSync(dir, { recursive: true, force: true });
});

/** Writes the clean fixture plus `planted` into a fresh temp dir, with node_modules as npm links them. */
function fixture(planted: TFiles = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'telemost-walls-'));
  fixtures.push(dir);
  for (const [file, text] of Object.entries({ ...CLEAN, ...planted })) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  mkdirSync(path.join(dir, 'node_modules/@telemost'), { recursive: true });
  for (const name of ['core', 'server', 'worker', 'api', 'web']) {
    symlinkSync(path.join(dir, name), path.join(dir, 'node_modules/@telemost', name), 'dir');
  }
  for (const name of ['zod', 'luxon', 'kysely']) {
    symlinkSync(path.join(ROOT, 'node_modules', name), path.join(dir, 'node_modules', name), 'dir');
  }
  return dir;
}

/** Each wall with a file that breaks it; the check must fail, naming the rule and the file. */
const VIOLATIONS: { rule: string; why: string; file: string; planted: TFiles }[] = [
  {
    rule: 'core-is-pure',
    why: 'core imports a Node built-in',
    file: 'core/src/store.ts',
    planted: {
      'core/src/store.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
    },
  },
  {
    rule: 'core-is-pure',
    why: 'core imports a package other than zod and luxon',
    file: 'core/src/db.ts',
    planted: { 'core/src/db.ts': "import { Kysely } from 'kysely';\nexport const K = Kysely;\n" },
  },
  {
    rule: 'core-is-pure',
    why: 'core imports web',
    file: 'core/src/ui.ts',
    planted: {
      'core/src/ui.ts': "import { clocks } from '../../web/src/lib/clocks.ts';\nexport const c = clocks;\n",
    },
  },
  {
    rule: 'web-features-isolated',
    why: 'a web feature imports another feature',
    file: 'web/src/features/booking/components/booking-page.tsx',
    planted: {
      'web/src/features/booking/components/booking-page.tsx':
        "import { CalendarPage } from '../../calendar/components/calendar-page.tsx';\nexport const P = CalendarPage;\n",
    },
  },
  {
    rule: 'worker-not-api',
    why: 'the worker imports @telemost/api',
    file: 'worker/src/jobs.ts',
    planted: { 'worker/src/jobs.ts': "import { main } from '@telemost/api';\nexport const m = main;\n" },
  },
  {
    rule: 'worker-not-api',
    why: 'the worker imports a file of the api by a relative path (type-only)',
    file: 'worker/src/context.ts',
    planted: {
      'worker/src/context.ts':
        "import type { main } from '../../api/src/index.ts';\nexport type T = typeof main;\n",
    },
  },
  {
    rule: 'server-imports-core-only',
    why: 'server imports the api',
    file: 'server/src/outbox.ts',
    planted: { 'server/src/outbox.ts': "import { main } from '@telemost/api';\nexport const m = main;\n" },
  },
  {
    rule: 'server-imports-core-only',
    why: 'server imports the worker',
    file: 'server/src/relay.ts',
    planted: {
      'server/src/relay.ts': "import { start } from '@telemost/worker';\nexport const s = start;\n",
    },
  },
  {
    rule: 'server-imports-core-only',
    why: 'server imports web',
    file: 'server/src/page.ts',
    planted: {
      'server/src/page.ts':
        "import { clocks } from '../../web/src/lib/clocks.ts';\nexport const c = clocks;\n",
    },
  },
  {
    rule: 'web-imports-core-only',
    why: 'web imports the server package',
    file: 'web/src/lib/config.ts',
    planted: {
      'web/src/lib/config.ts': "import { zone } from '@telemost/server';\nexport const z = zone;\n",
    },
  },
  {
    rule: 'web-imports-core-only',
    why: 'web imports the api',
    file: 'web/src/lib/env.ts',
    planted: {
      'web/src/lib/env.ts': "import { main } from '../../../api/src/index.ts';\nexport const m = main;\n",
    },
  },
  {
    rule: 'no-cycles',
    why: 'two files import each other, type-only',
    file: 'worker/src/define-job.ts',
    planted: {
      'worker/src/define-job.ts':
        "import type { TContext } from './ctx.ts';\nexport type TJob = { run: (c: TContext) => void };\n",
      'worker/src/ctx.ts':
        "import type { TJob } from './define-job.ts';\nexport type TContext = { jobs: TJob[] };\n",
    },
  },
  {
    rule: 'no-cycles',
    why: 'a cycle across packages (api → worker → api)',
    file: 'worker/src/boot.ts',
    planted: {
      'worker/src/index.ts':
        "import { zone } from '@telemost/server';\nimport { now } from '@telemost/core';\nimport { boot } from './boot.ts';\nexport const start = () => [zone, now(), boot];\n",
      'worker/src/boot.ts': "import { main } from '@telemost/api';\nexport const boot = main;\n",
    },
  },
];

describe('architecture walls (npm run lint:walls)', () => {
  it('when every wall is kept, then the check passes', async () => {
    const { code, output } = await checkWalls(fixture());
    expect(output).not.toMatch(/error /);
    expect(code, output).toBe(0);
  });

  for (const v of VIOLATIONS) {
    it(`when ${v.why}, then the check fails naming ${v.rule}`, async () => {
      const { code, output } = await checkWalls(fixture(v.planted));
      expect(code, output).not.toBe(0);
      expect(output).toContain(`error ${v.rule}: `);
      expect(output).toContain(v.file);
    });
  }

  // On a branch made before the worker stopped importing the api this fails, listing those imports.
  it('when the real repository is checked, then no wall is broken', async () => {
    const { code, output } = await checkWalls(ROOT);
    expect(output).not.toMatch(/error /);
    expect(code, output).toBe(0);
  }, 60_000);
});
