/**
 * `/reset-password?token=…` (public): the page the reset email links to. Sets a new password with
 * `POST /api/auth/reset-password {newPassword, token}`; better-auth signs the person out everywhere,
 * so they then sign in at `/`. better-auth sends an invalid or expired link here with `?error=INVALID_TOKEN`.
 */
import { Alert, Anchor, Button, Container, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../api/client';
import { summarizeError } from '../settings/problem-details';

/** better-auth's minimum (`MIN_PASSWORD_LENGTH` in src/auth/auth.ts). */
const MIN_PASSWORD_LENGTH = 10;

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const linkError = params.get('error');

  return (
    <Container size={440} py="xl" px="md">
      <Stack>
        <Title order={1} size="h2">
          Ringback
        </Title>
        <Paper withBorder p="lg" radius="md">
          {!token || linkError ? <InvalidLink /> : <ResetForm token={token} />}
        </Paper>
      </Stack>
    </Container>
  );
}

function InvalidLink() {
  return (
    <Stack>
      <Alert color="red" title="This reset link is not valid">
        It has expired or was already used. Reset links work for an hour.
      </Alert>
      <Anchor component={Link} to="/forgot-password">
        Request a new link
      </Anchor>
    </Stack>
  );
}

function ResetForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [checked, setChecked] = useState(false);
  const reset = useMutation({
    mutationFn: () => api.post<unknown>('/api/auth/reset-password', { newPassword: password, token }),
  });
  const tooShort = password.length < MIN_PASSWORD_LENGTH;
  const mismatch = password !== confirm;

  if (reset.isSuccess) {
    return (
      <Stack>
        <Alert color="green" role="status" title="Your password is set">
          Sign in with your new password.
        </Alert>
        <Anchor component={Link} to="/">
          Sign in
        </Anchor>
      </Stack>
    );
  }

  const invalidToken = reset.error instanceof ApiError && reset.error.problem.code === 'INVALID_TOKEN';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        if (!tooShort && !mismatch && !reset.isPending) reset.mutate();
      }}
    >
      <Stack>
        <div>
          <Title order={2} size="h3">
            Choose a new password
          </Title>
          <Text size="sm" c="dimmed">
            At least {MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.
          </Text>
        </div>
        <PasswordInput
          label="New password"
          autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the characters' }}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={checked && tooShort ? `Use at least ${MIN_PASSWORD_LENGTH} characters.` : undefined}
          required
          data-autofocus
        />
        <PasswordInput
          label="Confirm password"
          autoComplete="new-password"
            visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the characters' }}
          value={confirm}
          onChange={(e) => setConfirm(e.currentTarget.value)}
          error={checked && !tooShort && mismatch ? 'The passwords do not match.' : undefined}
          required
        />
        {reset.error && (
          <Alert color="red">
            {invalidToken ? (
              <>
                This reset link has expired or was already used.{' '}
                <Anchor component={Link} to="/forgot-password" size="sm">
                  Request a new link
                </Anchor>
              </>
            ) : (
              summarizeError(reset.error)?.message
            )}
          </Alert>
        )}
        <Button type="submit" loading={reset.isPending}>
          Set password
        </Button>
      </Stack>
    </form>
  );
}
