import { createContext, useContext } from 'react';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Me } from '../../../shared/src/contracts/auth';
import type { Action } from '../../../shared/src/domain/permissions';
import type { Role } from '../../../shared/src/enums';
import { api, ApiError } from './client';

export const ME_KEY = ['me'] as const;

/** The session: `null` when nobody is logged in. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
}

/**
 * The session gate provides the logged-in user to the pages under it. A context rather than the query:
 * while a logout or a lost session tears the pages down, a page re-rendering on its own still sees the
 * user it was rendered for instead of an empty cache.
 */
export const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside the session gate');
  return me;
}

export function useAbility(action: Action): boolean {
  return useSession().abilities.includes(action);
}

export function primaryRole(me: Me): Role | null {
  return me.roles[0] ?? null;
}

export function login(username: string, password: string): Promise<Me> {
  return api.post<Me>('/api/auth/login', { username, password });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<Me> {
  return api.post<Me>('/api/auth/password', { currentPassword, newPassword });
}

let signingOut = false;

/** True while a logout leaves for the login page (the session gate then waits instead of redirecting). */
export function isSigningOut(): boolean {
  return signingOut;
}

/** Ends the session, empties the cache and leaves for the login page (`leave` navigates there). */
export async function logout(qc: QueryClient, leave: () => void | Promise<void>): Promise<void> {
  signingOut = true;
  try {
    await api.post('/api/auth/logout');
  } finally {
    qc.setQueryData(ME_KEY, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    try {
      await leave();
    } finally {
      signingOut = false;
    }
  }
}

export function useSetMe(): (me: Me | null) => void {
  const qc = useQueryClient();
  return (me) => qc.setQueryData(ME_KEY, me);
}
