import { Alert, Center, Loader, Select, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Role } from '../api/types';
import { useSession } from '../session';
import { ConfirmButton } from '../settings/components/ConfirmButton';
import { summarizeError } from '../settings/problem-details';
import type { TeamMember } from '../settings/types';
import { ROLE_OPTIONS, assignableRoles, roleLabel } from './roles';
import { TEAM_KEY, useTeamQuery } from './use-team';

/**
 * The organization's people with their role (changed on the spot) and a Remove button. A manager
 * cannot change or remove an owner; nobody changes or removes themselves here (the server also
 * refuses to remove the last owner).
 */
export function MembersTable() {
  const { me } = useSession();
  const qc = useQueryClient();
  const team = useTeamQuery();

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: TeamMember; role: Role }) => api.patch<unknown>(`/api/v1/team/${encodeURIComponent(member.userId)}`, { role }),
    onSuccess: (_data, { member, role }) => notifications.show({ color: 'green', title: 'Role changed', message: `${member.name} is now ${roleLabel(role).toLowerCase()}.` }),
    onError: (err, { member }) => notifications.show({ color: 'red', title: `${member.name}'s role was not changed`, message: summarizeError(err)?.message }),
    onSettled: () => qc.invalidateQueries({ queryKey: TEAM_KEY, exact: true }),
  });

  const remove = async (member: TeamMember) => {
    try {
      await api.del<unknown>(`/api/v1/team/${encodeURIComponent(member.userId)}`);
      notifications.show({ color: 'green', title: 'Removed', message: `${member.name} no longer has access.` });
      void qc.invalidateQueries({ queryKey: TEAM_KEY, exact: true });
    } catch (err) {
      notifications.show({ color: 'red', title: `${member.name} was not removed`, message: summarizeError(err)?.message });
      throw err;
    }
  };

  if (team.isPending) {
    return (
      <Center py="md">
        <Loader aria-label="Loading the team" />
      </Center>
    );
  }
  if (team.isError) {
    return (
      <Alert color="red" title="The team could not be loaded">
        {summarizeError(team.error)?.message}
      </Alert>
    );
  }

  const assignable = assignableRoles(me.role);
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="xs" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Phone</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Actions</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.data.map((member) => {
            const isMe = member.userId === me.user.id;
            const manageable = !isMe && assignable.includes(member.role);
            const pending = changeRole.isPending && changeRole.variables?.member.userId === member.userId;
            return (
              <Table.Tr key={member.userId} data-testid="team-member">
                <Table.Td>
                  {member.name}
                  {isMe && (
                    <Text span size="sm" c="dimmed">
                      {' '}
                      (you)
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{member.email}</Table.Td>
                <Table.Td>{member.phoneE164 ?? <Text span c="dimmed">None</Text>}</Table.Td>
                <Table.Td miw={170}>
                  <Select
                    aria-label={`Role for ${member.name}`}
                    data={ROLE_OPTIONS.filter((r) => r.value === member.role || assignable.includes(r.value)).map(({ value, label }) => ({ value, label }))}
                    value={pending ? changeRole.variables.role : member.role}
                    onChange={(role) => role && role !== member.role && changeRole.mutate({ member, role: role as Role })}
                    disabled={!manageable || pending}
                    allowDeselect={false}
                    size="xs"
                  />
                </Table.Td>
                <Table.Td>
                  {manageable && (
                    <ConfirmButton
                      aria-label={`Remove ${member.name}`}
                      title={`Remove ${member.name}?`}
                      message={`${member.name} (${member.email}) will lose access to this organization at once. Leads they own keep their history.`}
                      confirmLabel="Remove"
                      onConfirm={() => remove(member)}
                    >
                      Remove
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
