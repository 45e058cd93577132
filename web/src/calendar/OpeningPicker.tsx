/**
 * Pick an arrival window from the next openings (`GET /api/v1/availability`), grouped by day, each with
 * its remaining capacity. Used by the lead's booking panel (book, reschedule) and the calendar's booking
 * details (reschedule). Shows the first few days; "More days" reveals the rest of the booking horizon.
 */
import { Alert, Button, Group, Loader, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Opening } from '../api/types';
import { errorMessage } from '../lead/notify';
import { remainingLabel } from './booking-events';
import { useOpenings } from './use-bookings';
import { groupOpeningsByDay, openingValue, windowLabel } from './window-label';

/** How far ahead the picker asks for openings; the server stops at the organization's booking horizon. */
const LOOK_AHEAD_DAYS = 31;
const DAYS_SHOWN_AT_FIRST = 4;

/** `[now, now + LOOK_AHEAD_DAYS)` as ISO instants, fixed for the life of the component (a stable query key). */
export function useLookAhead(): { from: string; to: string } {
  const [range] = useState(() => {
    const now = new Date();
    now.setSeconds(0, 0);
    return { from: now.toISOString(), to: new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000).toISOString() };
  });
  return range;
}

export interface OpeningPickerProps {
  /** The picked opening's `openingValue`, or null. */
  value: string | null;
  onChange: (opening: Opening | null) => void;
  /** The window the booking is in now (rescheduling): marked, and not offered as a change. */
  current?: Pick<Opening, 'start' | 'end'> | null;
  label?: string;
}

export function OpeningPicker({ value, onChange, current, label = 'Opening' }: OpeningPickerProps) {
  const range = useLookAhead();
  const openings = useOpenings(range.from, range.to);
  const [showAll, setShowAll] = useState(false);

  if (openings.isPending) return <Loader size="sm" aria-label="Loading openings" />;
  if (openings.isError) {
    return (
      <Alert color="red" title="Could not load openings">
        {errorMessage(openings.error)}
      </Alert>
    );
  }
  const currentValue = current ? openingValue(current) : null;
  const days = groupOpeningsByDay(openings.data.filter((o) => o.remaining > 0 || openingValue(o) === currentValue));
  if (days.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No openings in the booking horizon: every arrival window is full or closed.
      </Text>
    );
  }
  const shown = showAll ? days : days.slice(0, DAYS_SHOWN_AT_FIRST);
  const byValue = new Map(openings.data.map((o) => [openingValue(o), o]));

  return (
    <Radio.Group label={label} value={value} onChange={(v) => onChange(byValue.get(v) ?? null)}>
      <Stack gap="xs" mt={4} data-testid="opening-picker">
        {shown.map((day) => (
          <div key={day.key}>
            <Text size="sm" fw={600}>
              {day.label}
            </Text>
            <Group gap="md" mt={2}>
              {day.openings.map((o) => {
                const v = openingValue(o);
                const isCurrent = v === currentValue;
                const words = `${windowLabel(o.start, o.end)} · ${isCurrent ? 'current' : remainingLabel(o.remaining)}`;
                return <Radio key={v} value={v} label={words} aria-label={`${day.label} · ${words}`} disabled={isCurrent} />;
              })}
            </Group>
          </div>
        ))}
        {days.length > shown.length ? (
          <Button variant="subtle" size="compact-sm" onClick={() => setShowAll(true)} style={{ alignSelf: 'flex-start' }}>
            More days ({days.length - shown.length})
          </Button>
        ) : null}
      </Stack>
    </Radio.Group>
  );
}
