/** Queries of the team API. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Invitation, TeamMember } from '../settings/types';

export const TEAM_KEY = ['team'] as const;
export const INVITATIONS_KEY = ['team', 'invitations'] as const;

/** `GET /api/v1/team`: everyone in the organization. */
export function useTeamQuery() {
  return useQuery({ queryKey: TEAM_KEY, queryFn: () => api.get<TeamMember[]>('/api/v1/team') });
}

/** `GET /api/v1/team/invitations`: invitations not yet accepted. */
export function useInvitationsQuery() {
  return useQuery({ queryKey: INVITATIONS_KEY, queryFn: () => api.get<Invitation[]>('/api/v1/team/invitations') });
}
