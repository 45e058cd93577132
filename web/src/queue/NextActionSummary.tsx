/** A lead's next action: what, for whom, and the live SLA timer to its due time. */
import { Stack, Text } from '@mantine/core';
import type { LeadSummary } from '../api/types';
import { nextActionLabel } from '../format/labels';
import { SlaTimer } from '../format/SlaTimer';

interface NextActionSummaryProps {
  nextAction: LeadSummary['nextAction'];
  overdue: boolean;
  names: ReadonlyMap<string, string>;
}

export function NextActionSummary({ nextAction, overdue, names }: NextActionSummaryProps) {
  if (!nextAction) {
    return (
      <Text size="sm" c="dimmed">
        No next action
      </Text>
    );
  }
  const assignee = nextAction.assignee ? (names.get(nextAction.assignee) ?? 'Assigned') : null;
  return (
    <Stack gap={0}>
      <Text size="sm">
        {nextActionLabel(nextAction.type)}
        {assignee ? <Text span size="sm" c="dimmed">{` · ${assignee}`}</Text> : null}
      </Text>
      <SlaTimer dueAt={nextAction.dueAt} overdue={overdue} />
    </Stack>
  );
}
