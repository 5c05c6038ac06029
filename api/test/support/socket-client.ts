import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '@telemost/server/seed/demo-data';
import { io, type Socket } from 'socket.io-client';

/** Signs in over HTTP and returns the session cookie (`name=value`). */
export async function sessionCookie(
  baseUrl: string,
  email: string,
  password = DEMO_PASSWORD,
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login as ${email} failed: ${res.status}`);
  return res.headers.getSetCookie()[0]!.split(';')[0]!;
}

export type TestSocket = {
  socket: Socket;
  /** Every message received, by event name, in order. */
  received: <T = unknown>(event: string) => T[];
  /** Emits with an acknowledgement and resolves with the server's reply. */
  request: <T = Record<string, unknown>>(event: string, payload: unknown) => Promise<T>;
  close: () => void;
};

/** A socket.io client as the browser has it: same origin path, the session cookie, websocket. */
export async function connectSocket(
  baseUrl: string,
  cookie: string | null,
  headers: Record<string, string> = {},
): Promise<TestSocket> {
  const extraHeaders = { ...headers, ...(cookie ? { cookie } : {}) };
  const socket = io(baseUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    ...(Object.keys(extraHeaders).length ? { extraHeaders } : {}),
  });
  const log = new Map<string, unknown[]>();
  socket.onAny((event: string, payload: unknown) => {
    const list = log.get(event) ?? [];
    list.push(payload);
    log.set(event, list);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
  return {
    socket,
    received: <T>(event: string) => (log.get(event) ?? []) as T[],
    request: <T>(event: string, payload: unknown) =>
      socket.timeout(5000).emitWithAck(event, payload) as Promise<T>,
    close: () => socket.close(),
  };
}

/**
 * Notifications of core's contract, named by a label in the test (ids must be uuids): the same
 * label gives the same notification, so what a socket received can be compared with `note(label)`.
 */
export function notificationsByLabel() {
  const ids = new Map<string, string>();
  return (label: string) => {
    if (!ids.has(label)) ids.set(label, randomUUID());
    return {
      id: ids.get(label)!,
      kind: 'event.proposed',
      eventId: null,
      payload: {},
      createdAt: '2027-02-10T06:45:00.000Z',
      readAt: null,
    };
  };
}
