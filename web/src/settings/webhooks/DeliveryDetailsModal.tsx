import { Code, Modal, Stack, Text } from '@mantine/core';
import { formatInstant } from '../format';
import { eventTypeLabel, type WebhookDelivery } from './types';

interface DeliveryDetailsModalProps {
  /** The delivery to show, or null when closed. */
  delivery: WebhookDelivery | null;
  onClose: () => void;
}

/** One delivery in full: its message id, the body as sent, and the receiver's last answer. */
export function DeliveryDetailsModal({ delivery, onClose }: DeliveryDetailsModalProps) {
  return (
    <Modal opened={delivery !== null} onClose={onClose} title={delivery ? `${eventTypeLabel(delivery.eventType)} · ${formatInstant(delivery.createdAt)}` : ''} centered size="xl">
      {delivery && (
        <Stack gap="xs">
          <Text size="sm">
            Message id (<Code>webhook-id</Code>): <Code>{delivery.messageId}</Code>
          </Text>
          <Text size="sm">
            Last answer: {delivery.lastStatusCode !== null ? `HTTP ${delivery.lastStatusCode}` : (delivery.lastError ?? 'none yet')}
            {delivery.deliveredAt && ` · delivered ${formatInstant(delivery.deliveredAt)}`}
          </Text>
          {delivery.lastResponse && (
            <>
              <Text size="sm" fw={500}>
                Receiver's response (first 500 characters)
              </Text>
              <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {delivery.lastResponse}
              </Code>
            </>
          )}
          <Text size="sm" fw={500}>
            Body sent
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {JSON.stringify(delivery.payload, null, 2)}
          </Code>
        </Stack>
      )}
    </Modal>
  );
}
