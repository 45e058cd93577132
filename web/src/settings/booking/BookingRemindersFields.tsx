import { Group, Stack, Switch, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import type { BookingReminders } from '../types';

interface BookingRemindersFieldsProps {
  reminders: BookingReminders;
  onChange: (reminders: BookingReminders) => void;
  /** Field problem at `bookingReminders.<field>`. */
  errorAt: (path: string) => string | undefined;
}

const REMINDERS: ReadonlyArray<{ key: keyof BookingReminders; label: string; description: string; fallback: string }> = [
  { key: 'eveningBefore', label: 'Evening before', description: 'A reminder text the evening before the visit.', fallback: '18:00' },
  { key: 'morningOf', label: 'Morning of', description: 'A reminder text on the morning of the visit.', fallback: '07:30' },
];

/**
 * The reminder texts before a visit, each on or off with its local send time. They still pass the
 * send gate (quiet hours, opt-outs, the daily cap), so a time inside quiet hours waits.
 */
export function BookingRemindersFields({ reminders, onChange, errorAt }: BookingRemindersFieldsProps) {
  return (
    <Stack gap="xs">
      <div>
        <Text fw={500}>Reminders</Text>
        <Text size="sm" c="dimmed">
          Texts to the customer before a booked visit, at your local time. Quiet hours and opt-outs still apply.
        </Text>
      </div>
      {REMINDERS.map(({ key, label, description, fallback }) => {
        const time = reminders[key];
        return (
          <Group key={key} gap="md" align="flex-end" wrap="nowrap">
            <Switch
              label={label}
              description={description}
              checked={time !== null}
              onChange={(e) => onChange({ ...reminders, [key]: e.currentTarget.checked ? fallback : null })}
              style={{ flex: 2 }}
            />
            {time !== null && (
              <TimeInput
                label="Send at"
                aria-label={`${label} reminder time`}
                value={time}
                onChange={(e) => onChange({ ...reminders, [key]: e.currentTarget.value })}
                error={errorAt(`bookingReminders.${key}`)}
                required
                style={{ flex: 1 }}
              />
            )}
          </Group>
        );
      })}
    </Stack>
  );
}
