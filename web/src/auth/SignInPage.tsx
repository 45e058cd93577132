/** The sign-in form shown at `/` (and any signed-in route) while signed out. better-auth email + password. */
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';

/** The reason to show for a failed sign-in response. */
async function signInError(res: Response): Promise<string> {
  if (res.status === 429) {
    const retryAfter = Number(res.headers.get('x-retry-after') ?? res.headers.get('retry-after'));
    return retryAfter > 0
      ? `Too many sign-in attempts. Try again in ${Math.ceil(retryAfter / 60)} minute${retryAfter > 60 ? 's' : ''}.`
      : 'Too many sign-in attempts. Wait a few minutes and try again.';
  }
  if (res.status === 401) return 'That email and password don’t match an account.';
  try {
    const body = (await res.json()) as { message?: string; detail?: string };
    if (body.message || body.detail) return (body.message ?? body.detail)!;
  } catch {
    // Not JSON.
  }
  return `Sign-in failed (HTTP ${res.status}). Try again.`;
}

export function SignInPage() {
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      const res = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ email: email.trim(), password }),
      });
      if (!res.ok) {
        setError(await signInError(res));
        return;
      }
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    } catch {
      setError('Could not reach Ringback. Check your connection and try again.');
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={400}>
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Stack>
            <div>
              <Title order={1} size="h2">
                Ringback
              </Title>
              <Text c="dimmed" size="sm">
                Sign in to your recovery queue
              </Text>
            </div>
            {error ? (
              <Alert color="red" role="alert" title="Couldn’t sign in">
                {error}
              </Alert>
            ) : null}
            <TextInput label="Email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} autoFocus />
            <PasswordInput
              label="Password"
              // Mantine's default toggle label contains "password", which would make the label "Password" ambiguous.
              visibilityToggleButtonProps={{ 'aria-label': 'Show what you typed' }}
              autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
            <Button type="submit" loading={submitting}>
              Sign in
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
              Forgot password?
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
