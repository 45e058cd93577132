/**
 * The calendar's controls: previous / today / next, the range shown, Day or Week (each starts with its
 * own default for technician columns: on for a day, off for a week), and the "By technician" switch.
 */
import { ActionIcon, Button, Group, SegmentedControl, Switch, Text } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { rangeTitle, stepDate, type CalendarState } from './calendar-range';

export interface CalendarToolbarProps {
  state: CalendarState;
  onChange: (next: Partial<CalendarState>) => void;
  /** Offer the "By technician" switch (people who can assign bookings). */
  canSplitByTechnician: boolean;
}

export function CalendarToolbar({ state, onChange, canSplitByTechnician }: CalendarToolbarProps) {
  const { view, date } = state;
  return (
    <Group justify="space-between" gap="xs" wrap="wrap">
      <Group gap={4} wrap="nowrap">
        <ActionIcon variant="default" size="lg" aria-label={`Previous ${view}`} onClick={() => onChange({ date: stepDate(view, date, -1) })}>
          <IconChevronLeft size={18} aria-hidden />
        </ActionIcon>
        <Button variant="default" onClick={() => onChange({ date: new Date() })}>
          Today
        </Button>
        <ActionIcon variant="default" size="lg" aria-label={`Next ${view}`} onClick={() => onChange({ date: stepDate(view, date, 1) })}>
          <IconChevronRight size={18} aria-hidden />
        </ActionIcon>
        <Text fw={600} ml="xs" data-testid="calendar-range" aria-live="polite">
          {rangeTitle(view, date)}
        </Text>
      </Group>
      <Group gap="md" wrap="nowrap">
        {canSplitByTechnician ? (
          <Switch label="By technician" checked={state.byTechnician} onChange={(e) => onChange({ byTechnician: e.currentTarget.checked })} />
        ) : null}
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={(v) => onChange({ view: v === 'day' ? 'day' : 'week', byTechnician: v === 'day' })}
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ]}
        />
      </Group>
    </Group>
  );
}
