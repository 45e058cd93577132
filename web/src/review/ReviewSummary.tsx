/** The end of a review: what was done, lead by lead totals. */
import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { ReviewTally } from './review-session';

const ROWS: Array<{ key: keyof ReviewTally; label: string }> = [
  { key: 'reviewed', label: 'Leads reviewed' },
  { key: 'called', label: 'Called' },
  { key: 'texted', label: 'Texted' },
  { key: 'stageMoves', label: 'Stage moves' },
  { key: 'escalations', label: 'Escalations' },
  { key: 'skipped', label: 'Skipped' },
];

export function ReviewSummary({ tally, total, onRestart }: { tally: ReviewTally; total: number; onRestart: () => void }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid="review-summary">
      <Stack gap="md">
        <div>
          <Title order={3}>Review done</Title>
          <Text c="dimmed" size="sm">
            {total === 0 ? 'No lead needed a person this morning.' : `You went through ${total} lead${total === 1 ? '' : 's'}.`}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" component="dl" m={0}>
          {ROWS.map(({ key, label }) => (
            <div key={key} data-testid={`review-summary-${key}`}>
              <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
                {label}
              </Text>
              <Text component="dd" m={0} size="xl" fw={700}>
                {tally[key]}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Group gap="xs">
          <Button component={Link} to="/">
            Back to the queue
          </Button>
          <Button variant="light" onClick={onRestart}>
            Start a new review
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
