import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * Serves the web build's text assets (JS, CSS, SVG) gzip-compressed to browsers that accept it,
 * compressed once per file and kept in memory (the build does not change while the process runs).
 * Over a slow regional link the calendar's ~630 KB of JavaScript is ~200 KB this way. Anything
 * else falls through to `express.static`.
 */
export function staticGzip(root: string, options: { maxAge: number }) {
  const cache = new Map<string, { body: Buffer; mtime: number; type: string }>();
  const resolvedRoot = path.resolve(root);
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return next();
    const type = TYPES[path.extname(req.path)];
    if (!type) return next();
    let file: string;
    try {
      file = path.resolve(resolvedRoot, `.${decodeURIComponent(req.path)}`);
    } catch {
      return next();
    }
    if (!file.startsWith(`${resolvedRoot}${path.sep}`) || !existsSync(file)) return next();
    const stat = statSync(file);
    if (!stat.isFile()) return next();
    let hit = cache.get(file);
    if (!hit || hit.mtime !== stat.mtimeMs) {
      hit = { body: gzipSync(readFileSync(file), { level: 9 }), mtime: stat.mtimeMs, type };
      cache.set(file, hit);
    }
    res.setHeader('Content-Type', hit.type);
    res.setHeader('Content-Encoding', 'gzip');
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Content-Length', String(hit.body.length));
    res.setHeader('Cache-Control', `public, max-age=${Math.floor(options.maxAge / 1000)}`);
    res.setHeader('Last-Modified', stat.mtime.toUTCString());
    res.status(200);
    if (req.method === 'HEAD') return res.end();
    res.end(hit.body);
  };
}
