/**
 * What a person can do on the thread. With `leads:work`: call, text (composer with the send gate),
 * take over / release, and the work form. With `leads:note` only (technicians): add notes.
 */
import { Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { LeadDetail } from '../api/types';
import { useSession } from '../session';
import { AutomationControl } from './AutomationControl';
import { CallCustomerButton } from './CallCustomerButton';
import { Composer } from './Composer';
import { LeadWorkForm } from './LeadWorkForm';
import { NoteForm } from './NoteForm';

export function LeadActionsPanel({ lead }: { lead: LeadDetail }) {
  const { can, me } = useSession();
  const canWork = can('leads:work');
  const canNote = can('leads:note') || canWork;
  return (
    <Stack gap="md">
      {canWork ? (
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Title order={3} size="h4">
                Reach the customer
              </Title>
              <CallCustomerButton leadId={lead.id} />
            </Group>
            {!me.user.phoneE164 ? (
              <Text size="xs" c="dimmed">
                Calls ring your phone first, then connect the customer: add your phone number to your profile to use it.
              </Text>
            ) : null}
            <AutomationControl leadId={lead.id} automation={lead.automation} canWork={canWork} />
            <Divider />
            <Composer leadId={lead.id} optedOut={lead.contact.optedOut} />
          </Stack>
        </Paper>
      ) : null}
      {canWork ? (
        <Paper withBorder p="md" radius="md">
          <Title order={3} size="h4" mb="sm">
            Work the lead
          </Title>
          {/* Keyed by lead: unsaved edits never leak from one lead into another. */}
          <LeadWorkForm key={lead.id} lead={lead} />
        </Paper>
      ) : null}
      {canNote ? (
        <Paper withBorder p="md" radius="md">
          <NoteForm leadId={lead.id} />
        </Paper>
      ) : null}
    </Stack>
  );
}
