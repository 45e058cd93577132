/** Who the lead is and where it stands: contact, phone, source, intent, safety, stage, owner, automation, next action. */
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPhone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { LeadDetail } from '../api/types';
import { formatPhone } from '../format/format-phone';
import { formatDateTime } from '../format/format-time';
import { outcomeLabel, stageLabel } from '../format/labels';
import { callerName, sourceName } from '../queue/lead-display';
import { NextActionSummary } from '../queue/NextActionSummary';
import { AutomationBadge } from './AutomationBadge';
import { LeadBadges } from './LeadBadges';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {children}
    </div>
  );
}

export function LeadHeader({ lead, names }: { lead: LeadDetail; names: ReadonlyMap<string, string> }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid="lead-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Title order={2} style={{ overflowWrap: 'anywhere' }}>
              {callerName(lead)}
            </Title>
            <Anchor href={`tel:${lead.contact.phone}`} size="sm" aria-label={`Phone ${formatPhone(lead.contact.phone)}`}>
              <IconPhone size={14} aria-hidden style={{ verticalAlign: 'middle', marginRight: 4 }} />
              {formatPhone(lead.contact.phone)}
            </Anchor>
          </div>
          <Group gap={6}>
            <Badge color={lead.status === 'open' ? 'blue' : 'gray'} variant="filled" data-testid="lead-status">
              {lead.status === 'open' ? 'Open' : `Closed${lead.outcome ? ` · ${outcomeLabel(lead.outcome)}` : ''}`}
            </Badge>
            <Badge variant="outline" color="gray" data-testid="lead-stage">
              {stageLabel(lead.stage)}
            </Badge>
            {lead.contact.optedOut ? (
              <Badge color="red" variant="light" data-testid="opted-out">
                Opted out
              </Badge>
            ) : null}
          </Group>
        </Group>
        <LeadBadges intent={lead.intent} safety={lead.safety} />
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" verticalSpacing="xs">
          <Field label="Source">
            <Text size="sm">{sourceName(lead)}</Text>
            {lead.source.leadSource ? (
              <Text size="xs" c="dimmed">
                {formatPhone(lead.source.number)}
              </Text>
            ) : null}
          </Field>
          <Field label="Owner">
            <Text size="sm">{lead.owner?.name ?? 'Unassigned'}</Text>
            {lead.backupOwner ? (
              <Text size="xs" c="dimmed">
                Backup: {lead.backupOwner.name}
              </Text>
            ) : null}
          </Field>
          <Field label="Automation">
            <AutomationBadge automation={lead.automation} />
          </Field>
          <Field label="Next">
            <NextActionSummary nextAction={lead.nextAction} overdue={lead.overdue} names={names} />
          </Field>
          <Field label="Came in">
            <Text size="sm">{formatDateTime(lead.createdAt)}</Text>
          </Field>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
