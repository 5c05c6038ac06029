import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino } from 'pino';
import pretty from 'pino-pretty';

export type Logger = pino.Logger;

const REDACTED = '[redacted]';
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|signature/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A path segment this long of token alphabet is a capability (feed token, invitation), not an id. */
const TOKEN_SEGMENT = /^[A-Za-z0-9_~-]{20,}(\.[a-z]{2,5})?$/;

/** What pino replaces before a line is written: credentials in headers and in any `password`-ish field. */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  'token',
  '*.token',
  'secret',
  '*.secret',
];

/**
 * Removes secrets from free text: credentials in URLs (`redis://u:p@h`), JWTs (LiveKit tokens),
 * session cookies, token-ish query parameters and the calendar feed token.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/([a-z][\w+.-]*:\/\/[^:/\s@]*):[^@\s/]+@/gi, `$1:${REDACTED}@`)
    .replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, REDACTED)
    .replace(/(\b[\w.-]*(?:sid|session)=)[^;\s,]+/gi, `$1${REDACTED}`)
    .replace(
      /([?&](?:access_token|token|key|secret|password|signature|sig|code)=)[^&\s#]+/gi,
      `$1${REDACTED}`,
    )
    .replace(/(\/api\/calendar\/)[^/?\s#]+?(\.ics)/g, `$1${REDACTED}$2`);
}

/** A request URL fit for a log line: every token-looking path segment and secret query value hidden. */
export function sanitizeUrl(url: string): string {
  const q = url.indexOf('?');
  const pathPart = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? '' : url.slice(q);
  const segments = pathPart
    .split('/')
    .map((s) => (TOKEN_SEGMENT.test(s) && !UUID.test(s) ? s.replace(/^[^.]+/, REDACTED) : s));
  return redactSecrets(segments.join('/') + query);
}

function scrub(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  // Only plain objects: requests, responses and errors go through their serializers.
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      SECRET_KEY.test(k) && typeof v === 'string' ? REDACTED : scrub(v, depth + 1),
    ]),
  );
}

function scrubParts(part: unknown): unknown {
  if (!part || typeof part !== 'object') return part;
  return Object.fromEntries(Object.entries(part).map(([k, v]) => [k, SECRET_KEY.test(k) ? REDACTED : v]));
}

type TSerializedReq = { url?: string; query?: unknown; params?: unknown; [k: string]: unknown };

/** pino-http serializers: the request URL, query and path parameters without tokens. */
export const httpLogSerializers = {
  req: (req: TSerializedReq) => ({
    ...req,
    url: typeof req.url === 'string' ? sanitizeUrl(req.url) : req.url,
    query: scrubParts(req.query),
    params: scrubParts(req.params),
  }),
};

/** The level of a request's log line: debug when it went well, warn for 4xx, error for 5xx. */
export function requestLogLevel(
  _req: IncomingMessage,
  res: ServerResponse,
  err?: Error,
): 'debug' | 'warn' | 'error' {
  if (err || res.statusCode >= 500) return 'error';
  if (res.statusCode >= 400) return 'warn';
  return 'debug';
}

/** The process logger. Secrets never reach a line (see LOG_REDACT_PATHS and redactSecrets). */
export function createLogger(level: string, name = 'telemost', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: { paths: LOG_REDACT_PATHS, censor: REDACTED },
    formatters: { log: (object) => scrub(object, 0) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** How lines are written: `pretty` (one human line each) or `json` (one JSON object each). */
export type TLogFormat = 'pretty' | 'json';

/**
 * The format of a process's log: asked for explicitly, or by default human lines on a terminal and
 * JSON in production or when the output goes to a file, a pipe or a log collector.
 */
export function chooseLogFormat(options: {
  format: 'auto' | TLogFormat;
  nodeEnv: string;
  isTTY: boolean;
}): TLogFormat {
  if (options.format !== 'auto') return options.format;
  return options.nodeEnv !== 'production' && options.isTTY ? 'pretty' : 'json';
}

/** The logger of `npm start` and the worker: LOG_LEVEL, and the format LOG_FORMAT chooses for stdout. */
export function createProcessLogger(
  env: { LOG_LEVEL: string; LOG_FORMAT: 'auto' | TLogFormat; NODE_ENV: string },
  name = 'telemost',
): Logger {
  const format = chooseLogFormat({
    format: env.LOG_FORMAT,
    nodeEnv: env.NODE_ENV,
    isTTY: process.stdout.isTTY === true,
  });
  if (format === 'json') return createLogger(env.LOG_LEVEL, name);
  return createLogger(env.LOG_LEVEL, name, prettyStream(process.stdout.isTTY === true));
}

/** A synchronous pino-pretty stream: `[10:42:07] INFO (telemost): message {"key":"value"}`. */
export function prettyStream(colorize: boolean, destination?: NodeJS.WritableStream): pino.DestinationStream {
  return pretty({
    colorize,
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
    ...(destination ? { destination } : {}),
  });
}
