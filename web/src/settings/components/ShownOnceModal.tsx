import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface ShownOnceModalProps {
  /** The secret to show, or null when the modal is closed. */
  value: string | null;
  title: string;
  /** Why this is the only chance to copy it (in the yellow alert). */
  warning: ReactNode;
  /** How to use it (below the value). */
  hint: ReactNode;
  /** The copy button's label, e.g. "Copy key". */
  copyLabel: string;
  testId: string;
  onClose: () => void;
}

/** Shows a secret (an API key, a signing secret) the only time it can be seen, with a copy button. */
export function ShownOnceModal({ value, title, warning, hint, copyLabel, testId, onClose }: ShownOnceModalProps) {
  return (
    <Modal opened={value !== null} onClose={onClose} title={title} centered closeOnClickOutside={false}>
      {value !== null && (
        <Stack>
          <Alert color="yellow" title="Copy it now">
            {warning}
          </Alert>
          <Code block data-testid={testId} style={{ wordBreak: 'break-all', whiteSpace: 'pre-wrap' }}>
            {value}
          </Code>
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
          <Group justify="flex-end">
            <CopyButton value={value} timeout={2000}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'teal' : undefined} leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />} onClick={copy}>
                  {copied ? 'Copied' : copyLabel}
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
