import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { FormProblems } from '../components/FormProblems';
import { fieldErrorLookup, summarizeError } from '../problem-details';
import { AUDIT_KEY, notifySaved } from '../use-settings';
import { WEBHOOK_EVENT_TYPES, type WebhookSubscription, type WebhookSubscriptionInput, type WebhookSubscriptionWithSecret } from './types';
import { WEBHOOK_SUBSCRIPTIONS_KEY } from './use-webhooks';

interface SubscriptionFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The subscription being edited, or null to create one. */
  subscription: WebhookSubscription | null;
  /** Called with the new subscription and its secret (create only), to show the secret once. */
  onCreated: (created: WebhookSubscriptionWithSecret) => void;
}

const SHOWN_INLINE = /^(url|description|eventTypes)(\.|$)/;

/**
 * Creates (`POST /api/v1/webhooks/subscriptions`) or edits (`PATCH …/subscriptions/:id`) a webhook
 * subscription: the receiver's URL, a description, and the event types it gets.
 */
export function SubscriptionFormModal({ opened, onClose, subscription, onCreated }: SubscriptionFormModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={subscription ? 'Edit webhook' : 'Add a webhook'} centered size="lg">
      {/* Mounted only while open, so each opening starts from the saved values. */}
      {opened && <SubscriptionForm subscription={subscription} onCreated={onCreated} onDone={onClose} />}
    </Modal>
  );
}

function SubscriptionForm({ subscription, onCreated, onDone }: { subscription: WebhookSubscription | null; onCreated: (created: WebhookSubscriptionWithSecret) => void; onDone: () => void }) {
  const qc = useQueryClient();
  const [draft, setDraft] = useState<WebhookSubscriptionInput>(() => ({
    url: subscription?.url ?? '',
    description: subscription?.description ?? '',
    eventTypes: subscription?.eventTypes ?? WEBHOOK_EVENT_TYPES.map((t) => t.value),
  }));
  const save = useMutation({
    mutationFn: (input: WebhookSubscriptionInput) => {
      const body = { url: input.url.trim(), description: input.description?.trim() ? input.description.trim() : null, eventTypes: input.eventTypes };
      return subscription
        ? api.patch<WebhookSubscription>(`/api/v1/webhooks/subscriptions/${encodeURIComponent(subscription.id)}`, body)
        : api.post<WebhookSubscriptionWithSecret>('/api/v1/webhooks/subscriptions', body);
    },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: WEBHOOK_SUBSCRIPTIONS_KEY });
      void qc.invalidateQueries({ queryKey: AUDIT_KEY });
      if (subscription) notifySaved('Webhook updated.');
      else onCreated(saved as WebhookSubscriptionWithSecret);
      onDone();
    },
  });
  const errorAt = fieldErrorLookup(summarizeError(save.error)?.fields ?? []);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!save.isPending) save.mutate(draft);
      }}
    >
      <Stack>
        <TextInput
          label="Receiver URL"
          description="Where Ringback POSTs each event, e.g. https://crm.example.com/hooks/ringback."
          type="url"
          value={draft.url}
          onChange={(e) => setDraft({ ...draft, url: e.currentTarget.value })}
          error={errorAt('url')}
          required
          data-autofocus
        />
        <TextInput
          label="Description"
          description='What receives it, e.g. "CRM" or "Zapier: new leads to the office sheet".'
          value={draft.description ?? ''}
          onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
          error={errorAt('description')}
          maxLength={200}
        />
        <Checkbox.Group label="Events" description="Which events are sent to this URL." value={draft.eventTypes} onChange={(eventTypes) => setDraft({ ...draft, eventTypes })} error={errorAt('eventTypes')}>
          <Stack gap="xs" mt="xs">
            {WEBHOOK_EVENT_TYPES.map((t) => (
              <Checkbox key={t.value} value={t.value} label={`${t.label} (${t.value})`} description={t.description} />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormProblems error={save.error} shownInline={(path) => SHOWN_INLINE.test(path)} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            {subscription ? 'Save' : 'Add webhook'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
