import { migrateToLatest, migrations, openDatabase } from '@telemost/server/db/database';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createPostgresDatabase } from './support/test-db.ts';

describe('migrations', () => {
  it('when migrations run twice on PGlite, then the second run applies nothing', async () => {
    const handle = await openDatabase({ kind: 'pglite', dataDir: null });
    try {
      expect(await migrateToLatest(handle.db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(handle.db)).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it('when two instances migrate the same Postgres at once, then each migration is applied exactly once', async () => {
    const created = await createPostgresDatabase();
    const a = await openDatabase({ kind: 'postgres', url: created.url });
    const b = await openDatabase({ kind: 'postgres', url: created.url });
    try {
      const [ra, rb] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
      expect([...ra, ...rb].sort()).toEqual(Object.keys(migrations).sort());
      expect(await migrateToLatest(a.db)).toEqual([]);
      const ext = await sql<{
        extname: string;
      }>`select extname from pg_extension where extname = 'btree_gist'`.execute(a.db);
      expect(ext.rows).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
      await created.drop();
    }
  });

  it('when the data directory is reopened, then PGlite keeps the data', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'telemost-pglite-'));
    try {
      const first = await openDatabase({ kind: 'pglite', dataDir: dir });
      await migrateToLatest(first.db);
      await first.db
        .insertInto('auditLog')
        .values({ actorId: null, action: 'probe', entity: 'test', entityId: null, data: '{}' })
        .execute();
      await first.close();
      const second = await openDatabase({ kind: 'pglite', dataDir: dir });
      expect(await migrateToLatest(second.db)).toEqual([]);
      const rows = await second.db.selectFrom('auditLog').select('action').execute();
      expect(rows).toEqual([{ action: 'probe' }]);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
