/** Numbers: the organization's tracking numbers, where each forwards and which lead source it stands for. */
import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { ConfirmButton } from '../components/ConfirmButton';
import { useCanWriteSettings } from '../components/SettingsForm';
import { NumberFormModal } from '../numbers/NumberFormModal';
import { summarizeError } from '../problem-details';
import type { SettingsTabProps } from '../SettingsPage';
import type { PhoneNumberSetting } from '../types';
import { AUDIT_KEY, SETTINGS_KEY, notifySaved } from '../use-settings';

export function NumbersTab({ settings }: SettingsTabProps) {
  const canWrite = useCanWriteSettings();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<{ number: PhoneNumberSetting | null } | null>(null);

  const remove = async (n: PhoneNumberSetting) => {
    try {
      await api.del<unknown>(`/api/v1/settings/numbers/${encodeURIComponent(n.id)}`);
      notifySaved(`${n.e164} deleted.`);
      void qc.invalidateQueries({ queryKey: SETTINGS_KEY, exact: true });
      void qc.invalidateQueries({ queryKey: AUDIT_KEY });
    } catch (err) {
      notifications.show({ color: 'red', title: `${n.e164} was not deleted`, message: summarizeError(err)?.message });
      throw err;
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Calls to a number ring its forward-to phones; a call nobody answers gets a text-back and becomes a lead tagged with the number's lead source.
      </Text>
      {canWrite && (
        <Group>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing({ number: null })}>
            Add number
          </Button>
        </Group>
      )}
      {settings.numbers.length === 0 ? (
        <Text>No numbers yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={620}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Forwards to</Table.Th>
                <Table.Th>Lead source</Table.Th>
                <Table.Th>Ring time</Table.Th>
                {canWrite && <Table.Th>Actions</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {settings.numbers.map((n) => (
                <Table.Tr key={n.id}>
                  <Table.Td>{n.e164}</Table.Td>
                  <Table.Td>{n.forwardTo.length > 0 ? n.forwardTo.join(', ') : <Text span c="dimmed">Nobody (straight to text-back)</Text>}</Table.Td>
                  <Table.Td>{n.leadSource ?? <Text span c="dimmed">None</Text>}</Table.Td>
                  <Table.Td>{n.dialTimeoutSeconds} s</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="xs" variant="light" aria-label={`Edit ${n.e164}`} onClick={() => setEditing({ number: n })}>
                          Edit
                        </Button>
                        <ConfirmButton
                          aria-label={`Delete ${n.e164}`}
                          title={`Delete ${n.e164}?`}
                          message="Calls to this number will no longer be forwarded or followed up by Ringback. Leads already created stay."
                          confirmLabel="Delete"
                          onConfirm={() => remove(n)}
                        >
                          Delete
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NumberFormModal opened={editing !== null} onClose={() => setEditing(null)} number={editing?.number ?? null} />
    </Stack>
  );
}
