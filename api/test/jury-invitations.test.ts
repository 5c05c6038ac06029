import { randomUUID } from 'node:crypto';
import { demoEmail } from '@telemost/server/seed/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bookLesson, type TBookedLesson, testClock } from './support/live-lesson.ts';
import { startTestApp, type TestApp, type TestClient } from './support/test-app.ts';

const MIN = 60_000;
const MSK_T1 = demoEmail('teacher', 'msk-26', 1);
const KRG_T1 = demoEmail('teacher', 'krg-construction', 1);
const KRG_COORD = demoEmail('coordinator', 'krg-construction');

const tokenOf = (url: string) => url.split('/').at(-1)!;

describe('jurors invited by link mark an olympiad (postgres)', () => {
  let app: TestApp;
  let event: TBookedLesson;
  const clients: Record<string, TestClient> = {};
  const ids: Record<string, string> = {};
  const colleges: Record<string, string> = {};
  let judged: string;
  let measured: string;
  let juryLink: string;
  let juryInvitationId: string;
  let guest: { guestKey: string; lobbyId: string };
  let credential: string;
  const clock = testClock(new Date('2027-02-01T09:00:00Z'));

  beforeAll(async () => {
    app = await startTestApp('postgres', { now: clock.now });
    event = await bookLesson(app, {
      localStart: '2027-02-10T10:00',
      kind: 'olympiad',
      title: 'Олимпиада: электромонтаж',
    });
    for (const email of [MSK_T1, KRG_T1, KRG_COORD, event.mskStudent, event.krgStudent]) {
      clients[email] = await app.as(email);
      const me = (await clients[email].get('/api/me')).json;
      ids[email] = me.id;
      colleges[email] = me.institutionId;
    }
    const setup = await clients[MSK_T1]!.request('PUT', base(), {
      jurorIds: [ids[MSK_T1], ids[KRG_T1]],
      chiefExpertId: ids[KRG_T1],
    });
    expect(setup.status).toBe(200);
    judged = (
      await clients[KRG_T1]!.post(`${base()}/tasks`, { title: 'Монтаж щита', kind: 'judged', maxScore: 10 })
    ).json.id;
    measured = (
      await clients[KRG_T1]!.post(`${base()}/tasks`, { title: 'Прозвонка', kind: 'measured', maxScore: 5 })
    ).json.id;
  });
  afterAll(async () => {
    await app?.stop();
  });

  function base() {
    return `/api/events/${event.id}/olympiad`;
  }
  const invite = (body: Record<string, unknown>, client = clients[KRG_COORD]!) =>
    client.post(`/api/events/${event.id}/invitations`, body);
  const anonymous = () => app.client();
  const inside = () => clock.set(new Date(event.start.getTime() + 5 * MIN));
  const asJury = (method: string, path: string, cred: string, body?: unknown) =>
    anonymous().request(method, path, body, { authorization: `Bearer ${cred}` });
  const guestMark = (cred: string, taskId: string, competitor: string, body: Record<string, unknown>) =>
    asJury('PUT', `${base()}/tasks/${taskId}/marks/${ids[competitor]}`, cred, body);
  const credentialFor = (link: string, guestKey: string) =>
    anonymous().post(`/api/invitations/${tokenOf(link)}/jury-credential`, { guestKey });

  it('when a host makes a jury invitation, then it names the host’s college; a college not of the event, or on a guest link, is refused at the field', async () => {
    const wrongRole = await invite({ role: 'guest', institutionId: colleges[KRG_COORD] });
    expect(wrongRole.status).toBe(422);
    expect(wrongRole.json.errors[0].field).toBe('institutionId');
    const outsider = await invite({ role: 'jury', institutionId: randomUUID() });
    expect(outsider.status).toBe(422);
    expect(outsider.json.errors[0].field).toBe('institutionId');
    const created = await invite({ role: 'jury', label: 'Эксперт WorldSkills, ТОО «Энерго»' });
    expect(created.status).toBe(201);
    juryLink = created.json.url;
    juryInvitationId = created.json.id;
    const listed = await clients[KRG_COORD]!.get(`/api/events/${event.id}/invitations`);
    expect(listed.json.find((i: { id: string }) => i.id === juryInvitationId)).toMatchObject({
      role: 'jury',
      institutionId: colleges[KRG_COORD],
    });
  });

  it('when the invited juror joins, then with their guest key they get a jury credential and are on the jury with the label and college', async () => {
    inside();
    const joined = await anonymous().post(`/api/invitations/${tokenOf(juryLink)}/join`, {
      displayName: 'Айгуль Серикова',
    });
    expect(joined.status).toBe(200);
    guest = { guestKey: joined.json.guestKey, lobbyId: joined.json.lobbyId };
    const cred = await credentialFor(juryLink, guest.guestKey);
    expect(cred.status).toBe(200);
    expect(cred.json).toMatchObject({
      jurorId: guest.lobbyId,
      event: { id: event.id, title: 'Олимпиада: электромонтаж', kind: 'olympiad' },
    });
    expect(cred.json.event.institutions).toHaveLength(2);
    expect(new Date(cred.json.expiresAt).getTime() - clock.now().getTime()).toBe(15 * MIN);
    credential = cred.json.credential;
    const olympiad = await asJury('GET', base(), credential);
    expect(olympiad.status).toBe(200);
    expect(olympiad.json.jurors).toContainEqual({
      id: guest.lobbyId,
      name: 'Айгуль Серикова',
      institutionId: colleges[KRG_COORD],
      kind: 'invitation',
      label: 'Эксперт WorldSkills, ТОО «Энерго»',
    });
    // The hosts see the same jury.
    const hosts = await clients[MSK_T1]!.get(base());
    expect(hosts.json.jurors.map((j: { id: string }) => j.id)).toContain(guest.lobbyId);
  });

  it('when the invited juror marks a competitor of the college their invitation names on a judged task, then 409; another college’s, then it counts and is audited', async () => {
    const own = await guestMark(credential, judged, event.krgStudent, { score: 9 });
    expect(own.status).toBe(409);
    expect(own.json.code).toBe('conflict_of_interest');
    const other = await guestMark(credential, judged, event.mskStudent, { score: 6 });
    expect(other.status).toBe(200);
    expect(other.json).toMatchObject({ jurorId: guest.lobbyId, score: 6 });
    expect((await guestMark(credential, measured, event.krgStudent, { passed: true })).status).toBe(200);
    expect(
      (
        await clients[KRG_T1]!.request('PUT', `${base()}/tasks/${judged}/marks/${ids[event.mskStudent]}`, {
          score: 8,
        })
      ).status,
    ).toBe(200);
    // Both eligible judges (Karaganda's teacher and the invited juror) have marked: revealed together.
    const live = await asJury('GET', `${base()}/results`, credential);
    expect(live.status).toBe(200);
    const msk = live.json.results.find(
      (r: { competitorId: string }) => r.competitorId === ids[event.mskStudent],
    );
    expect(msk.tasks.find((t: { taskId: string }) => t.taskId === judged)).toMatchObject({
      score: 7,
      judgeScores: [6, 8],
      marksExpected: 2,
    });
    const changed = await guestMark(credential, judged, event.mskStudent, { score: 7 });
    expect(changed.status).toBe(200);
    const audit = await clients[MSK_T1]!.get(`${base()}/audit`);
    expect(audit.status).toBe(200);
    expect(audit.json.at(-1)).toMatchObject({
      actorId: null,
      jurorId: guest.lobbyId,
      byGuest: { displayName: 'Айгуль Серикова', label: 'Эксперт WorldSkills, ТОО «Энерго»' },
      taskId: judged,
      competitorId: ids[event.mskStudent],
      from: { score: 6 },
      to: { score: 7 },
    });
    const stored = await app.ctx.db
      .selectFrom('olympiadMarks')
      .select(['jurorUserId', 'jurorGuestId'])
      .where('jurorId', '=', guest.lobbyId)
      .execute();
    expect(stored).toHaveLength(2);
    expect(stored.every((m) => m.jurorUserId === null && m.jurorGuestId === guest.lobbyId)).toBe(true);
  });

  it('when a guest or a speaker link is used for the jury tools, then 403, and they are not on the jury', async () => {
    for (const role of ['guest', 'speaker']) {
      const link = (await invite({ role })).json.url;
      const joined = await anonymous().post(`/api/invitations/${tokenOf(link)}/join`, { displayName: role });
      expect(joined.status).toBe(200);
      const cred = await credentialFor(link, joined.json.guestKey);
      expect(cred.status).toBe(403);
      const jurors = (await clients[MSK_T1]!.get(base())).json.jurors;
      expect(jurors.map((j: { id: string }) => j.id)).not.toContain(joined.json.lobbyId);
    }
    // Another invitation's key does not open the jury link.
    const stranger = await anonymous().post(
      `/api/invitations/${tokenOf((await invite({ role: 'guest' })).json.url)}/join`,
      {
        displayName: 'x',
      },
    );
    expect((await credentialFor(juryLink, stranger.json.guestKey)).status).toBe(403);
  });

  it('when a jury guest waits in the lobby, then no credential until a host lets them in', async () => {
    const link = (await invite({ role: 'jury', lobby: true, institutionId: colleges[MSK_T1] })).json.url;
    const waiting = await anonymous().post(`/api/invitations/${tokenOf(link)}/join`, {
      displayName: 'Иван Петров',
    });
    expect(waiting.status).toBe(202);
    expect((await credentialFor(link, waiting.json.guestKey)).status).toBe(403);
    const admitted = await clients[KRG_COORD]!.post(
      `/api/events/${event.id}/lobby/${waiting.json.lobbyId}/admit`,
    );
    expect(admitted.status).toBe(200);
    const cred = await credentialFor(link, waiting.json.guestKey);
    expect(cred.status).toBe(200);
    // Standing for Moscow, this juror may not judge the Moscow competitor.
    const own = await guestMark(cred.json.credential, judged, event.mskStudent, { score: 5 });
    expect(own.json.code).toBe('conflict_of_interest');
  });

  it('when a credential is forged, expired or for another event, then it marks nothing', async () => {
    const [body, mac] = credential.split('.');
    const forged = Buffer.from(JSON.stringify({ v: 1, g: randomUUID(), e: event.id, exp: 9e9 })).toString(
      'base64url',
    );
    expect((await guestMark(`${forged}.${mac}`, judged, event.mskStudent, { score: 1 })).status).toBe(401);
    expect((await guestMark(`${body}.${mac}x`, judged, event.mskStudent, { score: 1 })).status).toBe(401);
    expect((await asJury('GET', `/api/events/${randomUUID()}/olympiad`, credential)).status).toBe(403);
    // Routes for hosts and the chief expert take no jury credential.
    expect((await asJury('POST', `${base()}/close`, credential, {})).status).toBe(401);
    expect(
      (await asJury('POST', `${base()}/tasks`, credential, { title: 'x', kind: 'judged', maxScore: 1 }))
        .status,
    ).toBe(401);
    clock.set(new Date(clock.now().getTime() + 16 * MIN));
    const expired = await guestMark(credential, judged, event.mskStudent, { score: 2 });
    expect(expired.status).toBe(401);
    const fresh = await credentialFor(juryLink, guest.guestKey);
    expect(fresh.status).toBe(200);
    credential = fresh.json.credential;
    expect((await asJury('GET', base(), credential)).status).toBe(200);
  });

  it('when a host revokes the jury invitation, then its juror marks no more, leaves the jury, and their marks stop counting', async () => {
    const revoked = await clients[MSK_T1]!.delete(`/api/events/${event.id}/invitations/${juryInvitationId}`);
    expect(revoked.status).toBe(200);
    const late = await guestMark(credential, judged, event.mskStudent, { score: 10 });
    expect(late.status).toBe(410);
    expect(late.json.code).toBe('invitation_revoked');
    expect((await credentialFor(juryLink, guest.guestKey)).status).toBe(410);
    const olympiad = await clients[MSK_T1]!.get(base());
    expect(olympiad.json.jurors.map((j: { id: string }) => j.id)).not.toContain(guest.lobbyId);
    const results = await clients[MSK_T1]!.get(`${base()}/results`);
    const msk = results.json.results.find(
      (r: { competitorId: string }) => r.competitorId === ids[event.mskStudent],
    );
    expect(msk.tasks.find((t: { taskId: string }) => t.taskId === judged)).toMatchObject({
      score: 8,
      judgeScores: [8],
    });
    // The audit keeps what they did.
    const audit = await clients[MSK_T1]!.get(`${base()}/audit`);
    expect(audit.json.filter((a: { jurorId: string }) => a.jurorId === guest.lobbyId)).toHaveLength(3);
  });
});
