import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { WebhookSubscriptionWithSecret } from './types';

interface WebhookSecretModalProps {
  /** The subscription whose secret was just created or rotated, or null when closed. */
  shown: WebhookSubscriptionWithSecret | null;
  onClose: () => void;
}

/** Shows a subscription's signing secret the only time it can be seen, with a copy button. */
export function WebhookSecretModal({ shown, onClose }: WebhookSecretModalProps) {
  return (
    <Modal opened={shown !== null} onClose={onClose} title="Signing secret" centered closeOnClickOutside={false}>
      {shown && (
        <Stack>
          <Alert color="yellow" title="Copy it now">
            This is the only time the secret is shown. Your receiver uses it to check that each message came from Ringback.
          </Alert>
          <Code block data-testid="webhook-secret" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {shown.secret}
          </Code>
          <Text size="sm" c="dimmed">
            For {shown.url}. Verify the <Code>webhook-signature</Code> header with a Standard Webhooks library (see docs/webhooks.md).
          </Text>
          <Group justify="flex-end">
            <CopyButton value={shown.secret} timeout={2000}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy secret'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
