import type { Redis } from 'ioredis';
import type { TEnv } from './config/env.ts';
import type { DatabaseHandle, Db } from './db/database.ts';
import type { Logger } from './lib/logger.ts';
import type { Metrics } from './lib/metrics.ts';

/** Optional live push to browsers (socket.io); absent in unit-level tests. */
export type TRealtime = {
  toUser: (userId: string, event: string, payload: unknown) => void;
  toEvent: (eventId: string, event: string, payload: unknown) => void;
};

/** What every route and use case may reach: built once at start, passed down explicitly. */
export type AppContext = {
  env: TEnv;
  db: Db;
  database: DatabaseHandle;
  redis: Redis;
  logger: Logger;
  metrics: Metrics;
  realtime: TRealtime | null;
  /** Wall clock, injectable so tests can pin "now". */
  now: () => Date;
};
