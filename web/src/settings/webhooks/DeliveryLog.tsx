import { Alert, Badge, Button, Center, Group, Loader, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { formatInstant } from '../format';
import { summarizeError } from '../problem-details';
import { DeliveryDetailsModal } from './DeliveryDetailsModal';
import { eventTypeLabel, type WebhookDelivery, type WebhookDeliveryStatus, type WebhookSubscription } from './types';
import { WEBHOOK_DELIVERIES_KEY, useWebhookDeliveries } from './use-webhooks';

const STATUS_COLOR: Record<WebhookDeliveryStatus, string> = { pending: 'yellow', delivered: 'green', failed: 'red' };
const STATUS_LABEL: Record<WebhookDeliveryStatus, string> = { pending: 'Retrying', delivered: 'Delivered', failed: 'Failed' };
/** A badge as wide as its label: in a table cell Mantine would cut it to "DELIV…". */
const NO_TRUNCATION = { root: { minWidth: 'max-content' } } as const;

/**
 * The last attempt in a few words: the error when there is one (`HTTP 500`, `ECONNREFUSED`,
 * `subscription disabled`), else the receiver's status (`HTTP 200`), or a dash before the first attempt.
 */
function lastAnswer(d: WebhookDelivery): string {
  return d.lastError ?? (d.lastStatusCode !== null ? `HTTP ${d.lastStatusCode}` : '—');
}

/** The delivery log (newest 100), filtered by webhook and status, with details and replay. */
export function DeliveryLog({ subscriptions }: { subscriptions: WebhookSubscription[] }) {
  const qc = useQueryClient();
  const [subscriptionId, setSubscriptionId] = useState<string | null>(null);
  const [status, setStatus] = useState<WebhookDeliveryStatus | 'all'>('all');
  const [shown, setShown] = useState<WebhookDelivery | null>(null);
  const deliveries = useWebhookDeliveries({ subscriptionId, status: status === 'all' ? null : status });
  const urlOf = new Map(subscriptions.map((s) => [s.id, s.url]));
  const enabledOf = new Map(subscriptions.map((s) => [s.id, s.enabled]));

  const replay = useMutation({
    mutationFn: (d: WebhookDelivery) => api.post<WebhookDelivery>(`/api/v1/webhooks/deliveries/${encodeURIComponent(d.id)}/replay`),
    onSuccess: (d) => {
      if (d.status === 'delivered') notifications.show({ color: 'green', title: 'Sent again', message: `The receiver answered HTTP ${d.lastStatusCode}.` });
      else notifications.show({ color: 'red', title: 'Sent again, not accepted', message: `${lastAnswer(d)}; it will be retried.` });
      void qc.invalidateQueries({ queryKey: WEBHOOK_DELIVERIES_KEY });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'Not sent', message: summarizeError(err)?.message }),
  });

  return (
    <Stack>
      <Title order={4}>Delivery log</Title>
      <Group>
        <Select
          label="Webhook"
          placeholder="All webhooks"
          clearable
          data={subscriptions.map((s) => ({ value: s.id, label: s.description ? `${s.description} (${s.url})` : s.url }))}
          value={subscriptionId}
          onChange={setSubscriptionId}
          w={320}
        />
        <SegmentedControl
          aria-label="Delivery status"
          value={status}
          onChange={(v) => setStatus(v as WebhookDeliveryStatus | 'all')}
          data={[
            { value: 'all', label: 'All' },
            { value: 'pending', label: 'Retrying' },
            { value: 'delivered', label: 'Delivered' },
            { value: 'failed', label: 'Failed' },
          ]}
          mt="lg"
        />
      </Group>
      {deliveries.isPending ? (
        <Center py="md">
          <Loader aria-label="Loading deliveries" />
        </Center>
      ) : deliveries.isError ? (
        <Alert color="red" title="The delivery log could not be loaded">
          {summarizeError(deliveries.error)?.message}
        </Alert>
      ) : deliveries.data.length === 0 ? (
        <Text c="dimmed">No deliveries{status === 'all' && !subscriptionId ? ' yet' : ' match'}.</Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Time</Table.Th>
                <Table.Th>Event</Table.Th>
                <Table.Th>Webhook</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last answer</Table.Th>
                <Table.Th>Next attempt</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatInstant(d.createdAt)}</Table.Td>
                  <Table.Td title={d.eventType}>{eventTypeLabel(d.eventType)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" truncate="end" maw={220} title={urlOf.get(d.subscriptionId)}>
                      {urlOf.get(d.subscriptionId) ?? d.subscriptionId}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[d.status]} variant="light" styles={NO_TRUNCATION}>
                      {STATUS_LABEL[d.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>{lastAnswer(d)}</Table.Td>
                  <Table.Td>{d.status === 'pending' && d.nextAttemptAt ? formatInstant(d.nextAttemptAt) : '—'}</Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setShown(d)} aria-label={`Details of the ${eventTypeLabel(d.eventType)} delivery of ${formatInstant(d.createdAt)}`}>
                        Details
                      </Button>
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => replay.mutate(d)}
                        loading={replay.isPending && replay.variables?.id === d.id}
                        disabled={!enabledOf.get(d.subscriptionId)}
                        title={enabledOf.get(d.subscriptionId) ? 'Send it again now' : 'Enable the webhook to replay its deliveries'}
                        aria-label={`Replay the ${eventTypeLabel(d.eventType)} delivery of ${formatInstant(d.createdAt)}`}
                      >
                        Replay
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <DeliveryDetailsModal delivery={shown} onClose={() => setShown(null)} />
    </Stack>
  );
}
