/**
 * Reschedule a booking: pick another opening, Save (`PATCH /api/v1/bookings/:id` with the new window).
 * A full window (409) or any other refusal is shown next to the form, and the openings are refetched.
 */
import { Alert, Button, Group, Stack } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Booking, Opening } from '../api/types';
import { errorMessage, notifySuccess } from '../lead/notify';
import { OpeningPicker } from './OpeningPicker';
import { useUpdateBooking } from './use-bookings';
import { openingValue, windowWithDayLabel } from './window-label';

export function RescheduleBookingForm({ booking, onDone }: { booking: Booking; onDone: () => void }) {
  const update = useUpdateBooking();
  const [opening, setOpening] = useState<Opening | null>(null);
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!opening) {
      setError('Pick the new arrival window.');
      return;
    }
    update.mutate(
      { booking, patch: { start: opening.start, end: opening.end } },
      {
        onSuccess: (saved) => {
          notifySuccess(`Rescheduled to ${windowWithDayLabel(saved.start, saved.end)}`);
          onDone();
        },
        onError: (err) => {
          setError(errorMessage(err));
          setOpening(null);
        },
      },
    );
  }

  return (
    <form onSubmit={onSubmit} aria-label="Reschedule the booking">
      <Stack gap="sm">
        <OpeningPicker
          label="New arrival window"
          value={opening ? openingValue(opening) : null}
          current={booking}
          onChange={(o) => {
            setError(null);
            setOpening(o);
          }}
        />
        {error ? (
          <Alert color="red" role="alert" title="Not rescheduled">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="subtle" onClick={onDone}>
            Keep the booking as it is
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!opening}>
            Save new window
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
