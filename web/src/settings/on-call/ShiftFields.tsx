import { ActionIcon, Checkbox, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import type { OnCallShift } from '../types';
import { WEEKDAYS } from '../weekdays';
import { PersonFields } from './PersonFields';

interface ShiftFieldsProps {
  shift: OnCallShift;
  index: number;
  count: number;
  onChange: (shift: OnCallShift) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
  /** Field problem under `onCall.shifts.<index>` (`person.name`, `weekdays`, `start`, `end`). */
  errorAt: (field: string) => string | undefined;
  readOnly: boolean;
}

/** One on-call shift: who, which days, from when to when (an end at or before the start runs past midnight). */
export function ShiftFields({ shift, index, count, onChange, onMove, onRemove, errorAt, readOnly }: ShiftFieldsProps) {
  const who = `Shift ${index + 1}`;
  const overnight = shift.end <= shift.start;
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={500}>{who}</Text>
          {!readOnly && (
            <Group gap={4} wrap="nowrap">
              <ActionIcon variant="subtle" aria-label={`Move ${who} up`} disabled={index === 0} onClick={() => onMove(-1)}>
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" aria-label={`Move ${who} down`} disabled={index === count - 1} onClick={() => onMove(1)}>
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${who}`} onClick={onRemove}>
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          )}
        </Group>
        <PersonFields person={shift.person} onChange={(person) => onChange({ ...shift, person })} who={who} errorAt={(f) => errorAt(`person.${f}`)} />
        <Checkbox.Group
          label="Days"
          aria-label={`${who}: Days`}
          value={shift.weekdays.map(String)}
          onChange={(values) => onChange({ ...shift, weekdays: values.map(Number).sort((a, b) => a - b) })}
          error={errorAt('weekdays')}
        >
          <Group gap="sm" mt={4}>
            {WEEKDAYS.map((d) => (
              <Checkbox key={d.day} value={String(d.day)} label={d.short} aria-label={`${who}: ${d.name}`} />
            ))}
          </Group>
        </Checkbox.Group>
        <SimpleGrid cols={2} spacing="xs">
          <TimeInput
            label="From"
            aria-label={`${who}: From`}
            value={shift.start}
            onChange={(e) => onChange({ ...shift, start: e.currentTarget.value })}
            error={errorAt('start')}
            required
          />
          <TimeInput
            label="Until"
            aria-label={`${who}: Until`}
            description={overnight ? 'Next morning' : undefined}
            value={shift.end}
            onChange={(e) => onChange({ ...shift, end: e.currentTarget.value })}
            error={errorAt('end')}
            required
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
