import { z } from 'zod';

const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-in-production';

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
    TRUST_PROXY: z.string().default('loopback'),
    ADMIN_EMAIL: z.email().optional(),
    ADMIN_PASSWORD: z.string().min(10).optional(),
    SEED_DEMO: ZBooleanString.default(true),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
    LOGIN_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    WORKER_MODE: z.enum(['auto', 'embedded', 'off']).default('auto'),
    SMTP_URL: z.string().optional(),
    MAIL_FROM: z.string().default('Telemost <no-reply@telemost.local>'),
    LIVEKIT_URL: z.string().default('ws://127.0.0.1:7880'),
    LIVEKIT_API_KEY: z.string().default('devkey'),
    LIVEKIT_API_SECRET: z.string().min(32).default('telemost-dev-secret-not-for-production-use'),
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
    ROOM_RECONCILE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.SESSION_SECRET === DEV_SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'set a secret of 32+ characters in production',
      });
    }
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['ADMIN_PASSWORD'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD go together',
      });
    }
  });
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
