/**
 * Webhooks (needs `webhooks:manage`): send lead and booking events to other systems, signed per
 * Standard Webhooks (docs/webhooks.md). A subscription's secret is shown once, when it is created
 * or rotated; the delivery log shows each message's status and can send it again.
 */
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { summarizeError } from '../problem-details';
import { DeliveryLog } from '../webhooks/DeliveryLog';
import { SubscriptionFormModal } from '../webhooks/SubscriptionFormModal';
import { SubscriptionsTable } from '../webhooks/SubscriptionsTable';
import type { WebhookSubscription, WebhookSubscriptionWithSecret } from '../webhooks/types';
import { useWebhookSubscriptions } from '../webhooks/use-webhooks';
import { WebhookSecretModal } from '../webhooks/WebhookSecretModal';

export function WebhooksTab() {
  const subscriptions = useWebhookSubscriptions();
  /** The form: closed, creating (null), or editing a subscription. */
  const [form, setForm] = useState<{ subscription: WebhookSubscription | null } | null>(null);
  const [secret, setSecret] = useState<WebhookSubscriptionWithSecret | null>(null);

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Webhooks send new leads, stage changes, customer texts and bookings to your other systems (a CRM, Zapier, your own code) as they happen. Each message is signed so the receiver can
        check it came from Ringback; failed messages are retried for about a day.
      </Text>
      <Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setForm({ subscription: null })}>
          Add webhook
        </Button>
      </Group>
      {subscriptions.isPending ? (
        <Center py="md">
          <Loader aria-label="Loading webhooks" />
        </Center>
      ) : subscriptions.isError ? (
        <Alert color="red" title="Webhooks could not be loaded">
          {summarizeError(subscriptions.error)?.message}
        </Alert>
      ) : subscriptions.data.length === 0 ? (
        <Text>No webhooks yet.</Text>
      ) : (
        <SubscriptionsTable subscriptions={subscriptions.data} onEdit={(subscription) => setForm({ subscription })} onRotated={setSecret} />
      )}
      {subscriptions.data && subscriptions.data.length > 0 && <DeliveryLog subscriptions={subscriptions.data} />}
      <SubscriptionFormModal opened={form !== null} subscription={form?.subscription ?? null} onClose={() => setForm(null)} onCreated={setSecret} />
      <WebhookSecretModal shown={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}
