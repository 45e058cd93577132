/** A lead's intent badge, and a red "Safety" badge when triage flagged a safety emergency (gas, CO, sparks…). */
import { Badge, Group } from '@mantine/core';
import { IconAlertTriangleFilled } from '@tabler/icons-react';
import { intentColor, intentLabel } from '../format/labels';

export function LeadBadges({ intent, safety }: { intent: string | null; safety: boolean }) {
  if (!intent && !safety) return null;
  return (
    <Group gap={4} wrap="wrap">
      {safety ? (
        <Badge color="red" variant="filled" leftSection={<IconAlertTriangleFilled size={12} aria-hidden />} data-testid="safety-badge">
          Safety
        </Badge>
      ) : null}
      {intent ? (
        <Badge color={intentColor(intent)} variant="light" data-testid="intent-badge">
          {intentLabel(intent)}
        </Badge>
      ) : null}
    </Group>
  );
}
