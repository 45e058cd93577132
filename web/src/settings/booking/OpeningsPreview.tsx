import { Alert, Badge, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { summarizeError } from '../problem-details';
import type { Opening } from '../types';

/** The query key of the preview; the Booking tab invalidates it after a save. */
export const OPENINGS_PREVIEW_KEY = ['availability', 'preview'] as const;
/** How many openings the preview lists. */
const PREVIEW_COUNT = 6;

/**
 * `Tue, Nov 19 · 8 AM–12 PM` in the organization's time zone (where customers and technicians are),
 * not the viewer's.
 */
export function formatOpening(opening: Pick<Opening, 'start' | 'end'>, timeZone: string): string {
  const day = new Intl.DateTimeFormat(undefined, { timeZone, weekday: 'short', month: 'short', day: 'numeric' });
  const time = new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' });
  const start = new Date(opening.start);
  return `${day.format(start)} · ${time.formatRange(start, new Date(opening.end))}`;
}

/**
 * The next bookable arrival windows as customers see them now (`GET /api/v1/availability`): the saved
 * policy minus bookings and holds. Reflects the form after Save, not while editing.
 */
export function OpeningsPreview({ timeZone }: { timeZone: string }) {
  const openings = useQuery({ queryKey: OPENINGS_PREVIEW_KEY, queryFn: () => api.get<Opening[]>('/api/v1/availability') });
  return (
    <Paper withBorder p="sm" aria-label="Next openings">
      <Stack gap="xs">
        <div>
          <Text fw={500}>Next openings</Text>
          <Text size="sm" c="dimmed">
            What a customer can book right now, with the saved settings ({timeZone}).
          </Text>
        </div>
        {openings.isPending ? (
          <Loader size="sm" aria-label="Loading openings" />
        ) : openings.isError ? (
          <Alert color="red" title="Openings could not be loaded">
            {summarizeError(openings.error)?.message}
          </Alert>
        ) : openings.data.length === 0 ? (
          <Text size="sm">No openings in the next two weeks: check the windows, capacity, lead time and closed days.</Text>
        ) : (
          <Stack gap={4} role="list">
            {openings.data.slice(0, PREVIEW_COUNT).map((o) => (
              <Group key={`${o.start}/${o.end}`} gap="xs" role="listitem" justify="space-between" wrap="nowrap">
                <Text size="sm">{formatOpening(o, timeZone)}</Text>
                <Badge variant="light" color={o.remaining > 1 ? 'green' : 'yellow'} tt="none">
                  {o.remaining} left
                </Badge>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
