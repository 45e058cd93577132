/** The organization's people, for owner and assignee pickers (`GET /api/v1/team`). */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api/client';
import type { TeamMember } from '../api/types';

export function useTeamMembers() {
  const query = useQuery({
    queryKey: ['team'],
    queryFn: () => api.get<TeamMember[]>('/api/v1/team'),
    staleTime: 5 * 60_000,
  });
  const members = query.data ?? [];
  /** user id → name. */
  const names = useMemo(() => new Map((query.data ?? []).map((m) => [m.userId, m.name || m.email])), [query.data]);
  return { members, names, isPending: query.isPending };
}
