import type { DatabaseHandle } from '@telemost/server/db/database';
import { seedDemoData } from '@telemost/server/seed/seed';
import { openTestDatabase, type TestDriver } from '../../../api/test/support/test-db.ts';

export type SeededDatabase = DatabaseHandle & { url: string | null };

/** A fresh, migrated database of the given driver with the demo colleges and people. */
export async function openSeededDatabase(driver: TestDriver = 'postgres'): Promise<SeededDatabase> {
  const database = await openTestDatabase(driver);
  await seedDemoData(database.db);
  return database;
}
