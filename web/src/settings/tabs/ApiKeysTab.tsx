/**
 * API keys (needs `api_keys:manage`): integrations call the API with `Authorization: Bearer <key>`.
 * A key is shown once when created; revoking one stops it at once.
 */
import { Alert, Badge, Button, Center, Code, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { NewApiKeyModal } from '../api-keys/NewApiKeyModal';
import { ConfirmButton } from '../components/ConfirmButton';
import { formatInstant } from '../format';
import { summarizeError } from '../problem-details';
import type { ApiKeySummary, CreatedApiKey } from '../types';
import { API_KEYS_KEY } from '../use-settings';

export function ApiKeysTab() {
  const qc = useQueryClient();
  const keys = useQuery({ queryKey: API_KEYS_KEY, queryFn: () => api.get<ApiKeySummary[]>('/api/v1/settings/api-keys') });
  const [created, setCreated] = useState<CreatedApiKey | null>(null);

  const create = useMutation({
    mutationFn: () => api.post<CreatedApiKey>('/api/v1/settings/api-keys'),
    onSuccess: (key) => {
      setCreated(key);
      void qc.invalidateQueries({ queryKey: API_KEYS_KEY });
    },
    onError: (err) => notifications.show({ color: 'red', title: 'No key created', message: summarizeError(err)?.message }),
  });

  const revoke = async (key: ApiKeySummary) => {
    try {
      await api.del<unknown>(`/api/v1/settings/api-keys/${encodeURIComponent(key.id)}`);
      notifications.show({ color: 'green', title: 'Revoked', message: `Key ${key.prefix}… no longer works.` });
      void qc.invalidateQueries({ queryKey: API_KEYS_KEY });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Not revoked', message: summarizeError(err)?.message });
      throw err;
    }
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        Keys let your other systems (a website form, a CRM) create and read leads. They act with an owner's access except team and keys.
      </Text>
      <Group>
        <Button leftSection={<IconKey size={16} />} onClick={() => create.mutate()} loading={create.isPending}>
          Create API key
        </Button>
      </Group>
      {keys.isPending ? (
        <Center py="md">
          <Loader aria-label="Loading API keys" />
        </Center>
      ) : keys.isError ? (
        <Alert color="red" title="API keys could not be loaded">
          {summarizeError(keys.error)?.message}
        </Alert>
      ) : keys.data.length === 0 ? (
        <Text>No API keys yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Key</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Actions</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id}>
                  <Table.Td>
                    <Code>{key.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>{formatInstant(key.createdAt)}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="light" title={`Revoked ${formatInstant(key.revokedAt)}`}>
                        Revoked
                      </Badge>
                    ) : (
                      <Badge color="green" variant="light">
                        Active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!key.revokedAt && (
                      <ConfirmButton
                        aria-label={`Revoke key ${key.prefix}`}
                        title={`Revoke key ${key.prefix}…?`}
                        message="Anything using this key stops working immediately. This cannot be undone."
                        confirmLabel="Revoke"
                        onConfirm={() => revoke(key)}
                      >
                        Revoke
                      </ConfirmButton>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <NewApiKeyModal created={created} onClose={() => setCreated(null)} />
    </Stack>
  );
}
