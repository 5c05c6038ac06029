export { createApp } from './app.ts';
export { loadEnv, type TEnv } from './config/env.ts';
export type { AppContext, TRealtime } from './context.ts';
export { type DatabaseHandle, type Db, migrateToLatest, openDatabase } from './db/database.ts';
export type { Database } from './db/schema.ts';
export { AppError } from './lib/app-error.ts';
export { writeAudit, writeOutbox } from './lib/audit.ts';
export { createLogger, type Logger } from './lib/logger.ts';
export { openAndMigrate, startServer } from './server.ts';
