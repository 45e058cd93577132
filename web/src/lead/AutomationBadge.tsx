/** Whether automation may text the lead: Active, Paused (why), Stopped (why). */
import { Badge } from '@mantine/core';
import type { LeadSummary } from '../api/types';
import { humanize } from '../format/labels';

export function AutomationBadge({ automation }: { automation: LeadSummary['automation'] }) {
  const color = automation.state === 'active' ? 'green' : automation.state === 'paused' ? 'yellow' : 'gray';
  return (
    <Badge color={color} variant="light" data-testid="automation-state" data-state={automation.state}>
      {humanize(automation.state)}
      {automation.reason ? ` · ${humanize(automation.reason)}` : ''}
    </Badge>
  );
}
