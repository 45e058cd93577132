/**
 * The booking API as queries and mutations: bookings of a range (`GET /api/v1/bookings`), arrival
 * windows (`GET /api/v1/availability`), and book / reschedule-or-assign / cancel. Every write refreshes
 * the calendar, the availability, the lead's thread and the queue (a booking moves the lead's stage).
 * Failures are the caller's to show (forms keep the person's input; the calendar snaps back).
 */
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Booking, BookingCreate, BookingPatch, Opening } from '../api/types';

/** Query keys: `['bookings', …]`, `['booking', id]` and `['availability', …]` are invalidated by every booking write. */
export const bookingsKey = (from: string, to: string) => ['bookings', from, to] as const;
export const availabilityKey = (from: string, to: string, includeFull: boolean) => ['availability', from, to, includeFull] as const;

/** How often an open calendar refetches (bookings made by customers or the API elsewhere). */
const REFRESH_MS = 30_000;

/** Live bookings (`status=booked`) whose window starts in `[from, to)` (ISO instants). A technician gets only their own. */
export function useBookings(from: string, to: string) {
  return useQuery({
    queryKey: bookingsKey(from, to),
    queryFn: () => api.get<Booking[]>(`/api/v1/bookings?${new URLSearchParams({ from, to, status: 'booked' })}`),
    refetchInterval: REFRESH_MS,
  });
}

/** One booking (`GET /api/v1/bookings/:id`), or disabled while `id` is null. */
export function useBooking(id: string | null) {
  return useQuery({
    queryKey: ['booking', id ?? ''],
    queryFn: () => api.get<Booking>(`/api/v1/bookings/${encodeURIComponent(id!)}`),
    enabled: Boolean(id),
  });
}

/**
 * Arrival windows starting in `[from, to)`: bookable ones with their `remaining` capacity, and with
 * `includeFull` the full ones too (`remaining: 0`, for the calendar). `enabled: false` skips the request.
 */
export function useOpenings(from: string, to: string, opts: { includeFull?: boolean; enabled?: boolean } = {}) {
  const includeFull = opts.includeFull ?? false;
  const params = new URLSearchParams({ from, to, ...(includeFull ? { includeFull: 'true' } : {}) });
  return useQuery({
    queryKey: availabilityKey(from, to, includeFull),
    queryFn: () => api.get<Opening[]>(`/api/v1/availability?${params}`),
    enabled: opts.enabled ?? true,
    refetchInterval: REFRESH_MS,
  });
}

/** Refetches everything a booking write can change. */
export function refreshAfterBookingWrite(queryClient: QueryClient, leadId: string | null): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['bookings'] }),
    queryClient.invalidateQueries({ queryKey: ['booking'] }),
    queryClient.invalidateQueries({ queryKey: ['availability'] }),
    queryClient.invalidateQueries({ queryKey: ['queue'] }),
    leadId ? queryClient.invalidateQueries({ queryKey: ['lead', leadId] }) : Promise.resolve(),
  ]);
}

/**
 * `POST /api/v1/bookings` with `Idempotency-Key: idempotencyKey`: the form generates the key once, so a
 * double click or a retry after a lost response books once (the server answers the replay with the same
 * booking).
 */
export function useCreateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BookingCreate; idempotencyKey: string }) =>
      api.post<Booking>('/api/v1/bookings', body, { 'idempotency-key': idempotencyKey }),
    onSettled: (_booking, _err, { body }) => refreshAfterBookingWrite(queryClient, body.leadId),
  });
}

/** `PATCH /api/v1/bookings/:id`: a new window (`start` and `end` together) and/or technician. */
export function useUpdateBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ booking, patch }: { booking: Booking; patch: BookingPatch }) =>
      api.patch<Booking>(`/api/v1/bookings/${encodeURIComponent(booking.id)}`, patch),
    onSettled: (_res, _err, { booking }) => refreshAfterBookingWrite(queryClient, booking.leadId),
  });
}

/**
 * A drag on the calendar: `PATCH /api/v1/bookings/:id` with `patch`, showing `moved` (the booking as it
 * will be) at once in every cached range; on failure (409 full window…) every range is put back as it
 * was, so the event snaps back, and the error is the caller's to show.
 */
export function useMoveBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ booking, patch }: { booking: Booking; patch: BookingPatch; moved: Booking }) =>
      api.patch<Booking>(`/api/v1/bookings/${encodeURIComponent(booking.id)}`, patch),
    onMutate: async ({ moved }) => {
      await queryClient.cancelQueries({ queryKey: ['bookings'] });
      const before = queryClient.getQueriesData<Booking[]>({ queryKey: ['bookings'] });
      queryClient.setQueriesData<Booking[]>({ queryKey: ['bookings'] }, (list) => list?.map((b) => (b.id === moved.id ? moved : b)));
      return { before };
    },
    onError: (_err, _vars, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: (_res, _err, { booking }) => refreshAfterBookingWrite(queryClient, booking.leadId),
  });
}

/** `DELETE /api/v1/bookings/:id` with the reason (optional). Answers the canceled booking. */
export function useCancelBooking() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ booking, reason }: { booking: Booking; reason: string }) =>
      api.del<Booking>(`/api/v1/bookings/${encodeURIComponent(booking.id)}`, reason.trim() ? { reason: reason.trim() } : {}),
    onSettled: (_res, _err, { booking }) => refreshAfterBookingWrite(queryClient, booking.leadId),
  });
}
