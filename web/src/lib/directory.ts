import { type TInstitution, ZInstitutionSchema } from '@telemost/core/schemas/institution';
import {
  type TGroup,
  type TPartnership,
  ZGroupSchema,
  ZPartnershipSchema,
} from '@telemost/core/schemas/partnership';
import { type TUser, ZUserSchema } from '@telemost/core/schemas/user';
import { z } from 'zod';
import { apiRequest } from './api-client.ts';

/** Colleges, agreements and groups the user may see: loaded once per sign-in, shared by every screen. */
export type TDirectory = {
  institutions: TInstitution[];
  partnerships: TPartnership[];
  groups: TGroup[];
};

let cached: { userId: string; promise: Promise<TDirectory> } | null = null;

/** The directory for this user, from cache when already loaded. */
export function loadDirectory(userId: string): Promise<TDirectory> {
  if (cached?.userId === userId) return cached.promise;
  const promise = Promise.all([
    apiRequest('/api/institutions', z.object({ items: z.array(ZInstitutionSchema) })),
    apiRequest('/api/partnerships', z.object({ items: z.array(ZPartnershipSchema) })),
    apiRequest('/api/groups', z.object({ items: z.array(ZGroupSchema) })),
  ]).then(([i, p, g]) => ({ institutions: i.items, partnerships: p.items, groups: g.items }));
  cached = { userId, promise };
  promise.catch(() => {
    if (cached?.promise === promise) cached = null;
  });
  return promise;
}

/** Teachers of the user's own college (the api lists a teacher's or coordinator's own people). */
export async function loadTeachers(): Promise<TUser[]> {
  const res = await apiRequest('/api/users', z.object({ items: z.array(ZUserSchema) }), {
    query: { role: 'teacher' },
  });
  return res.items;
}

/** Finds an institution by id. */
export function institutionById(dir: TDirectory, id: string | null | undefined): TInstitution | undefined {
  return dir.institutions.find((i) => i.id === id);
}

/** The teachers and coordinators of these colleges, as the viewer may list them (jurors, mentors). */
export async function listStaffOf(institutionIds: string[], signal?: AbortSignal): Promise<TUser[]> {
  const lists = await Promise.all(
    institutionIds.map((institutionId) =>
      apiRequest('/api/users', z.object({ items: z.array(ZUserSchema) }), {
        query: { institutionId },
        signal,
      }),
    ),
  );
  return lists
    .flatMap((l) => l.items)
    .filter((u) => u.role === 'teacher' || u.role === 'coordinator')
    .sort((a, b) => a.name.localeCompare(b.name, 'ru'));
}
