import { ZBreakoutsSchema } from '@telemost/core/schemas/classroom';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApi, signIn } from '../../infra/e2e/api-process.ts';
import { bookConfirmedLesson, type Lesson, studentsOf } from '../../infra/e2e/lesson.ts';
import type { RunningLiveKit } from '../../infra/e2e/livekit.ts';
import { startLiveProduct } from './support/api.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchBrowser, newPerson, screenshot, signInThroughUi } from './support/browser.ts';
import { COLLECT_PEER_CONNECTIONS, expectMediaFrom, mediaByIdentity } from './support/webrtc.ts';

const LIVEKIT_PORT = 7990;
const TAB = { teams: 0, polls: 1, materials: 2 } as const;

type TPerson = { email: string; userId: string; page: Page; college: 'msk-26' | 'krg-construction' };

/** Opens the classroom panel (a move to another room renders a new one) on one of its tabs. */
async function openTab(page: Page, tab: keyof typeof TAB) {
  const panel = page.getByTestId('classroom-panel');
  if (!(await panel.isVisible())) await page.getByTestId('open-classroom').click();
  await panel.locator('[role="tab"]').nth(TAB[tab]).click();
}

/** Waits until the page is in the team's room (`null`: the main room), moved there by the client itself. */
async function waitInTeam(page: Page, team: number | null) {
  if (team === null) {
    await page.getByTestId('in-team').waitFor({ state: 'detached', timeout: 30_000 });
  } else {
    await page
      .getByTestId('in-team')
      .filter({ hasText: String(team) })
      .waitFor({ timeout: 30_000 });
  }
  await page.getByTestId('local-video').waitFor({ timeout: 30_000 });
}

/** Whom the page's current room holds besides the page's own person. */
async function othersInRoom(page: Page): Promise<string[]> {
  return Object.keys((await mediaByIdentity(page)).media).sort();
}

describe('the live classroom: mixed teams across the colleges, a poll, lesson materials', () => {
  let lk: RunningLiveKit;
  let api: RunningApi;
  // One Chromium per person, as in real classrooms: the fake camera of one browser shared by six
  // pages sometimes failed to start for the last ones on a loaded machine.
  const browsers: Awaited<ReturnType<typeof launchBrowser>>[] = [];
  let lesson: Lesson;
  let mskTeacher: TPerson;
  let krgTeacher: TPerson;
  let students: TPerson[];
  const hostCookie = async () => (await signIn(api.url, lesson.teacherEmail)).header;

  async function join(email: string, college: TPerson['college']): Promise<TPerson> {
    const browser = await launchBrowser({ fakeMedia: true });
    browsers.push(browser);
    const person = await newPerson(browser, api.url, {
      timezoneId: college === 'msk-26' ? 'Europe/Moscow' : 'Asia/Almaty',
    });
    await person.context.addInitScript(COLLECT_PEER_CONNECTIONS);
    await signInThroughUi(person.page, email);
    const me = await person.page.evaluate(async () => (await fetch('/api/me')).json());
    await person.page.goto(`/events/${lesson.eventId}`);
    await person.page.click('[data-testid="join-button"]:not([disabled])');
    // Six browsers publishing and decoding on two cores: connecting may take a while.
    await person.page
      .getByTestId('local-video')
      .waitFor({ timeout: 60_000 })
      .catch(async (err) => {
        await screenshot(person.page, `classroom-join-failed-${email.split('@')[0]}`);
        throw err;
      });
    return { email, userId: me.id, page: person.page, college };
  }

  async function breakouts() {
    const res = await fetch(`${api.url}/api/events/${lesson.eventId}/breakouts`, {
      headers: { cookie: await hostCookie() },
    });
    return ZBreakoutsSchema.parse(await res.json());
  }

  beforeAll(async () => {
    ({ api, lk } = await startLiveProduct('classroom', { port: LIVEKIT_PORT, udpFrom: 54000 }));
    lesson = await bookConfirmedLesson(api.url, {
      startsInMinutes: 5,
      durationMinutes: 60,
      partnerTeacher: true,
    });
    const msk = (await studentsOf(api.url, lesson.eventId, 'msk-26')).slice(0, 2);
    const krg = (await studentsOf(api.url, lesson.eventId, 'krg-construction')).slice(0, 2);
    expect(msk).toHaveLength(2);
    expect(krg).toHaveLength(2);
    mskTeacher = await join(lesson.teacherEmail, 'msk-26');
    krgTeacher = await join(lesson.partnerTeacherEmail!, 'krg-construction');
    students = [];
    for (const email of msk) students.push(await join(email, 'msk-26'));
    for (const email of krg) students.push(await join(email, 'krg-construction'));
    expect(new Set([mskTeacher, krgTeacher, ...students].map((p) => p.userId)).size).toBe(6);
  }, 300_000);

  // What every page showed when a step failed (artifacts/screenshots), to read the failure by.
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail') return;
    const people = [mskTeacher, krgTeacher, ...(students ?? [])].filter(Boolean);
    for (const p of people) {
      await screenshot(p.page, `classroom-failed-${p.email.split('@')[0]}`).catch(() => {});
    }
  });

  afterAll(async () => {
    for (const b of browsers) await b.close();
    await lk?.stop();
    await api?.stop();
  });

  it('when the Karaganda teacher splits the class into mixed teams, then each student goes to their team by themselves and hears and decodes only their own team', async () => {
    const host = krgTeacher.page;
    await openTab(host, 'teams');
    const form = host.getByTestId('start-breakouts');
    await form.locator('input[type="number"]').first().fill('2');
    await form.locator('select').selectOption('colleges');
    await form.locator('button[type="submit"]').click();
    await host.getByTestId('breakout-timer').waitFor({ timeout: 15_000 });

    // Every team of the roster (three students of each college) has both colleges in it.
    const drawn = await breakouts();
    expect(drawn.rooms).toHaveLength(2);
    for (const room of drawn.rooms) expect(new Set(room.members.map((m) => m.institutionId)).size).toBe(2);

    // The teacher places the four students who came in two pairs, one of each college per team,
    // with the move control (only those not yet in their pair's team are moved).
    const [m1, m2, k1, k2] = students as [TPerson, TPerson, TPerson, TPerson];
    const wanted = new Map([
      [m1.userId, 1],
      [k1.userId, 1],
      [m2.userId, 2],
      [k2.userId, 2],
    ]);
    for (const [userId, team] of wanted) {
      const now = drawn.rooms.find((r) => r.members.some((m) => m.userId === userId))?.id;
      if (now === team) continue;
      await host.getByTestId(`move-${userId}`).selectOption(String(team));
      await host.getByTestId(`team-${team}`).getByTestId(`move-${userId}`).waitFor({ timeout: 15_000 });
    }
    await screenshot(host, 'classroom-teams-host-kk');

    for (const s of students) await waitInTeam(s.page, wanted.get(s.userId)!);
    // Each student receives video and sound from their partner of the other college, and the
    // room holds nobody of the other team.
    for (const [a, b] of [
      [m1, k1],
      [k1, m1],
      [m2, k2],
      [k2, m2],
    ] as const) {
      await expectMediaFrom(a.page, [b.userId]);
      expect(await othersInRoom(a.page)).toEqual([b.userId]);
    }
    await screenshot(k1.page, 'classroom-team-student-kk');
    await screenshot(m1.page, 'classroom-team-student-ru');
    const findings = [...(await seriousAxeViolations(host)), ...(await seriousAxeViolations(k1.page))];
    expect(findings, JSON.stringify(findings, null, 2)).toEqual([]);
  }, 180_000);

  it('when the Moscow teacher visits team 2, then that team sees and hears the teacher, and team 1 does not have the teacher', async () => {
    const [m1, m2, k1, k2] = students as [TPerson, TPerson, TPerson, TPerson];
    await openTab(mskTeacher.page, 'teams');
    await mskTeacher.page.getByTestId('team-2').getByRole('button', { name: 'Зайти' }).click();
    await waitInTeam(mskTeacher.page, 2);
    await expectMediaFrom(m2.page, [mskTeacher.userId, k2.userId]);
    await expectMediaFrom(mskTeacher.page, [m2.userId, k2.userId]);
    expect(await othersInRoom(k1.page)).toEqual([m1.userId]);
    expect(await othersInRoom(m1.page)).toEqual([k1.userId]);
    await screenshot(mskTeacher.page, 'classroom-teacher-visits-team-ru');
  }, 180_000);

  it('when the host moves a student to another team, then the student’s page goes there by itself', async () => {
    const [m1, , k1, k2] = students as [TPerson, TPerson, TPerson, TPerson];
    await openTab(krgTeacher.page, 'teams');
    await krgTeacher.page.getByTestId(`move-${k2.userId}`).selectOption('1');
    await waitInTeam(k2.page, 1);
    await expectMediaFrom(k2.page, [m1.userId, k1.userId]);
    await expectMediaFrom(m1.page, [k1.userId, k2.userId]);
  }, 180_000);

  it('when the host ends the teams, then every page is back in the main room without a reload, with everyone in it', async () => {
    const everyone = [mskTeacher, krgTeacher, ...students];
    for (const p of everyone) await p.page.evaluate(() => ((globalThis as any).__notReloaded = true));
    await openTab(krgTeacher.page, 'teams');
    await krgTeacher.page.getByTestId('end-breakouts').click();
    for (const p of everyone) await waitInTeam(p.page, null);
    for (const p of everyone) {
      expect(await p.page.evaluate(() => (globalThis as any).__notReloaded)).toBe(true);
    }
    const [m1, , k1] = students as [TPerson, TPerson, TPerson, TPerson];
    // A Karaganda student decodes the Moscow teacher again, and the main room holds all six.
    await expectMediaFrom(k1.page, [mskTeacher.userId, m1.userId]);
    const all = everyone.map((p) => p.userId).filter((id) => id !== k1.userId);
    const deadline = Date.now() + 20_000;
    while ((await othersInRoom(k1.page)).length < all.length && Date.now() < deadline) {
      await k1.page.waitForTimeout(500);
    }
    expect(await othersInRoom(k1.page)).toEqual(all.sort());
    expect((await breakouts()).active).toBe(false);
  }, 180_000);

  it('when the Moscow teacher asks a poll and students of both colleges answer, then the results show per college and in total', async () => {
    const [m1, m2, k1] = students as [TPerson, TPerson, TPerson, TPerson];
    const host = mskTeacher.page;
    await openTab(host, 'polls');
    const ask = host.getByTestId('ask-poll');
    await ask.locator('input').fill('Какой материал прочнее на сжатие?');
    await ask.locator('textarea').fill('Бетон\nКирпич');
    await ask.locator('button[type="submit"]').click();
    for (const [s, option] of [
      [m1, 'Бетон'],
      [m2, 'Кирпич'],
      [k1, 'Бетон'],
    ] as const) {
      await openTab(s.page, 'polls');
      await s.page.getByTestId('poll').getByRole('button', { name: option }).click();
      await s.page.getByTestId('poll').getByText(`${option} ✓`).waitFor({ timeout: 30_000 });
    }
    // Live on the host's page: concrete 2 (one per college), brick 1 (Moscow).
    const counts = host.getByTestId('poll').getByTestId('poll-count');
    await counts.first().filter({ hasText: /^2 / }).waitFor({ timeout: 15_000 });
    expect(await counts.first().textContent()).toBe('2 (Москва: 1, Караганда: 1)');
    expect(await counts.nth(1).textContent()).toBe('1 (Москва: 1, Караганда: 0)');
    await screenshot(host, 'classroom-poll-results-ru');
    await screenshot(k1.page, 'classroom-poll-answered-kk');
    // Kept with the lesson: the api gives the same results afterwards.
    const kept = await (
      await fetch(`${api.url}/api/events/${lesson.eventId}/polls`, {
        headers: { cookie: await hostCookie() },
      })
    ).json();
    expect(kept.items[0].total.counts).toEqual([2, 1]);
  }, 180_000);

  it('when the teacher uploads a material, then a student of the other college downloads the same file and an outsider is refused', async () => {
    const [, , k1] = students as [TPerson, TPerson, TPerson, TPerson];
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    );
    await openTab(mskTeacher.page, 'materials');
    await mskTeacher.page
      .getByTestId('material-file')
      .setInputFiles({ name: 'Чертёж узла.pdf', mimeType: 'application/pdf', buffer: pdf });
    await mskTeacher.page.getByRole('link', { name: 'Чертёж узла.pdf' }).waitFor({ timeout: 30_000 });

    await openTab(k1.page, 'materials');
    // The list is read when the tab opens; a student who had it open sees it on the next visit.
    let link = k1.page.getByRole('link', { name: 'Чертёж узла.pdf' });
    if (!(await link.isVisible())) {
      await openTab(k1.page, 'teams');
      await openTab(k1.page, 'materials');
      link = k1.page.getByRole('link', { name: 'Чертёж узла.pdf' });
    }
    await link.waitFor({ timeout: 30_000 });
    await screenshot(k1.page, 'classroom-materials-kk');
    const href = (await link.getAttribute('href'))!;
    const got = await k1.page.evaluate(async (href) => {
      const res = await fetch(href);
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        disposition: res.headers.get('content-disposition'),
        bytes: Array.from(new Uint8Array(await res.arrayBuffer())),
      };
    }, href);
    expect(got.status).toBe(200);
    expect(got.type).toContain('application/pdf');
    expect(Buffer.from(got.bytes).equals(pdf)).toBe(true);
    expect(decodeURIComponent(got.disposition ?? '')).toContain('Чертёж узла.pdf');

    const outsider = await signIn(api.url, lesson.outsiderEmail);
    const refused = await fetch(`${api.url}${href}`, { headers: { cookie: outsider.header } });
    expect([403, 404]).toContain(refused.status);
    expect(refused.headers.get('content-type')).toMatch(/problem\+json/);
  }, 180_000);
});
