import { Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';

interface ConfirmButtonProps extends Omit<ButtonProps, 'children' | 'onClick'> {
  /** The button's text ("Remove", "Revoke"). */
  children: ReactNode;
  /** The button's accessible name when its text alone is ambiguous in a list ("Remove Ana Ruiz"). */
  'aria-label'?: string;
  /** The dialog's title, e.g. "Remove Ana Ruiz?". */
  title: string;
  /** What will happen, in a sentence. */
  message: ReactNode;
  /** The confirming button's text, e.g. "Remove". */
  confirmLabel: string;
  /** Runs on confirmation; the dialog closes when it resolves and stays open (not loading) when it rejects. */
  onConfirm: () => Promise<unknown>;
}

/** A button that asks for confirmation in a dialog before a destructive action. */
export function ConfirmButton({ children, title, message, confirmLabel, onConfirm, ...buttonProps }: ConfirmButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
      close();
    } catch {
      // The caller reports the failure (a notification); the dialog stays for another try or Cancel.
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button color="red" variant="light" size="xs" {...buttonProps} onClick={open}>
        {children}
      </Button>
      <Modal opened={opened} onClose={close} title={title} centered>
        <Stack>
          <Text size="sm">{message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void confirm()} loading={busy} data-autofocus>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
