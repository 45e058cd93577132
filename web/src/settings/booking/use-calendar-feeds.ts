/** The calendar feed API for the Settings tab and the profile dialog: list, make (or replace), turn off. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { CalendarFeeds, CalendarFeedSummary, CreatedCalendarFeed } from '../types';

export const CALENDAR_FEEDS_KEY = ['calendar-feeds'] as const;

/** `GET /api/v1/calendar-feeds`: whether the person's own feed and the organization's exist (never their URLs). */
export function useCalendarFeeds() {
  return useQuery({ queryKey: CALENDAR_FEEDS_KEY, queryFn: () => api.get<CalendarFeeds>('/api/v1/calendar-feeds') });
}

/** `POST /api/v1/calendar-feeds`: makes a feed of `scope`, replacing the previous one; the answer carries the URL, once. */
export function useCreateCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (scope: CalendarFeedSummary['scope']) => api.post<CreatedCalendarFeed>('/api/v1/calendar-feeds', { scope }),
    onSettled: () => void qc.invalidateQueries({ queryKey: CALENDAR_FEEDS_KEY }),
  });
}

/** `DELETE /api/v1/calendar-feeds/:id`: the feed's URL stops working. */
export function useRevokeCalendarFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<unknown>(`/api/v1/calendar-feeds/${encodeURIComponent(id)}`),
    onSettled: () => void qc.invalidateQueries({ queryKey: CALENDAR_FEEDS_KEY }),
  });
}
