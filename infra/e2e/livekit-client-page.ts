import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Serves one bare HTML page on a free loopback port, with livekit-client's UMD build at
 * `/livekit-client.umd.js` (the page loads it with a plain <script>, so `LivekitClient` is global).
 * Every other path answers with the page. The pages the benches and browser tests compare the
 * lesson page with are built on it (`baseline-page.ts`, `bench/support/bare-classroom-page.ts`).
 */
export async function serveLiveKitClientPage(
  page: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  // The package's main entry sits in dist/, next to the UMD build the page loads.
  const lib = readFileSync(
    path.join(path.dirname(require.resolve('livekit-client')), 'livekit-client.umd.js'),
  );
  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/livekit-client.umd.js')) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(lib);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
