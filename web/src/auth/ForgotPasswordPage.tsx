/**
 * `/forgot-password` (public): asks better-auth to email a reset link
 * (`POST /api/auth/request-password-reset`). The answer is the same whether or not the email has an
 * account, so the page cannot be used to find out who has one.
 */
import { Alert, Anchor, Button, Container, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../api/client';

const SENT_MESSAGE = 'If that email has an account, a link is on its way.';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const request = useMutation({
    mutationFn: async (address: string) => {
      try {
        await api.post<unknown>('/api/auth/request-password-reset', { email: address, redirectTo: '/reset-password' });
      } catch (err) {
        // Only a rate limit or an unreachable server is worth saying; any other answer reads the same.
        if (err instanceof ApiError && err.status !== 429) return;
        throw err;
      }
    },
  });
  const failure =
    request.error instanceof ApiError && request.error.status === 429
      ? 'Too many requests. Wait a minute and try again.'
      : request.error
        ? 'Could not reach Ringback. Check your connection and try again.'
        : null;

  return (
    <Container size={440} py="xl" px="md">
      <Stack>
        <Title order={1} size="h2">
          Ringback
        </Title>
        <Paper withBorder p="lg" radius="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!request.isPending) request.mutate(email.trim());
            }}
          >
            <Stack>
              <div>
                <Title order={2} size="h3">
                  Reset your password
                </Title>
                <Text size="sm" c="dimmed">
                  We'll email you a link to choose a new password. It works for an hour.
                </Text>
              </div>
              <TextInput
                label="Email"
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                required
                data-autofocus
              />
              {request.isSuccess && (
                <Alert color="green" role="status">
                  {SENT_MESSAGE}
                </Alert>
              )}
              {failure && <Alert color="red">{failure}</Alert>}
              <Button type="submit" loading={request.isPending}>
                Send reset link
              </Button>
              <Anchor component={Link} to="/" size="sm">
                Back to sign in
              </Anchor>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Container>
  );
}
