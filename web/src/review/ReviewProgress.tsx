/** How far the review is: a bar and "3 of 10". */
import { Group, Progress, Text } from '@mantine/core';

export function ReviewProgress({ done, total }: { done: number; total: number }) {
  const value = total === 0 ? 100 : Math.round((Math.min(done, total) / total) * 100);
  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={600}>
          Progress
        </Text>
        <Text size="sm" c="dimmed">
          {Math.min(done, total)} of {total} done
        </Text>
      </Group>
      <Progress value={value} aria-label="Review progress" data-testid="review-progress" size="lg" radius="xl" />
    </div>
  );
}
