/** One numbered step of the review checklist, ticked when done. */
import { Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface ReviewStepProps {
  number: number;
  title: string;
  done: boolean;
  hint?: string;
  children: ReactNode;
}

export function ReviewStep({ number, title, done, hint, children }: ReviewStepProps) {
  return (
    <Stack component="li" gap={6} data-testid="review-step" data-done={done ? 'true' : 'false'}>
      <Group gap="xs" wrap="nowrap">
        <ThemeIcon radius="xl" size="sm" color={done ? 'green' : 'gray'} variant={done ? 'filled' : 'light'} aria-hidden>
          {done ? <IconCheck size={14} /> : <Text size="xs">{number}</Text>}
        </ThemeIcon>
        <Text fw={600} size="sm">
          {title}
          {done ? <Text span c="green.8" size="xs">{' '}(done)</Text> : null}
        </Text>
      </Group>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
      <div style={{ paddingLeft: 'calc(var(--mantine-spacing-xs) + 22px)' }}>{children}</div>
    </Stack>
  );
}
