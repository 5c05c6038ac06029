/**
 * Writes the api's OpenAPI document to a file (default `artifacts/openapi.json`) without starting
 * anything: the route table is built around a context whose services are never reached.
 * `npm run lint:openapi` lints what it writes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildStandaloneApiDocument } from '../src/openapi.ts';

const out = path.resolve(process.argv[2] ?? 'artifacts/openapi.json');
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(buildStandaloneApiDocument(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), out)}`);
