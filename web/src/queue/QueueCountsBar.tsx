/** How the queue stands: open leads, overdue ones, emergencies. */
import { Group, Paper, Text } from '@mantine/core';
import type { QueueCounts } from '../api/types';

function Count({ label, value, color, testId }: { label: string; value: number; color?: string; testId: string }) {
  return (
    <Paper withBorder px="sm" py={6} radius="md" data-testid={testId}>
      <Text span fw={700} size="lg" c={value > 0 ? color : undefined}>
        {value}
      </Text>{' '}
      <Text span size="sm" c="dimmed">
        {label}
      </Text>
    </Paper>
  );
}

export function QueueCountsBar({ counts }: { counts: QueueCounts }) {
  return (
    <Group gap="xs" aria-label="Queue counts" role="group">
      <Count label="open" value={counts.open} testId="count-open" />
      <Count label="overdue" value={counts.overdue} color="red" testId="count-overdue" />
      <Count label={counts.emergencies === 1 ? 'emergency' : 'emergencies'} value={counts.emergencies} color="orange" testId="count-emergencies" />
    </Group>
  );
}
