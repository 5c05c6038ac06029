import { isIP } from 'node:net';
import { z } from 'zod';

const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-in-production';
const DEV_LIVEKIT_API_KEY = 'devkey';
const DEV_LIVEKIT_API_SECRET = 'telemost-dev-secret-not-for-production-use';

/**
 * Secrets that are public: the defaults above, the placeholders the deployment files shipped with,
 * and the keys of the dev and e2e LiveKit configs. Production refuses each of them.
 */
const KNOWN_PUBLIC_SECRETS = new Set([
  DEV_SESSION_SECRET,
  DEV_LIVEKIT_API_SECRET,
  'telemost-e2e-secret-not-for-production-use',
  'change-me-to-a-long-random-secret-of-32-plus-chars',
  'change-me-livekit-secret-of-32-plus-chars',
]);

/** Why a secret is not fit for production, or null. Catches placeholders and obviously weak values. */
export function weakSecretReason(value: string): string | null {
  if (KNOWN_PUBLIC_SECRETS.has(value)) return 'is a published development or placeholder value';
  if (
    /change[-_ ]?me|not[-_ ]for[-_ ]production|dev[-_ ]only|placeholder|example|secret-of-32/i.test(value)
  ) {
    return 'looks like a placeholder';
  }
  if (new Set(value).size < 10) return 'is too simple (fewer than 10 different characters)';
  return null;
}

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Express `trust proxy` from TRUST_PROXY: `true`/`false`, a hop count (`1`: believe the one proxy
 * in front), or a comma-separated list of addresses, CIDR ranges and Express's names. Express takes
 * a string as an address list, so "1" would mean the address 0.0.0.1: hence numbers become numbers.
 */
export const ZTrustProxySchema = z
  .string()
  .trim()
  .transform((value, ctx): boolean | number | string[] => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    if (/^\d+$/.test(value)) return Number(value);
    const parts = value
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const bad = parts.filter((p) => {
      if (PROXY_NAMES.has(p)) return false;
      const [ip, bits, ...rest] = p.split('/');
      const family = isIP(ip ?? '');
      if (!family || rest.length) return true;
      if (bits === undefined) return false;
      const n = Number(bits);
      return !/^\d+$/.test(bits) || n > (family === 4 ? 32 : 128);
    });
    if (!parts.length || bad.length) {
      ctx.addIssue({
        code: 'custom',
        message: `must be true, false, a hop count, or addresses/CIDRs/loopback/linklocal/uniquelocal (bad: ${bad.join(', ') || 'empty'})`,
      });
      return z.NEVER;
    }
    return parts;
  });

/** Days to keep rows of one kind; 0 keeps them for ever. */
const ZRetentionDays = (days: number) => z.coerce.number().int().min(0).max(36_500).default(days);

const ZBooleanString = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every environment variable Telemost reads. The README documents each one. */
export const ZEnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_URL: z.url().optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATA_DIR: z.string().default('.data'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// URL')
      .optional(),
    SESSION_SECRET: z.string().min(32).default(DEV_SESSION_SECRET),
    TRUST_PROXY: ZTrustProxySchema.default(['loopback']),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(10).optional(),
    /** Default: on in development and test, off in production (see the transform below). */
    SEED_DEMO: ZBooleanString.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** `auto`: human lines on a terminal, JSON in production or when the output is not a terminal. */
    LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    LOGIN_ADDRESS_RATE_LIMIT: z.coerce.number().int().min(1).default(30),
    INVITATION_RATE_LIMIT: z.coerce.number().int().min(1).default(60),
    INVITATION_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(60),
    CERT_MIN_SHARE: z.coerce.number().min(0).max(1).default(0.6),
    METRICS_TOKEN: z.string().min(16).optional(),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    METRICS_HOST: z.string().default('127.0.0.1'),
    LIVEKIT_CHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
    WORKER_MODE: z.enum(['auto', 'embedded', 'off']).default('auto'),
    SHUTDOWN_DRAIN_SECONDS: z.coerce.number().min(0).max(120).default(0),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Telemost <no-reply@telemost.local>'),
    LIVEKIT_URL: z.string().default('ws://127.0.0.1:7880'),
    LIVEKIT_API_KEY: z.string().default(DEV_LIVEKIT_API_KEY),
    LIVEKIT_API_SECRET: z.string().min(32).default(DEV_LIVEKIT_API_SECRET),
    LIVEKIT_PUBLIC_URL: z
      .string()
      .regex(/^wss?:\/\//, 'must be a ws:// or wss:// URL')
      .optional(),
    LIVEKIT_LOCAL: z.enum(['auto', 'off']).default('auto'),
    LIVEKIT_MAX_PARTICIPANTS: z.coerce.number().int().min(2).max(10_000).default(100),
    LIVEKIT_EMPTY_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(1800),
    LIVEKIT_DEPARTURE_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
    ROOM_OPEN_LEAD_MINUTES: z.coerce.number().int().min(0).max(120).default(10),
    ROOM_CLOSE_GRACE_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
    ROOM_RECONCILE_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
    /**
     * Namespace of every key Telemost keeps in Redis (BullMQ queues, the socket.io channel), so
     * several deployments can share one Redis.
     */
    QUEUE_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only')
      .default('telemost'),
    /** Retention (worker, hourly, in batches): dispatched outbox rows. */
    RETENTION_OUTBOX_DAYS: ZRetentionDays(7),
    /** Notifications the person has read. */
    RETENTION_NOTIFICATIONS_READ_DAYS: ZRetentionDays(90),
    /** Every notification, read or not. */
    RETENTION_NOTIFICATIONS_DAYS: ZRetentionDays(365),
    /** Reminder delivery records, counted from the end of their event. */
    RETENTION_REMINDERS_SENT_DAYS: ZRetentionDays(30),
    /** Attendance rows (the attendance and partnership reports read them), from the join. */
    RETENTION_ATTENDANCE_DAYS: ZRetentionDays(3 * 365),
    /** The audit log: kept longest (at least as long as any other kind). */
    RETENTION_AUDIT_DAYS: ZRetentionDays(5 * 365),
    /** Rows deleted per statement; each run deletes at most 100 batches per kind. */
    RETENTION_BATCH: z.coerce.number().int().min(1).max(100_000).default(1000),
    /** Lesson materials: the largest file accepted, in megabytes. */
    MATERIALS_MAX_MB: z.coerce.number().int().min(1).max(1024).default(25),
    /** S3-compatible storage for lesson materials (all four set: S3; none: files under DATA_DIR). */
    S3_ENDPOINT: z.url().optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    /** The Telegram bot (from @BotFather); unset: the Telegram channel is off. */
    TELEGRAM_BOT_TOKEN: z
      .string()
      .regex(/^\d+:[\w-]+$/, 'must be a bot token from @BotFather, like 123456:ABC-def')
      .optional(),
    /** `polling`: the api asks Telegram for updates; `webhook`: Telegram posts them to /api/telegram/webhook. */
    TELEGRAM_MODE: z.enum(['polling', 'webhook']).default('polling'),
    TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
    /** Webhook mode: the secret Telegram sends in X-Telegram-Bot-Api-Secret-Token. */
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, '16–256 letters, digits, _ or -')
      .optional(),
  })
  .superRefine((env, ctx) => {
    const s3 = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    const s3Set = s3.filter((name) => env[name] !== undefined);
    if (s3Set.length > 0 && s3Set.length < s3.length) {
      for (const name of s3.filter((n) => env[n] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: `is required with ${s3Set.join(', ')}: set all four S3_* variables, or none`,
        });
      }
    }
    if (env.TELEGRAM_BOT_TOKEN && env.TELEGRAM_MODE === 'webhook' && env.NODE_ENV === 'production') {
      if (!env.TELEGRAM_WEBHOOK_SECRET) {
        ctx.addIssue({
          code: 'custom',
          path: ['TELEGRAM_WEBHOOK_SECRET'],
          message: 'is required in webhook mode in production: Telegram sends it with every update',
        });
      }
    }
    if (env.NODE_ENV === 'production') {
      for (const name of ['SESSION_SECRET', 'LIVEKIT_API_SECRET', 'METRICS_TOKEN'] as const) {
        const value = env[name];
        const reason = value === undefined ? null : weakSecretReason(value);
        if (reason) {
          ctx.addIssue({
            code: 'custom',
            path: [name],
            message: `${reason}: set a random secret of 32+ characters in production (e.g. \`openssl rand -hex 32\`)`,
          });
        }
      }
      if (env.LIVEKIT_API_KEY === DEV_LIVEKIT_API_KEY) {
        ctx.addIssue({
          code: 'custom',
          path: ['LIVEKIT_API_KEY'],
          message: "is the development key: set your LiveKit server's key in production",
        });
      }
      if (!env.PUBLIC_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['PUBLIC_URL'],
          message: 'is required in production: links in e-mails and calendar feeds are built from it',
        });
      }
    }
    const kept = [
      env.RETENTION_OUTBOX_DAYS,
      env.RETENTION_NOTIFICATIONS_READ_DAYS,
      env.RETENTION_NOTIFICATIONS_DAYS,
      env.RETENTION_REMINDERS_SENT_DAYS,
      env.RETENTION_ATTENDANCE_DAYS,
    ];
    const forever = (d: number) => (d === 0 ? Number.POSITIVE_INFINITY : d);
    if (forever(env.RETENTION_AUDIT_DAYS) < Math.max(...kept.map(forever))) {
      ctx.addIssue({
        code: 'custom',
        path: ['RETENTION_AUDIT_DAYS'],
        message: 'the audit log is kept at least as long as anything else (0 = for ever)',
      });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
      });
    }
  })
  .transform((env) => ({ ...env, SEED_DEMO: env.SEED_DEMO ?? env.NODE_ENV !== 'production' }));
export type TEnv = z.infer<typeof ZEnvSchema>;

/** Parses the environment, failing fast with the list of bad variables. */
export function loadEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = ZEnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
