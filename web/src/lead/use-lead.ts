/** The lead thread (`GET /api/v1/leads/:id`), kept fresh by live updates (`['lead', id]`). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { LeadDetail } from '../api/types';

export const leadQueryKey = (leadId: string) => ['lead', leadId] as const;

export function useLead(leadId: string | undefined) {
  return useQuery({
    queryKey: leadQueryKey(leadId ?? ''),
    queryFn: () => api.get<LeadDetail>(`/api/v1/leads/${encodeURIComponent(leadId!)}`),
    enabled: Boolean(leadId),
  });
}
