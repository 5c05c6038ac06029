import { ZLoginRequestSchema, ZUserSchema } from '@telemost/core/schemas/user';
import type { Request } from 'express';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { defineRoute } from '../../lib/route.ts';
import { findUserById } from '../users/users.repository.ts';
import { login } from './login.ts';
import { loginAccountBackoff, loginAddressRateLimit, loginRateLimit } from './rate-limit.ts';

declare module 'express-session' {
  interface SessionData {
    userId: string;
  }
}

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}
function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}

export function authRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in with e-mail and password; sets the session cookie',
      tags: ['auth'],
      auth: false,
      body: ZLoginRequestSchema,
      response: ZUserSchema,
      errors: { 401: 'Wrong e-mail or password', 429: 'Too many attempts' },
      before: [loginAddressRateLimit(ctx), loginRateLimit(ctx), loginAccountBackoff(ctx)],
      handler: async ({ body, req }) => {
        const user = await login(ctx, body);
        // A fresh session id on sign-in prevents session fixation.
        await regenerate(req);
        req.session.userId = user.id;
        await save(req);
        return user;
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out',
      tags: ['auth'],
      auth: false,
      handler: async ({ req, res }) => {
        await new Promise<void>((resolve, reject) =>
          req.session.destroy((err) => (err ? reject(err) : resolve())),
        );
        res.clearCookie('telemost.sid', { path: '/' });
        return undefined;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/me',
      summary: 'The signed-in user',
      tags: ['auth'],
      auth: true,
      response: ZUserSchema,
      handler: async ({ actor }) => {
        const user = await findUserById(ctx.db, actor.id);
        if (!user) throw notFound('User');
        return user;
      },
    }),
  ];
}
