import { ActionIcon, Button, Group, Stack, Text } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { IntegerInput } from '../components/IntegerInput';

/** Who each entry of `overdueNotifyMinutes` notifies, in order. */
const RECIPIENTS = ['the task owner (or whoever is on call)', 'the backup', 'the manager (the rotation owner)'] as const;

interface OverdueNotifyFieldsProps {
  minutes: number[];
  onChange: (minutes: number[]) => void;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

/** Minutes after a task falls due to notify its owner, then the backup, then the manager (one to three steps). */
export function OverdueNotifyFields({ minutes, onChange, errorAt, readOnly }: OverdueNotifyFieldsProps) {
  return (
    <Stack gap="xs">
      <div>
        <Text fw={500}>Overdue task notifications</Text>
        <Text size="sm" c="dimmed">
          When a task is past due, Ringback notifies these people in turn.
        </Text>
      </div>
      {minutes.map((m, i) => (
        <Group key={i} align="flex-end" gap="xs" wrap="nowrap">
          <IntegerInput
            label={`Notify ${RECIPIENTS[i] ?? 'next'} after (minutes)`}
            min={0}
            max={7 * 24 * 60}
            value={m}
            onChange={(v) => onChange(minutes.map((x, j) => (j === i ? v : x)))}
            error={errorAt(`overdueNotifyMinutes.${i}`)}
            style={{ flex: 1 }}
          />
          {!readOnly && i > 0 && i === minutes.length - 1 && (
            <ActionIcon variant="subtle" color="red" mb={4} aria-label={`Stop notifying ${RECIPIENTS[i]}`} onClick={() => onChange(minutes.slice(0, i))}>
              <IconTrash size={16} />
            </ActionIcon>
          )}
        </Group>
      ))}
      {!readOnly && minutes.length < RECIPIENTS.length && (
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => onChange([...minutes, (minutes[minutes.length - 1] ?? 0) + 15])}
          >
            Also notify {RECIPIENTS[minutes.length]}
          </Button>
        </Group>
      )}
      {errorAt('overdueNotifyMinutes') && !minutes.some((_, i) => errorAt(`overdueNotifyMinutes.${i}`)) && (
        <Text size="sm" c="red">
          {errorAt('overdueNotifyMinutes')}
        </Text>
      )}
    </Stack>
  );
}
