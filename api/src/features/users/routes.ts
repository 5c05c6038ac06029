import { ZCreateUserRequestSchema, ZListUsersQuerySchema, ZUserSchema } from '@telemost/core/schemas/user';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { defineRoute } from '../../lib/route.ts';
import { createUser } from './create-user.ts';
import { listUsers } from './list-users.ts';

export function userRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/users',
      summary:
        'List people (admin: all; coordinator and teacher: own college, and partner colleges’ teachers and coordinators)',
      tags: ['users'],
      auth: ['admin', 'coordinator', 'teacher'] as const,
      query: ZListUsersQuerySchema,
      response: z.object({ items: z.array(ZUserSchema) }),
      handler: async ({ actor, query }) => ({ items: await listUsers(ctx, actor, query) }),
    }),
    defineRoute({
      method: 'post',
      path: '/api/users',
      summary: 'Create an account (admin: anyone; coordinator: own college)',
      tags: ['users'],
      auth: ['admin', 'coordinator'] as const,
      status: 201,
      body: ZCreateUserRequestSchema,
      response: ZUserSchema,
      errors: { 409: 'E-mail already registered' },
      idempotent: true,
      handler: ({ actor, body }) => createUser(ctx, actor, body),
    }),
  ];
}
