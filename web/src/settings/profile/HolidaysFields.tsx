import { Select, Stack, Switch } from '@mantine/core';
import type { PublicHolidayRegion } from '../types';
import { US_STATES } from '../us-states';

interface HolidaysFieldsProps {
  holidays: PublicHolidayRegion | null;
  onChange: (holidays: PublicHolidayRegion | null) => void;
  errorAt: (path: string) => string | undefined;
}

/** Whether public holidays close the office: US federal holidays, plus a state's when one is chosen. */
export function HolidaysFields({ holidays, onChange, errorAt }: HolidaysFieldsProps) {
  return (
    <Stack gap="xs">
      <Switch
        label="Closed on public holidays"
        description="US federal holidays (and your state's, if you pick one) count as closed days."
        checked={holidays !== null}
        onChange={(e) => onChange(e.currentTarget.checked ? { country: 'US' } : null)}
      />
      {holidays && (
        <Select
          label="State holidays"
          description="Adds the state's public holidays, e.g. Texas: the day after Thanksgiving."
          placeholder="Federal holidays only"
          data={US_STATES}
          value={holidays.state ?? null}
          onChange={(state) => onChange(state ? { country: 'US', state } : { country: 'US' })}
          error={errorAt('calendar.holidays')}
          searchable
          clearable
        />
      )}
    </Stack>
  );
}
