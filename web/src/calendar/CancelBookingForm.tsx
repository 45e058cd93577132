/**
 * Cancel a booking with a reason (optional, kept on the lead's timeline): `DELETE /api/v1/bookings/:id`.
 * A refusal is shown next to the form.
 */
import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Booking } from '../api/types';
import { errorMessage, notifySuccess } from '../lead/notify';
import { useCancelBooking } from './use-bookings';

/** `onDone(true)` after the booking was canceled; `onDone(false)` when the person keeps it. */
export function CancelBookingForm({ booking, onDone }: { booking: Booking; onDone: (canceled: boolean) => void }) {
  const cancel = useCancelBooking();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    cancel.mutate(
      { booking, reason },
      {
        onSuccess: () => {
          notifySuccess('Booking canceled');
          onDone(true);
        },
        onError: (err) => setError(errorMessage(err)),
      },
    );
  }

  return (
    <form onSubmit={onSubmit} aria-label="Cancel the booking">
      <Stack gap="sm">
        <TextInput
          label="Reason for canceling"
          placeholder="e.g. Customer fixed it themselves"
          value={reason}
          onChange={(e) => {
            setError(null);
            setReason(e.currentTarget.value);
          }}
          maxLength={500}
        />
        {error ? (
          <Alert color="red" role="alert" title="Not canceled">
            {error}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="subtle" onClick={() => onDone(false)}>
            Keep the booking
          </Button>
          <Button type="submit" color="red" loading={cancel.isPending}>
            Confirm cancellation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
