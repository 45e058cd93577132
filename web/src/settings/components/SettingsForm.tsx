import { Button, Fieldset, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useSession } from '../../session';
import { FormProblems } from './FormProblems';

interface SettingsFormProps {
  onSave: () => void;
  saving: boolean;
  /** The last save's error, shown under the fields. */
  error: unknown;
  /** Paths whose problems the children show next to their inputs (see `FormProblems`). */
  shownInline?: (path: string) => boolean;
  children: ReactNode;
}

/**
 * A settings form: Enter (or "Save") saves. Without `settings:write` every input is disabled (a
 * disabled fieldset) and there is no Save button.
 */
export function SettingsForm({ onSave, saving, error, shownInline, children }: SettingsFormProps) {
  const canWrite = useSession().can('settings:write');
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (canWrite && !saving) onSave();
      }}
    >
      <Stack>
        <Fieldset variant="unstyled" disabled={!canWrite} p={0} m={0}>
          <Stack>{children}</Stack>
        </Fieldset>
        <FormProblems error={error} shownInline={shownInline} />
        {canWrite ? (
          <Group>
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            Read-only: your role can view these settings but not change them.
          </Text>
        )}
      </Stack>
    </form>
  );
}

/** Whether the signed-in person may change settings (edit controls outside inputs hide without it). */
export function useCanWriteSettings(): boolean {
  return useSession().can('settings:write');
}
