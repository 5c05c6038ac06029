import { DEMO_ADMIN_EMAIL, demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lessonRequest, loadDirectory } from './support/scheduling.ts';
import { startTestApp, type TestApp } from './support/test-app.ts';

describe.each(['postgres', 'pglite'] as const)('racing bookings on %s', (driver) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp(driver);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('when 50 conflicting bookings race, then exactly 1 is created and 49 get 409 naming it', async () => {
    const dir = await loadDirectory(app, await app.as(DEMO_ADMIN_EMAIL));
    const clients = await Promise.all(
      [
        demoEmail('teacher', 'msk-26', 1),
        demoEmail('teacher', 'msk-26', 2),
        demoEmail('coordinator', 'msk-26'),
      ].map((e) => app.as(e)),
    );
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        clients[i % clients.length]!.post(
          '/api/events',
          lessonRequest(dir, { localStart: '2027-04-21T10:00', title: `Гонка ${i}` }),
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = results.find((r) => r.status === 201)!.json.items[0].id;
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.json.conflicts.map((c: { eventId: string }) => c.eventId)).toContain(winner);
    }
    const count = await app.ctx.db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});
