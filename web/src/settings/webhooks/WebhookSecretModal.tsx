import { Code } from '@mantine/core';
import { ShownOnceModal } from '../components/ShownOnceModal';
import type { WebhookSubscriptionWithSecret } from './types';

interface WebhookSecretModalProps {
  /** The subscription whose secret was just created or rotated, or null when closed. */
  shown: WebhookSubscriptionWithSecret | null;
  onClose: () => void;
}

/** Shows a subscription's signing secret the only time it can be seen, with a copy button. */
export function WebhookSecretModal({ shown, onClose }: WebhookSecretModalProps) {
  return (
    <ShownOnceModal
      value={shown?.secret ?? null}
      title="Signing secret"
      warning="This is the only time the secret is shown. Your receiver uses it to check that each message came from Ringback."
      hint={
        <>
          For {shown?.url}. Verify the <Code>webhook-signature</Code> header with a Standard Webhooks library (see docs/webhooks.md).
        </>
      }
      copyLabel="Copy secret"
      testId="webhook-secret"
      onClose={onClose}
    />
  );
}
