/**
 * Home: the recovery queue. Emergencies first (the server orders), each lead with its next action
 * and a live SLA timer. Filters live in the URL; the list refreshes on live updates and every 30 s.
 */
import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTeamMembers } from '../lead/use-team-members';
import { errorMessage } from '../lead/notify';
import { activeFilterCount, hasFilters, useQueueFilters } from './queue-filters';
import { QueueCard } from './QueueCard';
import { QueueCountsBar } from './QueueCountsBar';
import { QueueFilterBar } from './QueueFilterBar';
import { QueueFiltersToggle } from './QueueFiltersToggle';
import { QueueTable } from './QueueTable';
import { useQueue } from './use-queue';

/** Below this width rows become stacked cards. */
const NARROW_QUERY = '(max-width: 599.98px)';

export function QueuePage() {
  const { filters, setFilters, clearFilters } = useQueueFilters();
  const queue = useQueue(filters);
  const { names } = useTeamMembers();
  const narrow = useMediaQuery(NARROW_QUERY, typeof window !== 'undefined' && window.matchMedia(NARROW_QUERY).matches, { getInitialValueInEffect: false });
  const items = queue.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={2}>Recovery queue</Title>
        {queue.data ? <QueueCountsBar counts={queue.data.counts} /> : null}
      </Group>
      {narrow ? (
        <QueueFiltersToggle activeCount={activeFilterCount(filters)}>
          <QueueFilterBar filters={filters} onChange={setFilters} onClear={clearFilters} />
        </QueueFiltersToggle>
      ) : (
        <QueueFilterBar filters={filters} onChange={setFilters} onClear={clearFilters} />
      )}
      {queue.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the queue" />
        </Center>
      ) : queue.isError && !queue.data ? (
        <Alert color="red" title="Could not load the queue">
          {errorMessage(queue.error)}
          <Button mt="sm" size="xs" variant="light" onClick={() => void queue.refetch()}>
            Try again
          </Button>
        </Alert>
      ) : items.length === 0 ? (
        <Text c="dimmed" ta="center" py="xl">
          {hasFilters(filters) ? 'No leads match these filters.' : 'No open leads. Every missed call has been handled.'}
        </Text>
      ) : narrow ? (
        <Stack gap="xs" aria-label="Recovery queue" role="list">
          {items.map((item) => (
            <div role="listitem" key={item.id}>
              <QueueCard item={item} names={names} />
            </div>
          ))}
        </Stack>
      ) : (
        <QueueTable items={items} names={names} />
      )}
    </Stack>
  );
}
