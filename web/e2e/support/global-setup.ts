import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** Builds the web client once; every api started by a test serves this build. */
export default async function setup() {
  const web = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  process.env.NODE_ENV = 'production';
  await build({ root: web, mode: 'production', logLevel: 'warn' });
}
