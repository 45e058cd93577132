import { ActionIcon, Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { BusinessHours, IsoWeekday, OpeningInterval } from '../types';
import { WEEKDAYS } from '../weekdays';

/** The server's limit of arrival windows per day (`policy-schema.ts`). */
const MAX_WINDOWS_PER_DAY = 4;
const MORNING: OpeningInterval = { open: '08:00', close: '12:00' };
const AFTERNOON: OpeningInterval = { open: '12:00', close: '16:00' };

interface ArrivalWindowsFieldsProps {
  windows: BusinessHours;
  onChange: (windows: BusinessHours) => void;
  /** Field problem at a path under `availability.windows` (e.g. `availability.windows.1.0.open`). */
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

/**
 * Arrival windows per weekday ("the technician arrives between 8 and 12"), in the organization's
 * time zone. A day without windows takes no bookings. Windows may touch or overlap; each takes its own
 * capacity. A time input cannot show 24:00, so an end of 00:00 stands for midnight (`24:00`).
 */
export function ArrivalWindowsFields({ windows, onChange, errorAt, readOnly }: ArrivalWindowsFieldsProps) {
  const setDay = (day: IsoWeekday, list: OpeningInterval[]) => onChange({ ...windows, [day]: list });
  return (
    <Stack gap="xs">
      <div>
        <Text fw={500}>Arrival windows</Text>
        <Text size="sm" c="dimmed">
          The windows customers choose from, e.g. 8–12 and 12–4. Each window takes up to the capacity below.
        </Text>
      </div>
      {WEEKDAYS.map(({ day, name }) => {
        const list = windows[day] ?? [];
        return (
          <Paper key={day} withBorder p="xs">
            <Stack gap="xs">
              <Switch
                label={name}
                description={list.length === 0 ? 'No bookings' : undefined}
                checked={list.length > 0}
                onChange={(e) => setDay(day, e.currentTarget.checked ? [MORNING, AFTERNOON] : [])}
                aria-label={`Book on ${name}`}
              />
              {list.map((w, i) => {
                const n = list.length > 1 ? ` (${i + 1})` : '';
                const update = (patch: Partial<OpeningInterval>) => setDay(day, list.map((x, j) => (j === i ? { ...x, ...patch } : x)));
                // Every problem of this window (its times, or the window as a whole: "listed twice") under the row.
                const base = `availability.windows.${day}.${i}`;
                const problem = errorAt(base);
                return (
                  <Stack key={i} gap={4}>
                    <Group gap="xs" align="flex-end" wrap="nowrap">
                      <TimeInput
                        label="Arrives from"
                        aria-label={`${name} window${n} from`}
                        value={w.open}
                        onChange={(e) => update({ open: e.currentTarget.value })}
                        error={Boolean(errorAt(`${base}.open`) ?? (problem && !errorAt(`${base}.close`)))}
                        required
                        style={{ flex: 1 }}
                      />
                      <TimeInput
                        label="Until"
                        aria-label={`${name} window${n} until`}
                        value={w.close === '24:00' ? '00:00' : w.close}
                        onChange={(e) => update({ close: e.currentTarget.value === '00:00' ? '24:00' : e.currentTarget.value })}
                        error={Boolean(errorAt(`${base}.close`))}
                        required
                        style={{ flex: 1 }}
                      />
                      {!readOnly && (
                        <ActionIcon variant="subtle" color="red" mb={4} aria-label={`Remove ${name} window${n}`} onClick={() => setDay(day, list.filter((_, j) => j !== i))}>
                          <IconTrash size={16} />
                        </ActionIcon>
                      )}
                    </Group>
                    {problem && (
                      <Text size="sm" c="red">
                        {problem}
                      </Text>
                    )}
                  </Stack>
                );
              })}
              {!readOnly && list.length > 0 && list.length < MAX_WINDOWS_PER_DAY && (
                <Group>
                  <Button
                    variant="subtle"
                    size="compact-sm"
                    leftSection={<IconPlus size={14} />}
                    aria-label={`Add a window on ${name}`}
                    onClick={() => setDay(day, [...list, { open: '16:00', close: '18:00' }])}
                  >
                    Add window
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
