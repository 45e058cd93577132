import { ActionIcon, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { BusinessHours, IsoWeekday, OpeningInterval } from '../types';
import { WEEKDAYS } from '../weekdays';

/** The server's limit of opening intervals per day. */
const MAX_INTERVALS_PER_DAY = 4;
const DEFAULT_INTERVAL: OpeningInterval = { open: '08:00', close: '17:00' };

interface BusinessHoursFieldsProps {
  hours: BusinessHours;
  onChange: (hours: BusinessHours) => void;
  /** Field problem at a path under `calendar.hours` (e.g. `calendar.hours.1.0.open`). */
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

/**
 * Weekly office hours: per weekday open or closed, and its opening intervals. A time input cannot
 * show 24:00, so a closing time of 00:00 stands for midnight at the end of the day (`24:00`).
 */
export function BusinessHoursFields({ hours, onChange, errorAt, readOnly }: BusinessHoursFieldsProps) {
  const setDay = (day: IsoWeekday, intervals: OpeningInterval[]) => onChange({ ...hours, [day]: intervals });
  return (
    <Stack gap="xs">
      <div>
        <Text fw={500}>Business hours</Text>
        <Text size="sm" c="dimmed">
          When your office answers. Follow-ups and call-back tasks are due in these hours. A closing time of 00:00 means open until midnight.
        </Text>
      </div>
      {WEEKDAYS.map(({ day, name }) => {
        const intervals = hours[day] ?? [];
        return (
          <Paper key={day} withBorder p="xs">
            <Stack gap="xs">
              <Switch
                label={name}
                description={intervals.length === 0 ? 'Closed' : undefined}
                checked={intervals.length > 0}
                onChange={(e) => setDay(day, e.currentTarget.checked ? [DEFAULT_INTERVAL] : [])}
                aria-label={`Open on ${name}`}
              />
              {intervals.map((interval, i) => {
                const n = intervals.length > 1 ? ` (${i + 1})` : '';
                const update = (patch: Partial<OpeningInterval>) => setDay(day, intervals.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                return (
                  <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
                    <TimeInput
                      label="Opens"
                      aria-label={`${name} opens${n}`}
                      value={interval.open}
                      onChange={(e) => update({ open: e.currentTarget.value })}
                      error={errorAt(`calendar.hours.${day}.${i}.open`)}
                      required
                      style={{ flex: 1 }}
                    />
                    <TimeInput
                      label="Closes"
                      aria-label={`${name} closes${n}`}
                      value={interval.close === '24:00' ? '00:00' : interval.close}
                      onChange={(e) => update({ close: e.currentTarget.value === '00:00' ? '24:00' : e.currentTarget.value })}
                      error={errorAt(`calendar.hours.${day}.${i}.close`)}
                      required
                      style={{ flex: 1 }}
                    />
                    {!readOnly && intervals.length > 1 && (
                      <ActionIcon variant="subtle" color="red" mb={4} aria-label={`Remove ${name} hours${n}`} onClick={() => setDay(day, intervals.filter((_, j) => j !== i))}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Group>
                );
              })}
              {!readOnly && intervals.length > 0 && intervals.length < MAX_INTERVALS_PER_DAY && (
                <Group>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconPlus size={14} />}
                    aria-label={`Add hours on ${name}`}
                    onClick={() => setDay(day, [...intervals, { open: '13:00', close: '17:00' }])}
                  >
                    Add hours
                  </Button>
                </Group>
              )}
            </Stack>
          </Paper>
        );
      })}
    </Stack>
  );
}
