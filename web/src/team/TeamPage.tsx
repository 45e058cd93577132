/** `/team` (needs `team:manage`): the people of the organization, pending invitations and an invite form. */
import { Alert, Paper, Stack, Title } from '@mantine/core';
import { useSession } from '../session';
import { InvitationsTable } from './InvitationsTable';
import { InviteForm } from './InviteForm';
import { MembersTable } from './MembersTable';

export function TeamPage() {
  const { can } = useSession();
  if (!can('team:manage')) return <Alert color="red">You don't have access to the team</Alert>;
  return (
    <Stack>
      <Title order={2}>Team</Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Title order={3} size="h4">
            Invite someone
          </Title>
          <InviteForm />
        </Stack>
      </Paper>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Members
        </Title>
        <MembersTable />
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Pending invitations
        </Title>
        <InvitationsTable />
      </Stack>
    </Stack>
  );
}
