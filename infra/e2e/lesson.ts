import { DateTime } from 'luxon';
import { signIn } from './api-process.ts';

/**
 * Minutes from now until tomorrow at `hour`:00 Moscow: for a booking whose page a test reads on
 * both clocks, at the same hour whatever the time the tests run at (a lesson booked "this time
 * tomorrow" by an evening run crosses midnight in Karaganda, and its times read "(+1)").
 */
export function minutesUntilTomorrowInMoscow(hour: number): number {
  const at = DateTime.now()
    .setZone('Europe/Moscow')
    .plus({ days: 1 })
    .set({ hour, minute: 0, second: 0, millisecond: 0 });
  return Math.round(at.diffNow('minutes').minutes);
}

export type Lesson = {
  eventId: string;
  teacherEmail: string;
  /** The Karaganda teacher, when booked with `partnerTeacher` (an equal host of the lesson). */
  partnerTeacherEmail: string | null;
  studentEmail: string;
  outsiderEmail: string;
};

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
 * Karaganda coordinator confirms. `kind` books another activity of the plan the same way (a
 * conference, say).
 */
export async function bookConfirmedLesson(
  url: string,
  options: {
    startsInMinutes: number;
    durationMinutes: number;
    kind?: string;
    title?: string;
    partnerTeacher?: boolean;
  },
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
  const partnerTeacherEmail = options.partnerTeacher ? 'teacher1.krg-construction@telemost.example' : null;
  const teachers = (await call(url, msk, 'GET', '/api/users?role=teacher')).items as {
    id: string;
    email: string;
  }[];
  const start = new Date(Math.ceil((Date.now() + options.startsInMinutes * 60_000) / 60_000) * 60_000);
  const booked = await call(url, msk, 'POST', '/api/events', {
    partnershipId,
    kind: options.kind ?? 'joint_lesson',
    title: options.title ?? 'Телемост: BIM-моделирование',
    start: start.toISOString(),
    durationMinutes: options.durationMinutes,
    groupIds: [groupId('msk-26', 'АД-21'), groupId('krg-construction', 'ҚС-21')],
    teacherIds: [teacherEmail, ...(partnerTeacherEmail ? [partnerTeacherEmail] : [])].map(
      (email) => teachers.find((t) => t.email === email)!.id,
    ),
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
  return {
    eventId,
    teacherEmail,
    partnerTeacherEmail,
    studentEmail,
    outsiderEmail: 'student1.msk-23@telemost.example',
  };
}

/** The e-mails of the lesson's students of one college (demo accounts), in the roster's order. */
export async function studentsOf(url: string, eventId: string, code: string): Promise<string[]> {
  const found: string[] = [];
  for (let n = 1; n <= 6; n++) {
    const email = `student${n}.${code}@telemost.example`;
    const me = (await signIn(url, email)).header;
    const res = await fetch(`${url}/api/events/${eventId}`, { headers: { cookie: me } });
    if (res.ok) found.push(email);
  }
  return found;
}
