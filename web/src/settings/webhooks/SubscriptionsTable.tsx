import { Badge, Button, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { summarizeError } from '../problem-details';
import { AUDIT_KEY } from '../use-settings';
import { eventTypeLabel, type WebhookDelivery, type WebhookSubscription, type WebhookSubscriptionWithSecret } from './types';
import { WEBHOOK_DELIVERIES_KEY, WEBHOOK_SUBSCRIPTIONS_KEY } from './use-webhooks';

interface SubscriptionsTableProps {
  subscriptions: WebhookSubscription[];
  onEdit: (subscription: WebhookSubscription) => void;
  /** Called with the subscription and its new secret after a rotation, to show the secret once. */
  onRotated: (rotated: WebhookSubscriptionWithSecret) => void;
}

/** The subscriptions: URL, events, on/off, and edit, test, rotate-secret and delete actions. */
export function SubscriptionsTable({ subscriptions, onEdit, onRotated }: SubscriptionsTableProps) {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: WEBHOOK_SUBSCRIPTIONS_KEY });
    void qc.invalidateQueries({ queryKey: WEBHOOK_DELIVERIES_KEY });
    void qc.invalidateQueries({ queryKey: AUDIT_KEY });
  };
  const fail = (title: string) => (err: unknown) => notifications.show({ color: 'red', title, message: summarizeError(err)?.message });

  const toggle = useMutation({
    mutationFn: (s: WebhookSubscription) => api.patch<WebhookSubscription>(`/api/v1/webhooks/subscriptions/${encodeURIComponent(s.id)}`, { enabled: !s.enabled }),
    onSuccess: (s) => {
      notifications.show({ color: 'green', title: s.enabled ? 'Enabled' : 'Disabled', message: s.enabled ? `Events go to ${s.url} again.` : `Nothing more goes to ${s.url}; pending deliveries were stopped.` });
      refresh();
    },
    onError: fail('Not changed'),
  });

  const test = useMutation({
    mutationFn: (s: WebhookSubscription) => api.post<WebhookDelivery>(`/api/v1/webhooks/subscriptions/${encodeURIComponent(s.id)}/test`),
    onSuccess: (d) => {
      if (d.status === 'delivered') notifications.show({ color: 'green', title: 'Test message delivered', message: `The receiver answered HTTP ${d.lastStatusCode}.` });
      else notifications.show({ color: 'red', title: 'Test message failed', message: d.lastError ?? 'The receiver did not accept it.' });
      refresh();
    },
    onError: fail('Test message not sent'),
  });

  const rotate = async (s: WebhookSubscription) => {
    try {
      onRotated(await api.post<WebhookSubscriptionWithSecret>(`/api/v1/webhooks/subscriptions/${encodeURIComponent(s.id)}/rotate-secret`));
      refresh();
    } catch (err) {
      fail('Secret not rotated')(err);
      throw err;
    }
  };

  const remove = async (s: WebhookSubscription) => {
    try {
      await api.del<unknown>(`/api/v1/webhooks/subscriptions/${encodeURIComponent(s.id)}`);
      notifications.show({ color: 'green', title: 'Deleted', message: `Nothing more goes to ${s.url}.` });
      refresh();
    } catch (err) {
      fail('Not deleted')(err);
      throw err;
    }
  };

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Receiver</Table.Th>
            <Table.Th>Events</Table.Th>
            <Table.Th>Enabled</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {subscriptions.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" style={{ wordBreak: 'break-all' }}>
                    {s.url}
                  </Text>
                  {s.description && (
                    <Text size="xs" c="dimmed">
                      {s.description}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {s.eventTypes.map((type) => (
                    <Badge key={type} variant="light" size="sm" title={type} styles={{ root: { minWidth: 'max-content' } }}>
                      {eventTypeLabel(type)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Switch
                  checked={s.enabled}
                  onChange={() => toggle.mutate(s)}
                  disabled={toggle.isPending && toggle.variables?.id === s.id}
                  aria-label={`${s.enabled ? 'Disable' : 'Enable'} webhook ${s.url}`}
                />
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Button size="xs" variant="default" onClick={() => onEdit(s)} aria-label={`Edit webhook ${s.url}`}>
                    Edit
                  </Button>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => test.mutate(s)}
                    loading={test.isPending && test.variables?.id === s.id}
                    disabled={!s.enabled}
                    title={s.enabled ? 'Send a webhook.test message now' : 'Enable the webhook to send a test'}
                    aria-label={`Send a test message to ${s.url}`}
                  >
                    Send test
                  </Button>
                  <ConfirmButton
                    color="orange"
                    aria-label={`Rotate the secret of ${s.url}`}
                    title="Rotate the signing secret?"
                    message="Messages are signed with the new secret from now on, retries included. Your receiver rejects them until it has the new secret: let it accept both while you switch."
                    confirmLabel="Rotate"
                    onConfirm={() => rotate(s)}
                  >
                    Rotate secret
                  </ConfirmButton>
                  <ConfirmButton
                    aria-label={`Delete webhook ${s.url}`}
                    title="Delete this webhook?"
                    message={`Nothing more is sent to ${s.url}, and its delivery log is deleted. This cannot be undone.`}
                    confirmLabel="Delete"
                    onConfirm={() => remove(s)}
                  >
                    Delete
                  </ConfirmButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
