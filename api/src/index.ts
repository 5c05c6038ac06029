export { createApp } from './app.ts';
export type { AppContext } from './context.ts';
export { AppError } from './lib/app-error.ts';
export { openAndMigrate, startServer } from './server.ts';
