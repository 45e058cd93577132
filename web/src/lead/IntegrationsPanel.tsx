/**
 * The lead's pushes into the field-service system (ServiceTitan, Housecall Pro, Jobber): status,
 * attempts, the vendor's record id or its last error, and Retry for a failed push (`leads:work`,
 * `POST /api/v1/fsm-pushes/{id}/retry`). The booking lives in Ringback whatever happens here.
 */
import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { FsmPush, LeadDetail } from '../api/types';
import { formatDateTime } from '../format/format-time';
import { useSession } from '../session';
import { notifyFailure, notifySuccess } from './notify';
import { leadQueryKey } from './use-lead';

export const FSM_PROVIDER_LABELS: Record<FsmPush['provider'], string> = { servicetitan: 'ServiceTitan', housecall_pro: 'Housecall Pro', jobber: 'Jobber' };

const STATUS: Record<FsmPush['status'], { color: string; label: string }> = {
  pending: { color: 'yellow', label: 'Sending' },
  succeeded: { color: 'green', label: 'Sent' },
  failed: { color: 'red', label: 'Failed' },
};

function PushRow({ leadId, push }: { leadId: string; push: FsmPush }) {
  const qc = useQueryClient();
  const canWork = useSession().can('leads:work');
  const provider = FSM_PROVIDER_LABELS[push.provider] ?? push.provider;
  const retry = useMutation({
    mutationFn: () => api.post<FsmPush>(`/api/v1/fsm-pushes/${encodeURIComponent(push.id)}/retry`),
    onSuccess: () => {
      notifySuccess(`Sending to ${provider} again.`);
      void qc.invalidateQueries({ queryKey: leadQueryKey(leadId) });
    },
    onError: (err) => notifyFailure('Not retried', err),
  });
  const status = STATUS[push.status];
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Group gap="xs">
          <Text fw={600}>{provider}</Text>
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>
        {push.status === 'failed' && canWork ? (
          <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} loading={retry.isPending} onClick={() => retry.mutate()} aria-label={`Retry sending to ${provider}`}>
            Retry
          </Button>
        ) : null}
      </Group>
      {push.externalId ? <Text size="sm">Record {push.externalId}</Text> : null}
      {push.lastError && push.status !== 'succeeded' ? (
        <Text size="sm" c={push.status === 'failed' ? 'red' : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
          {push.lastError}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {push.attempts} {push.attempts === 1 ? 'attempt' : 'attempts'}, updated {formatDateTime(push.updatedAt)}
        {push.status === 'pending' && push.nextAttemptAt ? `; next try ${formatDateTime(push.nextAttemptAt)}` : ''}
      </Text>
    </Stack>
  );
}

/** Renders nothing for a lead that was never pushed. */
export function IntegrationsPanel({ lead }: { lead: LeadDetail }) {
  const pushes = lead.integrations ?? [];
  if (pushes.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Field service
        </Title>
        {pushes.map((push) => (
          <PushRow key={push.id} leadId={lead.id} push={push} />
        ))}
      </Stack>
    </Paper>
  );
}
