import type { TNotification } from '@telemost/core/schemas/notification';
import { useCallback } from 'react';
import { useToast } from '../../../components/toaster.tsx';
import { useApi } from '../../../hooks/use-api.ts';
import { useSocketEvent } from '../../../lib/realtime.tsx';
import { listNotifications, markAllRead, markRead } from '../api/notifications-api.ts';

/** What the web shows of a notification: the api writes title and body in the reader's language. */
export function notificationText(n: TNotification): { title: string; body: string; times: string } {
  const p = n.payload as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  return { title: str(p.title), body: str(p.body), times: str(p.times) };
}

/** The user's notifications, kept live: a pushed one is prepended, counted and toasted. */
export function useNotifications() {
  const state = useApi((signal) => listNotifications(signal), []);
  const toast = useToast();
  const { data, setData } = state;

  useSocketEvent('notification', (n) => {
    const current = data ?? { items: [], unread: 0 };
    if (current.items.some((x) => x.id === n.id)) return;
    setData({ items: [n, ...current.items].slice(0, 50), unread: current.unread + 1 });
    const text = notificationText(n);
    toast.show({
      title: text.title,
      body: text.times || text.body,
      href: n.eventId ? `/events/${n.eventId}` : undefined,
    });
  });

  const readOne = useCallback(
    async (id: string) => {
      if (!data) return;
      const target = data.items.find((x) => x.id === id);
      if (!target || target.readAt) return;
      setData({
        items: data.items.map((x) => (x.id === id ? { ...x, readAt: new Date().toISOString() } : x)),
        unread: Math.max(0, data.unread - 1),
      });
      await markRead(id).catch(() => state.reload());
    },
    [data, setData, state],
  );

  const readAll = useCallback(async () => {
    if (!data) return;
    const now = new Date().toISOString();
    setData({ items: data.items.map((x) => ({ ...x, readAt: x.readAt ?? now })), unread: 0 });
    await markAllRead().catch(() => state.reload());
  }, [data, setData, state]);

  return { ...state, readOne, readAll };
}
