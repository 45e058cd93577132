/**
 * The queue's filters, kept in the URL so a filtered view can be bookmarked, shared and survives reload.
 * `from`/`to` are calendar days (`YYYY-MM-DD`) in the URL and instants in the API request.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { endOfDayIso, startOfDayIso } from '../format/datetime-local';

export interface QueueFilters {
  stage: string;
  intent: string;
  /** `emergency`, `normal` or `` (any). */
  urgency: string;
  /** A user id, `me`, `none` (unassigned) or `` (anyone). */
  owner: string;
  /** A lead source or a number. */
  source: string;
  overdue: boolean;
  /** `open` (default) or `closed`. */
  status: string;
  from: string;
  to: string;
}

const TEXT_KEYS = ['stage', 'intent', 'urgency', 'owner', 'source', 'status', 'from', 'to'] as const;

function readFilters(params: URLSearchParams): QueueFilters {
  return {
    stage: params.get('stage') ?? '',
    intent: params.get('intent') ?? '',
    urgency: params.get('urgency') ?? '',
    owner: params.get('owner') ?? '',
    source: params.get('source') ?? '',
    overdue: params.get('overdue') === 'true',
    status: params.get('status') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
}

/** The query string of `GET /api/v1/queue` for these filters. */
export function queueApiQuery(f: QueueFilters): string {
  const q = new URLSearchParams();
  for (const key of ['stage', 'intent', 'urgency', 'owner', 'status'] as const) if (f[key]) q.set(key, f[key]);
  if (f.source.trim()) q.set('source', f.source.trim());
  if (f.overdue) q.set('overdue', 'true');
  const from = startOfDayIso(f.from);
  const to = endOfDayIso(f.to);
  if (from) q.set('from', from);
  if (to) q.set('to', to);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** How many filters narrow the queue. */
export function activeFilterCount(f: QueueFilters): number {
  return TEXT_KEYS.filter((k) => f[k] !== '').length + (f.overdue ? 1 : 0);
}

/** Whether any filter narrows the queue. */
export function hasFilters(f: QueueFilters): boolean {
  return activeFilterCount(f) > 0;
}

/** The filters in the URL, and a setter that changes some of them (replacing the history entry). */
export function useQueueFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const setFilters = useCallback(
    (patch: Partial<QueueFilters>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(patch)) {
            if (value === '' || value === false || value === null || value === undefined) next.delete(key);
            else next.set(key, String(value));
          }
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clearFilters = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { filters, setFilters, clearFilters };
}
