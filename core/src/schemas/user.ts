import { z } from 'zod';
import { ZIdSchema, ZLocaleSchema, ZTextSchema } from './common.ts';

export const ROLES = ['admin', 'coordinator', 'teacher', 'student', 'guest'] as const;
export const ZRoleSchema = z.enum(ROLES);
export type TRole = z.infer<typeof ZRoleSchema>;

export const ZEmailSchema = ZTextSchema.trim()
  .max(254)
  .pipe(z.email())
  .transform((s) => s.toLowerCase());

/** At least 10 characters; long passphrases welcome. Upper bound keeps the KDF input sane. */
export const ZPasswordSchema = ZTextSchema.min(10).max(200);

export const ZLoginRequestSchema = z.strictObject({
  email: ZEmailSchema,
  password: ZTextSchema.min(1).max(200),
});
export type TLoginRequest = z.infer<typeof ZLoginRequestSchema>;

export const ZCreateUserRequestSchema = z.strictObject({
  email: ZEmailSchema,
  name: ZTextSchema.trim().min(1).max(200),
  role: ZRoleSchema,
  institutionId: ZIdSchema,
  locale: ZLocaleSchema.optional(),
  timeZone: ZTextSchema.max(64).optional(),
  password: ZPasswordSchema,
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequestSchema>;

export const ZUserSchema = z.object({
  id: ZIdSchema,
  email: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  institutionId: ZIdSchema.nullable(),
  locale: ZLocaleSchema,
  timeZone: z.string().nullable(),
});
export type TUser = z.infer<typeof ZUserSchema>;

export const ZListUsersQuerySchema = z.strictObject({
  institutionId: ZIdSchema.optional(),
  role: ZRoleSchema.optional(),
});
