import type { TestApp, TestClient } from './test-app.ts';

export type Directory = {
  partnershipId: string;
  institution: (code: string) => { id: string; timeZone: string };
  groups: (code: string) => { id: string; name: string }[];
  teacherId: (email: string) => Promise<string>;
};

/** Looks up the demo directory (ids of colleges, groups) through the real api. */
export async function loadDirectory(app: TestApp, admin: TestClient): Promise<Directory> {
  const institutions = (await admin.get('/api/institutions')).json.items as {
    id: string;
    code: string;
    timeZone: string;
  }[];
  const groups = (await admin.get('/api/groups')).json.items as {
    id: string;
    name: string;
    institutionId: string;
  }[];
  const partnershipId = (await admin.get('/api/partnerships')).json.items[0].id as string;
  const byCode = new Map(institutions.map((i) => [i.code, i]));
  return {
    partnershipId,
    institution: (code) => byCode.get(code)!,
    groups: (code) => groups.filter((g) => g.institutionId === byCode.get(code)!.id),
    teacherId: async (email) => {
      const row = await app.ctx.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow();
      return row.id;
    },
  };
}

/** A valid joint-lesson booking between msk-26 and krg-construction; override what a test needs. */
export function lessonRequest(dir: Directory, overrides: Record<string, unknown> = {}) {
  return {
    partnershipId: dir.partnershipId,
    kind: 'joint_lesson',
    title: 'BIM-моделирование: совместный урок',
    localStart: '2027-02-10T10:00',
    timeZone: 'Europe/Moscow',
    durationMinutes: 90,
    groupIds: [dir.groups('msk-26')[0]!.id, dir.groups('krg-construction')[0]!.id],
    ...overrides,
  };
}
