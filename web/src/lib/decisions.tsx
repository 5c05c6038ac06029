import { type TEventView, ZEventViewSchema } from '@telemost/core/schemas/event';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { z } from 'zod';
import { apiRequest } from './api-client.ts';
import { isStaff, useUser } from './auth.tsx';
import { useRealtime, useSocketEvent } from './realtime.tsx';

const ZDecisionsSchema = z.object({ items: z.array(ZEventViewSchema), total: z.number() });

/** The proposals waiting for the viewer's answer: one list for the header counter and the inbox. */
export type TDecisions = {
  items: TEventView[];
  total: number;
  loaded: boolean;
  error: unknown;
  reload: () => void;
  /** Takes an answered proposal off at once, before the reload confirms it. */
  drop: (eventId: string) => void;
};

const EMPTY: TDecisions = {
  items: [],
  total: 0,
  loaded: false,
  error: null,
  reload: () => {},
  drop: () => {},
};
const DecisionsContext = createContext<TDecisions>(EMPTY);

/**
 * Loads `GET /api/me/decisions` for staff, and again whenever something may have changed it: a
 * new notification (a proposal arrived, a colleague answered), an `event:changed` push, the socket
 * coming back after a drop.
 */
export function DecisionsProvider({ children }: { children: ReactNode }) {
  const user = useUser();
  const staff = isStaff(user);
  const { status } = useRealtime();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<Omit<TDecisions, 'reload' | 'drop'>>(EMPTY);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const drop = useCallback(
    (eventId: string) =>
      setState((s) =>
        s.items.some((e) => e.id === eventId)
          ? { ...s, items: s.items.filter((e) => e.id !== eventId), total: Math.max(0, s.total - 1) }
          : s,
      ),
    [],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick and the socket coming live ask for a reload.
  useEffect(() => {
    if (!staff) return;
    const controller = new AbortController();
    apiRequest('/api/me/decisions', ZDecisionsSchema, { signal: controller.signal }).then(
      (res) => setState({ items: res.items, total: res.total, loaded: true, error: null }),
      (err: unknown) => {
        if (!controller.signal.aborted) setState((s) => ({ ...s, loaded: true, error: err }));
      },
    );
    return () => controller.abort();
  }, [staff, tick, status === 'live']);
  useSocketEvent('notification', reload);
  useSocketEvent('event:changed', reload);

  return <DecisionsContext.Provider value={{ ...state, reload, drop }}>{children}</DecisionsContext.Provider>;
}

/** The proposals waiting for the viewer (empty for students and guests). */
export function useDecisions(): TDecisions {
  return useContext(DecisionsContext);
}
