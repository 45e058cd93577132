import { Code } from '@mantine/core';
import { ShownOnceModal } from '../components/ShownOnceModal';
import type { CreatedApiKey } from '../types';

interface NewApiKeyModalProps {
  /** The key just created, or null when the modal is closed. */
  created: CreatedApiKey | null;
  onClose: () => void;
}

/** Shows a new API key the only time it can be seen, with a copy button. */
export function NewApiKeyModal({ created, onClose }: NewApiKeyModalProps) {
  return (
    <ShownOnceModal
      value={created?.key ?? null}
      title="Your new API key"
      warning="This is the only time the key is shown. Store it in your integration's secrets; Ringback keeps only a hash."
      hint={
        <>
          Send it as <Code>Authorization: Bearer &lt;key&gt;</Code>. It starts with {created?.prefix}.
        </>
      }
      copyLabel="Copy key"
      testId="new-api-key"
      onClose={onClose}
    />
  );
}
