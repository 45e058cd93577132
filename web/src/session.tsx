/** The signed-in person, their organizations and what they may do, from `GET /api/v1/me`. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, type ReactNode } from 'react';
import { ApiError, api, setActiveOrganization, setCsrfToken } from './api/client';
import type { Me } from './api/types';

interface Session {
  me: Me;
  can: (permission: string) => boolean;
  switchOrganization: (organizationId: string) => void;
}

const SessionContext = createContext<Session | null>(null);

/** Loads `/api/v1/me`: `null` when signed out (401), the session otherwise. */
export function useMeQuery() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async () => {
      try {
        const me = await api.get<Me>('/api/v1/me');
        setCsrfToken(me.csrfToken);
        setActiveOrganization(me.activeOrganizationId);
        return me;
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function SessionProvider({ me, children }: { me: Me; children: ReactNode }) {
  const qc = useQueryClient();
  const session: Session = {
    me,
    can: (p) => me.permissions.includes(p),
    switchOrganization: (id) => {
      setActiveOrganization(id);
      void qc.resetQueries();
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The session; only inside the signed-in part of the app. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
