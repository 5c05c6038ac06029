import type { TActor } from '@telemost/core/permissions';
import { ZIdSchema } from '@telemost/core/schemas/common';
import { ZInstitutionSchema } from '@telemost/core/schemas/institution';
import { ZGroupSchema, ZPartnershipSchema } from '@telemost/core/schemas/partnership';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { notFound } from '../../lib/app-error.ts';
import { defineRoute } from '../../lib/route.ts';
import {
  listGroups,
  listInstitutions,
  listPartnerships,
  partnerInstitutionIds,
} from './directory.repository.ts';

/** Partnerships the actor can see: admins all, everyone else those their college belongs to. */
function visiblePartnerships(ctx: AppContext, actor: TActor) {
  return listPartnerships(
    ctx.db,
    actor.role === 'admin' ? null : (actor.institutionId ?? '00000000-0000-0000-0000-000000000000'),
  );
}

export function directoryRoutes(ctx: AppContext) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/institutions',
      summary: 'Colleges with their time zones, working hours and lesson periods',
      tags: ['directory'],
      auth: true,
      response: z.object({ items: z.array(ZInstitutionSchema) }),
      handler: async () => ({ items: await listInstitutions(ctx.db) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/partnerships',
      summary: 'Cooperation agreements the user’s college is part of, with the plan of activities',
      tags: ['directory'],
      auth: true,
      response: z.object({ items: z.array(ZPartnershipSchema) }),
      handler: async ({ actor }) => ({ items: await visiblePartnerships(ctx, actor) }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/partnerships/:id',
      summary: 'One cooperation agreement',
      tags: ['directory'],
      auth: true,
      params: z.strictObject({ id: ZIdSchema }),
      response: ZPartnershipSchema,
      errors: { 404: 'Not found or not visible' },
      handler: async ({ actor, params }) => {
        const found = (await visiblePartnerships(ctx, actor)).find((p) => p.id === params.id);
        if (!found) throw notFound('Partnership');
        return found;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/groups',
      summary: 'Student groups: staff see their own and partner colleges’ groups, students their own',
      tags: ['directory'],
      auth: true,
      query: z.strictObject({ institutionId: ZIdSchema.optional() }),
      response: z.object({ items: z.array(ZGroupSchema) }),
      handler: async ({ actor, query }) => {
        if (actor.role === 'student' || actor.role === 'guest') {
          return { items: await listGroups(ctx.db, { memberUserId: actor.id }) };
        }
        let ids =
          actor.role === 'admin' ? undefined : await partnerInstitutionIds(ctx.db, actor.institutionId!);
        if (query.institutionId)
          ids = ids ? ids.filter((i) => i === query.institutionId) : [query.institutionId];
        return { items: await listGroups(ctx.db, { institutionIds: ids }) };
      },
    }),
  ];
}
