import { signIn } from './api-process.ts';

export type Lesson = { eventId: string; teacherEmail: string; studentEmail: string; outsiderEmail: string };

async function call(url: string, cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => null)) as any;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Books a confirmed joint lesson between Moscow college No. 26 and the Karaganda College of
 * Construction that starts in `startsInMinutes` (inside the join window), through the real api:
 * the Moscow coordinator proposes (overriding the calendar, since tests run at any hour), the
 * Karaganda coordinator confirms.
 */
export async function bookConfirmedLesson(
  url: string,
  options: { startsInMinutes: number; durationMinutes: number },
): Promise<Lesson> {
  const msk = (await signIn(url, 'coordinator.msk-26@telemost.example')).header;
  const krg = (await signIn(url, 'coordinator.krg-construction@telemost.example')).header;
  const institutions = (await call(url, msk, 'GET', '/api/institutions')).items as {
    id: string;
    code: string;
  }[];
  const idOf = (code: string) => institutions.find((i) => i.code === code)!.id;
  const groups = (await call(url, msk, 'GET', '/api/groups')).items as {
    id: string;
    name: string;
    institutionId: string;
  }[];
  // The colleges' first groups: the demo activities of a first start use the second ones.
  const groupId = (code: string, name: string) =>
    groups.find((g) => g.institutionId === idOf(code) && g.name === name)!.id;
  const partnershipId = (await call(url, msk, 'GET', '/api/partnerships')).items[0].id as string;
  const teacherEmail = 'teacher1.msk-26@telemost.example';
  const teachers = (await call(url, msk, 'GET', '/api/users?role=teacher')).items as {
    id: string;
    email: string;
  }[];
  const start = new Date(Math.ceil((Date.now() + options.startsInMinutes * 60_000) / 60_000) * 60_000);
  const booked = await call(url, msk, 'POST', '/api/events', {
    partnershipId,
    kind: 'joint_lesson',
    title: 'Телемост: BIM-моделирование',
    start: start.toISOString(),
    durationMinutes: options.durationMinutes,
    groupIds: [groupId('msk-26', 'АД-21'), groupId('krg-construction', 'ҚС-21')],
    teacherIds: [teachers.find((t) => t.email === teacherEmail)!.id],
    overrideCalendar: true,
    overrideNote: 'e2e',
  });
  const eventId = booked.items[0].id as string;
  await call(url, krg, 'POST', `/api/events/${eventId}/confirm`, {});
  let studentEmail = '';
  for (let n = 1; n <= 6 && !studentEmail; n++) {
    const email = `student${n}.krg-construction@telemost.example`;
    const me = (await signIn(url, email)).header;
    const res = await fetch(`${url}/api/events/${eventId}`, { headers: { cookie: me } });
    if (res.ok) studentEmail = email;
  }
  if (!studentEmail) throw new Error('no Karaganda student takes part in the lesson');
  return { eventId, teacherEmail, studentEmail, outsiderEmail: 'student1.msk-23@telemost.example' };
}
