import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds the web client once; every api started by a test serves this build. It is a test build:
 * VITE_TELEMOST_E2E lets the tests reach the LiveKit Room (see room-view.tsx); `npm run build`
 * leaves it out.
 */
export default async function setup() {
  const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  process.env.VITE_TELEMOST_E2E = '1';
  await build({ root: web, mode: 'production', logLevel: 'warn' });
}
