import { type TProblemDocument, ZProblemSchema } from '@telemost/core/contracts/problem';
import type { z } from 'zod';
import { FIRST_READS_KEY, type TFirstRead } from './first-reads.ts';

/** One field at fault, as the api lists it in a problem document. */
export type TFieldError = { field: string; message: string; code?: string };

/**
 * An RFC 9457 problem document from the api, with its extra members (`conflicts`, `violations`…),
 * parsed with core's schema of it.
 */
export type TProblem = TProblemDocument & { status: number; code: string };

/**
 * A failed api call. `problem` is the api's problem+json body; network failures and answers that
 * are not problem documents get the code `network` or `unexpected_response`.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: TProblem;

  constructor(problem: TProblem) {
    super(problem.detail ?? problem.title ?? problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }

  /** Field errors, keyed by field path (`groupIds.0`, `recurrence.count`). */
  get fields(): TFieldError[] {
    return this.problem.errors ?? [];
  }
}

/** Builds an {@link ApiError} from whatever body came back. */
export function problemFrom(status: number, body: unknown): ApiError {
  const parsed = ZProblemSchema.safeParse(body);
  if (parsed.success && parsed.data.code) {
    return new ApiError({ ...parsed.data, status: parsed.data.status ?? status, code: parsed.data.code });
  }
  return new ApiError({ status, code: status === 0 ? 'network' : 'unexpected_response' });
}

type TRequestOptions = {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, string | number | boolean | string[] | undefined | null>;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
};

/** `?a=1&b=x,y`: arrays become comma lists, empty values are left out. */
export function toQueryString(query: TRequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The window event every api request ends with: whether it reached the server (the offline banner listens). */
export const NETWORK_EVENT = 'telemost:network';
/** Detail of {@link NETWORK_EVENT}. */
export type TNetworkDetail = { ok: boolean };

function reportNetwork(ok: boolean) {
  if (typeof window !== 'undefined')
    window.dispatchEvent(new CustomEvent<TNetworkDetail>(NETWORK_EVENT, { detail: { ok } }));
}

/** How long an early read waits to be taken before it counts as stale and is left unused. */
const EARLY_READ_MS = 15_000;

/** The early reads not taken yet (none when the first-reads script did not run). */
function earlyReads(): Record<string, TFirstRead> {
  return ((globalThis as Record<string, unknown>)[FIRST_READS_KEY] ?? {}) as Record<string, TFirstRead>;
}

/** The early read of this address (started by first-reads.ts), once, if it is fresh. */
function takeEarlyRead(url: string): Promise<Response> | undefined {
  const store = earlyReads();
  const early = store[url];
  if (!early) return undefined;
  delete store[url];
  return Date.now() - early.at <= EARLY_READ_MS ? early.response : undefined;
}

/** Forgets every early read not taken yet. */
function dropEarlyReads(): void {
  const store = earlyReads();
  for (const key of Object.keys(store)) delete store[key];
}

/**
 * Calls the api (same origin, session cookie) and validates the JSON answer with `schema`, so a
 * changed contract fails loudly here instead of somewhere in a component.
 */
export async function apiRequest<T>(
  path: string,
  schema: z.ZodType<T> | null,
  options: TRequestOptions = {},
): Promise<T> {
  let res: Response;
  const url = path + toQueryString(options.query);
  // Early reads are the page as it was on arrival: once anything is changed (a sign-in, a
  // decision), none of them is taken any more.
  if ((options.method ?? 'GET') !== 'GET') dropEarlyReads();
  const early =
    (options.method ?? 'GET') === 'GET' && !options.headers && options.body === undefined
      ? takeEarlyRead(url)
      : undefined;
  try {
    res = await (early ??
      fetch(url, {
        method: options.method ?? 'GET',
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...options.headers,
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      }));
    options.signal?.throwIfAborted();
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    reportNetwork(false);
    throw problemFrom(0, null);
  }
  // A gateway's 502–504 means the server itself is out of reach, like a failed fetch.
  reportNetwork(res.status < 502 || res.status > 504);
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401) window.dispatchEvent(new CustomEvent('telemost:unauthenticated'));
    throw problemFrom(res.status, body);
  }
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error('unexpected api response', path, parsed.error.issues);
    throw new ApiError({ status: res.status, code: 'unexpected_response' });
  }
  return parsed.data;
}
