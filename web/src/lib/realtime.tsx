import {
  parseServerEvent,
  type TClientToServerEvents,
  type TServerEventName,
  type TServerEventPayload,
  type TServerToClientEvents,
} from '@telemost/core/contracts/realtime';
import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { useAuth } from './auth.tsx';

/** Whether live updates are flowing: shown discreetly so a stale screen is not mistaken for a live one. */
export type TRealtimeStatus = 'connecting' | 'live' | 'offline';

/** The socket, typed by core's socket.io contract. */
type TSocket = Socket<TServerToClientEvents, TClientToServerEvents>;
type TRealtime = { socket: TSocket | null; status: TRealtimeStatus };

const RealtimeContext = createContext<TRealtime>({ socket: null, status: 'offline' });

/** One socket.io connection per signed-in page, authenticated by the session cookie. */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [state, setState] = useState<TRealtime>({ socket: null, status: 'offline' });

  useEffect(() => {
    if (!user) return;
    // socket.io-client is a chunk of its own, fetched once signed in: the first page does not wait
    // for it (it shows "connecting" meanwhile, as on any reconnect).
    let socket: TSocket | null = null;
    let gone = false;
    setState({ socket: null, status: 'connecting' });
    void import('socket.io-client').then(
      ({ io }) => {
        if (gone) return;
        // WebSocket only: long-polling spreads one session's requests over several api instances, which
        // fails behind a load balancer without sticky sessions.
        const s: TSocket = io({
          path: '/socket.io',
          withCredentials: true,
          reconnectionDelayMax: 30_000,
          transports: ['websocket'],
        });
        socket = s;
        setState({ socket: s, status: 'connecting' });
        s.on('connect', () => setState({ socket: s, status: 'live' }));
        s.on('disconnect', () => setState({ socket: s, status: 'connecting' }));
        s.on('connect_error', () => setState({ socket: s, status: 'offline' }));
      },
      () => {
        if (!gone) setState({ socket: null, status: 'offline' });
      },
    );
    return () => {
      gone = true;
      socket?.removeAllListeners();
      socket?.disconnect();
      setState({ socket: null, status: 'offline' });
    };
  }, [user]);

  return <RealtimeContext.Provider value={state}>{children}</RealtimeContext.Provider>;
}

/** The socket and its status. */
export function useRealtime(): TRealtime {
  return useContext(RealtimeContext);
}

/**
 * Calls `handler` for each `event` pushed by the server while the component is mounted, with the
 * payload parsed by core's schema for that event (a message outside the contract is dropped).
 */
export function useSocketEvent<E extends TServerEventName>(
  event: E,
  handler: (payload: TServerEventPayload<E>) => void,
): void {
  const { socket } = useRealtime();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!socket) return;
    const listener = (raw: unknown) => {
      const parsed = parseServerEvent(event, raw);
      if (parsed.success) ref.current(parsed.data);
    };
    const untyped = socket as unknown as {
      on: (e: string, l: (raw: unknown) => void) => void;
      off: (e: string, l: (raw: unknown) => void) => void;
    };
    untyped.on(event, listener);
    return () => {
      untyped.off(event, listener);
    };
  }, [socket, event]);
}

/**
 * Joins the event's room (`event:watch`) for `event:changed` and `room:status` pushes, again after
 * every reconnect since the server forgets rooms of a dropped socket.
 */
export function useWatchEvent(eventId: string | undefined): void {
  const { socket } = useRealtime();
  useEffect(() => {
    if (!socket || !eventId) return;
    const watch = () => socket.emit('event:watch', { eventId });
    if (socket.connected) watch();
    socket.on('connect', watch);
    return () => {
      socket.off('connect', watch);
      socket.emit('event:unwatch', { eventId });
    };
  }, [socket, eventId]);
}
