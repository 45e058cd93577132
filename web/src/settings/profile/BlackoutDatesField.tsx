import { Badge, CloseButton, Group, Stack, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';

interface BlackoutDatesFieldProps {
  dates: string[];
  onChange: (dates: string[]) => void;
  errorAt: (path: string) => string | undefined;
  readOnly: boolean;
}

/** A `YYYY-MM-DD` local date as `Thu, Dec 24, 2026`. */
function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
}

/** Extra closed days (company events, the week after Christmas): picking a date adds it to the list. */
export function BlackoutDatesField({ dates, onChange, errorAt, readOnly }: BlackoutDatesFieldProps) {
  const [picked, setPicked] = useState<string | null>(null);
  const problems = errorAt('calendar.blackoutDates');
  return (
    <Stack gap="xs">
      {!readOnly && (
        <DateInput
          label="Add a blackout date"
          description="Days the office is closed besides weekends and holidays."
          placeholder="Pick a date"
          valueFormat="YYYY-MM-DD"
          value={picked}
          clearable
          onChange={(value) => {
            setPicked(null);
            if (value && !dates.includes(value)) onChange([...dates, value].sort());
          }}
        />
      )}
      <div>
        <Text size="sm" fw={500}>
          Blackout dates
        </Text>
        {dates.length === 0 ? (
          <Text size="sm" c="dimmed">
            None.
          </Text>
        ) : (
          <Group gap="xs" mt={4} aria-label="Blackout dates" role="list">
            {dates.map((date) => (
              <Badge
                key={date}
                role="listitem"
                variant="light"
                size="lg"
                tt="none"
                rightSection={
                  readOnly ? undefined : (
                    <CloseButton size="xs" aria-label={`Remove blackout date ${date}`} onClick={() => onChange(dates.filter((d) => d !== date))} />
                  )
                }
              >
                {formatDate(date)}
              </Badge>
            ))}
          </Group>
        )}
        {problems && (
          <Text size="sm" c="red">
            {problems}
          </Text>
        )}
      </div>
    </Stack>
  );
}
