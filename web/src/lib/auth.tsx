import { type TUser, ZUserSchema } from '@telemost/core/schemas/user';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { apiRequest } from './api-client.ts';
import { useI18n } from './i18n/i18n.tsx';

type TAuth = {
  /** undefined while the session is being checked; null when signed out. */
  user: TUser | null | undefined;
  signIn: (email: string, password: string) => Promise<TUser>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<TAuth | null>(null);

/** Holds the signed-in user; a 401 from any call signs the page out. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<TUser | null | undefined>(undefined);
  const { adoptAccountLocale } = useI18n();

  useEffect(() => {
    const controller = new AbortController();
    apiRequest('/api/me', ZUserSchema, { signal: controller.signal }).then(
      // The account's language is loaded before its pages show, so they do not flash in Russian.
      (me) =>
        adoptAccountLocale(me.locale).then(() => {
          if (!controller.signal.aborted) setUser(me);
        }),
      () => {
        if (!controller.signal.aborted) setUser(null);
      },
    );
    const onUnauthenticated = () => setUser(null);
    window.addEventListener('telemost:unauthenticated', onUnauthenticated);
    return () => {
      controller.abort();
      window.removeEventListener('telemost:unauthenticated', onUnauthenticated);
    };
  }, [adoptAccountLocale]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const me = await apiRequest('/api/auth/login', ZUserSchema, {
        method: 'POST',
        body: { email, password },
      });
      await adoptAccountLocale(me.locale);
      setUser(me);
      return me;
    },
    [adoptAccountLocale],
  );

  const signOut = useCallback(async () => {
    await apiRequest('/api/auth/logout', null, { method: 'POST' }).catch(() => {});
    setUser(null);
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** The session: the user, sign in, sign out. */
export function useAuth(): TAuth {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in user; only for screens behind the sign-in guard. */
export function useUser(): TUser {
  const { user } = useAuth();
  if (!user) throw new Error('useUser on a signed-out screen');
  return user;
}

/** Staff who book and decide on joint activities. */
export const isStaff = (user: TUser) =>
  user.role === 'admin' || user.role === 'coordinator' || user.role === 'teacher';

/** Coordinators and admins: reports and the dashboard. */
export const isCoordinator = (user: TUser) => user.role === 'admin' || user.role === 'coordinator';
