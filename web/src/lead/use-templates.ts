/** Message templates rendered for one lead (`GET /api/v1/leads/:id/templates`). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { MessageTemplate } from '../api/types';

export function useTemplates(leadId: string) {
  return useQuery({
    queryKey: ['lead-templates', leadId],
    queryFn: () => api.get<MessageTemplate[]>(`/api/v1/leads/${encodeURIComponent(leadId)}/templates`),
    staleTime: 5 * 60_000,
  });
}
