import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import type { Role } from '../api/types';
import { useSession } from '../session';
import { FormProblems } from '../settings/components/FormProblems';
import { fieldErrorLookup, summarizeError } from '../settings/problem-details';
import type { Invitation } from '../settings/types';
import { ROLE_OPTIONS, assignableRoles } from './roles';
import { INVITATIONS_KEY } from './use-team';

/** Invites someone by email (`POST /api/v1/team/invitations`); they get a link to `/invite/:token`. */
export function InviteForm() {
  const { me } = useSession();
  const qc = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('dispatcher');
  const assignable = assignableRoles(me.role);

  const invite = useMutation({
    mutationFn: (input: { email: string; role: Role }) => api.post<Invitation>('/api/v1/team/invitations', input),
    onSuccess: (invitation) => {
      notifications.show({ color: 'green', title: 'Invited', message: `Invitation sent to ${invitation.email}` });
      setEmail('');
      void qc.invalidateQueries({ queryKey: INVITATIONS_KEY });
    },
  });
  const errorAt = fieldErrorLookup(summarizeError(invite.error)?.fields ?? []);

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!invite.isPending) invite.mutate({ email: email.trim(), role });
      }}
    >
      <Stack gap="sm">
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            type="email"
            autoComplete="off"
            placeholder="name@example.com"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errorAt('email')}
            required
            style={{ flex: '1 1 220px' }}
          />
          <Select
            label="Role"
            data={ROLE_OPTIONS.filter((r) => assignable.includes(r.value)).map(({ value, label }) => ({ value, label }))}
            value={role}
            onChange={(value) => value && setRole(value as Role)}
            description={ROLE_OPTIONS.find((r) => r.value === role)?.description}
            error={errorAt('role')}
            allowDeselect={false}
            style={{ flex: '1 1 180px' }}
          />
        </Group>
        <FormProblems error={invite.error} shownInline={(path) => path === 'email' || path === 'role'} />
        <Group>
          <Button type="submit" loading={invite.isPending}>
            Invite
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
