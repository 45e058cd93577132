/** One lead of the queue on a narrow screen: a card that opens the thread. */
import { Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { QueueItem } from '../api/types';
import { stageLabel } from '../format/labels';
import { LeadBadges } from '../lead/LeadBadges';
import { callerName, callerPhoneIfNamed, sourceName } from './lead-display';
import { NextActionSummary } from './NextActionSummary';

export function QueueCard({ item, names }: { item: QueueItem; names: ReadonlyMap<string, string> }) {
  return (
    <Card
      component={Link}
      to={`/leads/${item.id}`}
      withBorder
      padding="sm"
      radius="md"
      data-testid="queue-row"
      data-lead-id={item.id}
      data-safety={item.safety ? 'true' : undefined}
      bg={item.safety ? 'var(--mantine-color-red-light)' : undefined}
      aria-label={`Open lead ${callerName(item)}`}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} truncate>
              {callerName(item)}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {[callerPhoneIfNamed(item), sourceName(item)].filter(Boolean).join(' · ')}
            </Text>
          </div>
          <Badge variant="outline" color="gray" style={{ flexShrink: 0 }}>
            {stageLabel(item.stage)}
          </Badge>
        </Group>
        <LeadBadges intent={item.intent} safety={item.safety} />
        {item.lastInbound ? (
          <Text size="sm" lineClamp={2}>
            {item.lastInbound.preview}
          </Text>
        ) : null}
        <Group justify="space-between" align="flex-end" wrap="nowrap">
          <NextActionSummary nextAction={item.nextAction} overdue={item.overdue} names={names} />
          <Text size="xs" c="dimmed" ta="right">
            {item.owner?.name ?? 'Unassigned'}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
