/**
 * One booking: its window, technician, customer (name, phone, address, ZIP), problem, notes, job type
 * and where it came from, with a link to the lead. People who may work leads also get the technician
 * picker and Reschedule / Cancel booking. Shown in the calendar's drawer and on the lead's booking panel.
 */
import { Anchor, Button, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconPhone } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { Booking, TeamMember } from '../api/types';
import { formatPhone } from '../format/format-phone';
import { humanize } from '../format/labels';
import { errorMessage, notifySuccess } from '../lead/notify';
import { CancelBookingForm } from './CancelBookingForm';
import { RescheduleBookingForm } from './RescheduleBookingForm';
import { UNASSIGNED, technicianResources } from './booking-events';
import { useUpdateBooking } from './use-bookings';
import { windowWithDayLabel } from './window-label';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </div>
  );
}

const SOURCE_WORDS: Record<string, string> = { sms: 'Customer, by text', link: 'Customer, on the booking page', dispatcher: 'The office', api: 'The API' };

export interface BookingDetailsProps {
  booking: Booking;
  /** The team (for the technician picker). */
  members: readonly TeamMember[];
  /** May reschedule, cancel and assign. */
  canWork: boolean;
  /** Show "Open the lead" (the calendar); the lead page does not link to itself. */
  showLeadLink?: boolean;
  /** Called after the booking was canceled (the drawer closes). */
  onCanceled?: () => void;
}

export function BookingDetails({ booking, members, canWork, showLeadLink = false, onCanceled }: BookingDetailsProps) {
  const [mode, setMode] = useState<'view' | 'reschedule' | 'cancel'>('view');
  const [assignError, setAssignError] = useState<string | null>(null);
  const update = useUpdateBooking();
  const technicians = technicianResources(members, [booking]).map((r) => ({ value: r.id, label: r.title }));
  const text = (v: string | null) => (v?.trim() ? <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{v}</Text> : <Text size="sm" c="dimmed">—</Text>);

  function assign(value: string | null) {
    const technicianId = !value || value === UNASSIGNED ? null : value;
    if (technicianId === booking.technicianId) return;
    setAssignError(null);
    update.mutate(
      { booking, patch: { technicianId } },
      {
        onSuccess: (saved) => notifySuccess(saved.technicianName ? `Assigned to ${saved.technicianName}` : 'Booking unassigned'),
        onError: (err) => setAssignError(errorMessage(err)),
      },
    );
  }

  return (
    <Stack gap="sm" data-testid="booking-details">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
        <Field label="Arrival window">
          <Text size="sm" fw={600} data-testid="booking-window">
            {windowWithDayLabel(booking.start, booking.end)}
          </Text>
        </Field>
        <Field label="Technician">
          {canWork ? (
            <Select
              aria-label="Technician"
              size="xs"
              data={technicians}
              value={booking.technicianId ?? UNASSIGNED}
              allowDeselect={false}
              onChange={assign}
              disabled={update.isPending}
              error={assignError}
            />
          ) : (
            text(booking.technicianName ?? 'Unassigned')
          )}
        </Field>
        <Field label="Customer">{text(booking.customerName)}</Field>
        <Field label="Phone">
          <Anchor href={`tel:${booking.phone}`} size="sm">
            <IconPhone size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
            {formatPhone(booking.phone)}
          </Anchor>
        </Field>
        <Field label="Address">{text([booking.address, booking.zip].filter(Boolean).join(' ') || null)}</Field>
        <Field label="Job type">{text(booking.jobType)}</Field>
      </SimpleGrid>
      <Field label="Problem">{text(booking.problem)}</Field>
      <Field label="Notes">{text(booking.notes)}</Field>
      <Text size="xs" c="dimmed">
        Booked by {SOURCE_WORDS[booking.source] ?? humanize(booking.source)}
      </Text>
      {showLeadLink ? (
        <Anchor component={Link} to={`/leads/${encodeURIComponent(booking.leadId)}`} size="sm">
          Open the lead
        </Anchor>
      ) : null}
      {canWork && booking.status === 'booked' ? (
        mode === 'reschedule' ? (
          <RescheduleBookingForm booking={booking} onDone={() => setMode('view')} />
        ) : mode === 'cancel' ? (
          <CancelBookingForm
            booking={booking}
            onDone={(canceled) => {
              setMode('view');
              if (canceled) onCanceled?.();
            }}
          />
        ) : (
          <Group gap="xs">
            <Button variant="light" onClick={() => setMode('reschedule')}>
              Reschedule
            </Button>
            <Button variant="subtle" color="red" onClick={() => setMode('cancel')}>
              Cancel booking
            </Button>
          </Group>
        )
      ) : null}
    </Stack>
  );
}
