/**
 * The send gate's verdict on a draft (`POST /messages/preview`), asked 300 ms after typing stops.
 * `isCurrent` says whether the verdict is for exactly the text now in the box.
 */
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { MessagePreview } from '../api/types';

const DEBOUNCE_MS = 300;
/** Quiet hours and caps change with the clock: re-ask while a draft sits in the box. */
const RECHECK_MS = 60_000;

export function useMessagePreview(leadId: string, body: string) {
  const [debounced] = useDebouncedValue(body, DEBOUNCE_MS);
  const enabled = debounced.trim() !== '';
  const query = useQuery({
    queryKey: ['message-preview', leadId, debounced],
    queryFn: () => api.post<MessagePreview>(`/api/v1/leads/${encodeURIComponent(leadId)}/messages/preview`, { body: debounced }),
    enabled,
    staleTime: RECHECK_MS,
    refetchInterval: RECHECK_MS,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const isCurrent = enabled && debounced === body && !query.isPlaceholderData && !query.isFetching;
  return { preview: query.data ?? null, error: query.error, isCurrent, isChecking: body.trim() !== '' && !isCurrent };
}
