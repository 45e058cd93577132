/** The recovery queue (`GET /api/v1/queue`): live updates invalidate it, and it refetches every 30 s regardless. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { QueueResponse } from '../api/types';
import { queueApiQuery, type QueueFilters } from './queue-filters';

const FALLBACK_REFETCH_MS = 30_000;

export function useQueue(filters: QueueFilters) {
  const query = queueApiQuery(filters);
  return useQuery({
    queryKey: ['queue', query],
    queryFn: () => api.get<QueueResponse>(`/api/v1/queue${query}`),
    refetchInterval: FALLBACK_REFETCH_MS,
    placeholderData: keepPreviousData,
  });
}
