import type { TEnv } from '@telemost/server/config/env';
import type { DatabaseHandle, Db } from '@telemost/server/db/database';
import type { Logger } from '@telemost/server/lib/logger';
import type { TRealtime } from '@telemost/server/realtime/realtime';
import type { Redis } from 'ioredis';
import type { TLiveKitMonitor } from './features/livekit/livekit-health.ts';
import type { TTelegramBot } from './features/telegram/telegram-port.ts';
import type { Metrics } from './lib/metrics.ts';

/** What every route and use case may reach: built once at start, passed down explicitly. */
export type AppContext = {
  env: TEnv;
  db: Db;
  database: DatabaseHandle;
  redis: Redis;
  logger: Logger;
  metrics: Metrics;
  realtime: TRealtime | null;
  /** The LiveKit key-pair check, when started (`startServer` does). */
  liveKit?: Pick<TLiveKitMonitor, 'state' | 'check'>;
  /** Set on SIGTERM: `/readyz` answers 503 so the load balancer stops sending, then the server closes. */
  draining?: boolean;
  /** The Telegram bot, when TELEGRAM_BOT_TOKEN is set (`startServer` builds it). */
  telegram?: TTelegramBot | null;
  /** Wall clock, injectable so tests can pin "now". */
  now: () => Date;
};
