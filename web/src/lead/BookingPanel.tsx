/**
 * Booking from the lead thread (issue 6). Without a live booking, people who may work leads book one:
 * an opening from the next arrival windows (grouped by day, with the places left), job type, technician,
 * and the customer's name, address, ZIP, problem and notes, prefilled from what the lead knows
 * (`bookingDraftFromLead`). "Book" sends `POST /api/v1/bookings` with an `Idempotency-Key` kept per
 * request body, so a double click books once. The server's refusals (409 the window filled, 409 already
 * booked, 422 outside the service area) show next to the form, which keeps what was typed.
 * With a live booking: its details with Reschedule and Cancel booking (`BookingDetails`).
 */
import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import type { LeadDetail } from '../api/types';
import { BookingDetails } from '../calendar/BookingDetails';
import { OpeningPicker } from '../calendar/OpeningPicker';
import { useCreateBooking } from '../calendar/use-bookings';
import { openingValue, windowWithDayLabel } from '../calendar/window-label';
import { useSession } from '../session';
import { bookingCreateBody, bookingDraftFromLead, bookingDraftProblem, type BookingDraft } from './booking-draft';
import { idempotencyKeys } from './booking-idempotency';
import { errorMessage, notifySuccess } from './notify';
import { leadQueryKey } from './use-lead';
import { useTeamMembers } from './use-team-members';

/** Problem codes after which the picked window is no longer worth keeping. */
const WINDOW_GONE = new Set(['RB_ERR_SLOT_UNAVAILABLE']);

export function BookingPanel({ lead }: { lead: LeadDetail }) {
  const { can } = useSession();
  const { members } = useTeamMembers();
  const canWork = can('leads:work');
  const booking = lead.booking ?? null;

  if (!booking && !canWork) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="booking-panel">
      <Title order={3} size="h4" mb="sm">
        {booking ? 'Booked' : 'Book a visit'}
      </Title>
      {booking ? (
        <BookingDetails booking={booking} members={members} canWork={canWork} />
      ) : lead.status === 'closed' ? (
        <Text size="sm" c="dimmed">
          The lead is closed. Reopen it (set a stage) to book a visit.
        </Text>
      ) : (
        // Keyed by lead: a draft never leaks from one lead into another.
        <BookingForm key={lead.id} lead={lead} />
      )}
    </Paper>
  );
}

function BookingForm({ lead }: { lead: LeadDetail }) {
  const { members } = useTeamMembers();
  const queryClient = useQueryClient();
  const create = useCreateBooking();
  const keys = useRef(idempotencyKeys());
  const [draft, setDraft] = useState<BookingDraft>(() => bookingDraftFromLead(lead));
  const [error, setError] = useState<{ title: string; detail: string } | null>(null);
  const technicians = members.filter((m) => m.role === 'technician').map((m) => ({ value: m.userId, label: m.name || m.email }));
  const edit = (patch: Partial<BookingDraft>) => {
    setError(null);
    setDraft((d) => ({ ...d, ...patch }));
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (create.isPending) return;
    const problem = bookingDraftProblem(draft);
    if (problem || !draft.opening) {
      setError({ title: 'Not booked', detail: problem ?? 'Pick an arrival window.' });
      return;
    }
    const body = bookingCreateBody(lead.id, { ...draft, opening: draft.opening });
    create.mutate(
      { body, idempotencyKey: keys.current.keyFor(body) },
      {
        onSuccess: (saved) => {
          notifySuccess(`Booked ${windowWithDayLabel(saved.start, saved.end)}`);
          // Show the booking at once; the refetch brings the stage and timeline.
          queryClient.setQueryData<LeadDetail>(leadQueryKey(lead.id), (l) => (l ? { ...l, booking: saved } : l));
        },
        onError: (err) => {
          const code = err instanceof ApiError ? err.problem.code : undefined;
          const title =
            code === 'RB_ERR_SLOT_UNAVAILABLE'
              ? 'That window is no longer available'
              : code === 'RB_ERR_OUT_OF_SERVICE_AREA'
                ? 'Outside the service area'
                : code === 'RB_ERR_LEAD_ALREADY_BOOKED'
                  ? 'This lead is already booked'
                  : 'Not booked';
          setError({ title, detail: errorMessage(err) });
          if (code && WINDOW_GONE.has(code)) setDraft((d) => ({ ...d, opening: null }));
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} aria-label="Book a visit">
      <Stack gap="sm">
        <OpeningPicker value={draft.opening ? openingValue(draft.opening) : null} onChange={(opening) => edit({ opening })} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
          <TextInput label="Job type" placeholder="e.g. Water heater repair" value={draft.jobType} onChange={(e) => edit({ jobType: e.currentTarget.value })} maxLength={100} />
          <Select
            label="Technician"
            placeholder="Unassigned"
            data={technicians}
            value={draft.technicianId}
            clearable
            allowDeselect={false}
            searchable
            onChange={(technicianId) => edit({ technicianId })}
          />
          <TextInput label="Customer name" value={draft.customerName} onChange={(e) => edit({ customerName: e.currentTarget.value })} maxLength={200} />
          <TextInput label="ZIP" value={draft.zip} inputMode="numeric" onChange={(e) => edit({ zip: e.currentTarget.value })} maxLength={10} />
        </SimpleGrid>
        <TextInput label="Service address" placeholder="Street, city" value={draft.address} onChange={(e) => edit({ address: e.currentTarget.value })} maxLength={300} />
        <Textarea label="Problem" autosize minRows={2} maxRows={6} value={draft.problem} onChange={(e) => edit({ problem: e.currentTarget.value })} maxLength={2000} />
        <Textarea label="Notes for the technician" autosize minRows={1} maxRows={6} value={draft.notes} onChange={(e) => edit({ notes: e.currentTarget.value })} maxLength={2000} />
        {error ? (
          <Alert color="red" role="alert" title={error.title} data-testid="booking-error">
            {error.detail}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>
            Book
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
