import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { CreatedApiKey } from '../types';

interface NewApiKeyModalProps {
  /** The key just created, or null when the modal is closed. */
  created: CreatedApiKey | null;
  onClose: () => void;
}

/** Shows a new API key the only time it can be seen, with a copy button. */
export function NewApiKeyModal({ created, onClose }: NewApiKeyModalProps) {
  return (
    <Modal opened={created !== null} onClose={onClose} title="Your new API key" centered closeOnClickOutside={false}>
      {created && (
        <Stack>
          <Alert color="yellow" title="Copy it now">
            This is the only time the key is shown. Store it in your integration's secrets; Ringback keeps only a hash.
          </Alert>
          <Code block data-testid="new-api-key" style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {created.key}
          </Code>
          <Text size="sm" c="dimmed">
            Send it as <Code>Authorization: Bearer &lt;key&gt;</Code>. It starts with {created.prefix}.
          </Text>
          <Group justify="flex-end">
            <CopyButton value={created.key} timeout={2000}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
                  {copied ? 'Copied' : 'Copy key'}
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
