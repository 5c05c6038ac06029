import { createLogger } from '@telemost/server/lib/logger';
import { DEMO_INSTITUTIONS } from '@telemost/server/seed/demo-data';
import { describe, expect, it } from 'vitest';
import { startServer } from '../src/server.ts';
import { testEnv } from './support/test-app.ts';
import { createPostgresDatabase } from './support/test-db.ts';

describe('start-up', () => {
  it('when three instances start together on an empty PostgreSQL with ADMIN_EMAIL and the demo seed, then all start and each row exists once', async () => {
    const created = await createPostgresDatabase();
    const env = testEnv({
      DATABASE_URL: created.url,
      SEED_DEMO: true,
      ADMIN_EMAIL: 'first.admin@telemost.example',
      ADMIN_PASSWORD: 'a-long-enough-password',
    });
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => startServer({ env, logger: createLogger('silent') })),
    );
    const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    try {
      expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
      const db = started[0]!.ctx.db;
      const admins = await db.selectFrom('users').select('email').where('role', '=', 'admin').execute();
      expect(admins).toEqual([{ email: 'first.admin@telemost.example' }]);
      const institutions = await db.selectFrom('institutions').select('code').execute();
      expect(institutions).toHaveLength(DEMO_INSTITUTIONS.length);
    } finally {
      for (const s of started) await s.close();
      await created.drop();
    }
  });
});
