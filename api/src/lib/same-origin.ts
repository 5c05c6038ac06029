import type { TEnv } from '@telemost/server/config/env';
import type { RequestHandler } from 'express';
import { AppError } from './app-error.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type TOriginHeaders = {
  origin?: string | string[] | undefined;
  'sec-fetch-site'?: string | string[] | undefined;
  host?: string | undefined;
};

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * Why a request must be refused as cross-site, or null when it may go on.
 *
 * A browser names the page that sent a request in `Origin` (on every cross-origin request and on
 * every same-origin POST/PUT/PATCH/DELETE and WebSocket) and, in current browsers, in
 * `Sec-Fetch-Site`. So: an `Origin` must be the app's own, PUBLIC_URL's origin (in development
 * also the request's own host, e.g. the Vite dev server that proxies to us); `Origin: null`
 * (sandboxed frames, cross-site redirects) is refused; without `Origin`, a `Sec-Fetch-Site` other
 * than `same-origin`/`none` is refused. A request with neither header cannot come from a browser
 * page (curl, scripts, server-to-server) and carries no ambient victim cookie worth guarding.
 */
export function crossSiteRefusal(
  env: Pick<TEnv, 'NODE_ENV' | 'PUBLIC_URL'>,
  headers: TOriginHeaders,
): string | null {
  const origin = one(headers.origin);
  if (origin !== undefined) {
    if (env.PUBLIC_URL && origin === new URL(env.PUBLIC_URL).origin) return null;
    if (env.NODE_ENV !== 'production' && headers.host && origin !== 'null') {
      try {
        if (new URL(origin).host === headers.host) return null;
      } catch {
        // not a URL: refused below
      }
    }
    return `requests from ${origin} are not accepted`;
  }
  const site = one(headers['sec-fetch-site']);
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `${site} requests are not accepted`;
  }
  return null;
}

/**
 * CSRF defence for every state-changing request (POST, PUT, PATCH, DELETE), beside SameSite=Lax
 * cookies: a request sent by another site's page is refused with 403 before any route runs.
 * Mounted after the LiveKit webhook, which is signed and comes from a server.
 */
export function sameOriginGuard(env: () => Pick<TEnv, 'NODE_ENV' | 'PUBLIC_URL'>): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE.has(req.method)) return next();
    const refusal = crossSiteRefusal(env(), req.headers);
    if (refusal) {
      return next(new AppError('cross_site_refused', `Cross-site request refused: ${refusal}`));
    }
    next();
  };
}
