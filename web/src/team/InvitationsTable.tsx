import { Alert, Center, Loader, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ConfirmButton } from '../settings/components/ConfirmButton';
import { formatInstant } from '../settings/format';
import { summarizeError } from '../settings/problem-details';
import type { Invitation } from '../settings/types';
import { roleLabel } from './roles';
import { INVITATIONS_KEY, useInvitationsQuery } from './use-team';

/** Invitations not yet accepted, each with Revoke. */
export function InvitationsTable() {
  const qc = useQueryClient();
  const invitations = useInvitationsQuery();

  const revoke = async (invitation: Invitation) => {
    try {
      await api.del<unknown>(`/api/v1/team/invitations/${encodeURIComponent(invitation.id)}`);
      notifications.show({ color: 'green', title: 'Invitation revoked', message: `The link sent to ${invitation.email} no longer works.` });
      void qc.invalidateQueries({ queryKey: INVITATIONS_KEY });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Invitation not revoked', message: summarizeError(err)?.message });
      throw err;
    }
  };

  if (invitations.isPending) {
    return (
      <Center py="md">
        <Loader aria-label="Loading invitations" />
      </Center>
    );
  }
  if (invitations.isError) {
    return (
      <Alert color="red" title="Invitations could not be loaded">
        {summarizeError(invitations.error)?.message}
      </Alert>
    );
  }
  if (invitations.data.length === 0) return <Text size="sm">No pending invitations.</Text>;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.data.map((inv) => (
            <Table.Tr key={inv.id} data-testid="invitation">
              <Table.Td>{inv.email}</Table.Td>
              <Table.Td>{roleLabel(inv.role)}</Table.Td>
              <Table.Td>{formatInstant(inv.expiresAt)}</Table.Td>
              <Table.Td>
                <ConfirmButton
                  aria-label={`Revoke invitation for ${inv.email}`}
                  title={`Revoke the invitation for ${inv.email}?`}
                  message="The link in their email will stop working. You can invite them again later."
                  confirmLabel="Revoke"
                  onConfirm={() => revoke(inv)}
                >
                  Revoke
                </ConfirmButton>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
