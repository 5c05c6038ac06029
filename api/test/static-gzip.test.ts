import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticGzip } from '../src/lib/static-gzip.ts';

describe('staticGzip', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'telemost-gzip-'));
  const js = `export const x = ${JSON.stringify('a'.repeat(5000))};`;
  let url = '';
  let close: () => void = () => {};

  beforeAll(async () => {
    mkdirSync(path.join(root, 'assets'));
    writeFileSync(path.join(root, 'assets/app.js'), js);
    writeFileSync(path.join(root, 'assets/pic.png'), 'png');
    const app = express();
    app.use(staticGzip(root, { maxAge: 3_600_000 }));
    app.use(express.static(root));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const get = (p: string, encoding?: string) =>
    new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        // node:http, not fetch: fetch would decompress and hide the encoding.
        import('node:http').then(({ get }) =>
          get(`${url}${p}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          }).on('error', reject),
        );
      },
    );

  it('when a browser accepts gzip, then a script comes compressed and decompresses to the file', async () => {
    const res = await get('/assets/app.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.body.length).toBeLessThan(js.length / 10);
    expect(gunzipSync(res.body).toString()).toBe(js);
  });

  it('when gzip is not accepted, or the file is not text, or the path escapes the root, then express.static answers', async () => {
    expect((await get('/assets/app.js')).headers['content-encoding']).toBeUndefined();
    expect((await get('/assets/pic.png', 'gzip')).headers['content-encoding']).toBeUndefined();
    expect((await get('/assets/%2e%2e/%2e%2e/etc/passwd.js', 'gzip')).status).toBe(404);
    expect((await get('/assets/missing.js', 'gzip')).status).toBe(404);
  });
});
