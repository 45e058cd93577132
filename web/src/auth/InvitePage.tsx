/**
 * `/invite/:token` (public): shows whose invitation it is, then takes a name and a password and
 * accepts it (`POST /api/v1/invitations/:token/accept`), which signs the person in; the app then
 * reloads at `/`. An unknown, expired, revoked or used token gets a plain explanation.
 */
import { Alert, Anchor, Button, Center, Container, Loader, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { FormProblems } from '../settings/components/FormProblems';
import { fieldErrorLookup, summarizeError } from '../settings/problem-details';
import type { InvitationPreview } from '../settings/types';
import { roleLabel } from '../team/roles';

/** better-auth's minimum (`MIN_PASSWORD_LENGTH` in src/auth/auth.ts; NIST SP 800-63B favours length). */
const MIN_PASSWORD_LENGTH = 10;

export function InvitePage() {
  const token = useParams().token ?? '';
  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<InvitationPreview>(`/api/v1/invitations/${encodeURIComponent(token)}`),
    retry: false,
    refetchOnWindowFocus: false,
  });

  return (
    <Container size={440} py="xl" px="md">
      <Stack>
        <Title order={1} size="h2">
          Ringback
        </Title>
        {invitation.isPending ? (
          <Center py="xl">
            <Loader aria-label="Loading the invitation" />
          </Center>
        ) : invitation.isError ? (
          <InvitationUnavailable error={invitation.error} />
        ) : (
          <AcceptForm token={token} invitation={invitation.data} />
        )}
      </Stack>
    </Container>
  );
}

function InvitationUnavailable({ error }: { error: unknown }) {
  const gone = error instanceof ApiError && [400, 404, 410].includes(error.status);
  return (
    <Alert color="red" title={gone ? 'This invitation link is not valid' : 'The invitation could not be loaded'}>
      <Stack gap="xs">
        <Text size="sm">
          {gone
            ? 'It has expired, was revoked or was already used. Ask whoever invited you to send a new invitation.'
            : summarizeError(error)?.message}
        </Text>
        <Anchor component={Link} to="/" size="sm">
          Go to sign in
        </Anchor>
      </Stack>
    </Alert>
  );
}

function AcceptForm({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const accept = useMutation({
    mutationFn: () => api.post<unknown>(`/api/v1/invitations/${encodeURIComponent(token)}/accept`, { name: name.trim(), password }),
    onSuccess: () => window.location.assign('/'),
  });
  const errorAt = fieldErrorLookup(summarizeError(accept.error)?.fields ?? []);

  return (
    <Paper withBorder p="lg" radius="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const short = password.length < MIN_PASSWORD_LENGTH;
          setTooShort(short);
          if (!short && !accept.isPending) accept.mutate();
        }}
      >
        <Stack>
          <div>
            <Title order={2} size="h3">
              Join {invitation.organizationName}
            </Title>
            <Text size="sm" c="dimmed">
              You're invited as {roleLabel(invitation.role).toLowerCase()}. Choose your name and a password to finish.
            </Text>
          </div>
          <TextInput label="Email" value={invitation.email} readOnly autoComplete="username" />
          <TextInput
            label="Name"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errorAt('name')}
            required
            data-autofocus
          />
          <PasswordInput
            label="Password"
            description={`At least ${MIN_PASSWORD_LENGTH} characters.`}
            autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the characters' }}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={tooShort ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : errorAt('password')}
            required
          />
          <FormProblems error={accept.error} shownInline={(path) => path === 'name' || path === 'password'} />
          <Button type="submit" loading={accept.isPending || accept.isSuccess}>
            Accept invitation
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
