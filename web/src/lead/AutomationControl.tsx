/**
 * The switch between automation and a person: "Take over" pauses automation on the lead; "Release to
 * automation" hands it back. A stopped automation (opted out, closed) has no switch.
 */
import { Button, Group, Text } from '@mantine/core';
import type { LeadSummary } from '../api/types';
import { humanize } from '../format/labels';
import { useSetAutomation } from './use-lead-actions';

function stateText(automation: LeadSummary['automation']): string {
  switch (automation.state) {
    case 'active':
      return 'Automation follows up on this lead.';
    case 'paused':
      return 'A person has taken over: automation is paused.';
    case 'stopped':
      return `Automation stopped${automation.reason ? ` (${humanize(automation.reason).toLowerCase()})` : ''}.`;
  }
}

export function AutomationControl({ leadId, automation, canWork }: { leadId: string; automation: LeadSummary['automation']; canWork: boolean }) {
  const setAutomation = useSetAutomation(leadId);
  return (
    <Group justify="space-between" gap="xs" wrap="wrap">
      <Text size="sm" c="dimmed">
        {stateText(automation)}
      </Text>
      {canWork && automation.state === 'active' ? (
        <Button variant="light" size="xs" loading={setAutomation.isPending} onClick={() => setAutomation.mutate('paused')}>
          Take over
        </Button>
      ) : null}
      {canWork && automation.state === 'paused' ? (
        <Button variant="light" size="xs" loading={setAutomation.isPending} onClick={() => setAutomation.mutate('active')}>
          Release to automation
        </Button>
      ) : null}
    </Group>
  );
}
