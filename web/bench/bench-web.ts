/**
 * npm run bench:web — builds the web client and prints what the calendar page downloads before it
 * can show anything: the entry chunk, the calendar route's chunk (the router loads it on first
 * visit to /calendar) and every chunk they import statically, gzip-compressed. The video bridge
 * (livekit-client) is a dynamic import and is not counted; the script checks that it stays out.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const WEB = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CALENDAR_ROUTE = 'src/features/calendar/components/calendar-page.tsx';
const VIDEO_ROUTE = 'src/features/telebridge/components/telebridge-page.tsx';
const TARGET_KB = 200;

type TManifestChunk = {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
};

/** Chunks loaded with `roots`: the roots and their static imports, transitively. */
export function staticClosure(manifest: Record<string, TManifestChunk>, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no chunk ${key}`);
    seen.add(key);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  for (const r of roots) visit(r);
  return [...seen];
}

async function main() {
  await build({ root: WEB, logLevel: 'warn', build: { manifest: true } });
  const dist = path.join(WEB, 'dist');
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    TManifestChunk
  >;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry);
  if (!entry) throw new Error('no entry chunk in the manifest');
  if (!manifest[CALENDAR_ROUTE]) throw new Error(`${CALENDAR_ROUTE} is not a chunk of its own`);
  const chunks = staticClosure(manifest, [entry, CALENDAR_ROUTE]);
  if (chunks.includes(VIDEO_ROUTE)) throw new Error('the video route is loaded by the calendar page');

  let total = 0;
  const rows: string[] = [];
  for (const key of chunks) {
    const file = manifest[key]!.file;
    if (!file.endsWith('.js')) continue;
    const gz = gzipSync(readFileSync(path.join(dist, file))).length;
    total += gz;
    rows.push(`  ${(gz / 1024).toFixed(1).padStart(7)} KB  ${file}`);
  }
  const video = staticClosure(manifest, [VIDEO_ROUTE]).filter((k) => !chunks.includes(k));
  const videoGz = video.reduce(
    (s, k) => s + gzipSync(readFileSync(path.join(dist, manifest[k]!.file))).length,
    0,
  );

  console.log('calendar page, initial JS chunks (gzip):');
  console.log(rows.join('\n'));
  console.log(`video route, loaded only on demand (gzip): ${(videoGz / 1024).toFixed(1)} KB`);
  console.log(`initial JS (gzip): ${(total / 1024).toFixed(1)} KB`);
  console.log(`target: < ${TARGET_KB} KB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
