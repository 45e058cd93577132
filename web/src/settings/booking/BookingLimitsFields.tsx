import { SimpleGrid } from '@mantine/core';
import { IntegerInput } from '../components/IntegerInput';
import { formatMinutes } from '../format';
import type { AvailabilityPolicy } from '../types';

/** The numbers of the availability policy this group edits. */
export type BookingLimits = Pick<AvailabilityPolicy, 'capacity' | 'leadTimeMinutes' | 'horizonDays' | 'holdMinutes'>;

interface BookingLimitsFieldsProps {
  limits: BookingLimits;
  onChange: (limits: BookingLimits) => void;
  /** Field problem at `availability.<field>`. */
  errorAt: (path: string) => string | undefined;
}

/** Bookings per window, the soonest bookable start, how far ahead, and how long a chosen slot is held. Bounds are the server's. */
export function BookingLimitsFields({ limits, onChange, errorAt }: BookingLimitsFieldsProps) {
  const set = (patch: Partial<BookingLimits>) => onChange({ ...limits, ...patch });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <IntegerInput
        label="Bookings per window"
        description="How many visits one arrival window takes (your trucks). 0 closes online booking."
        value={limits.capacity}
        onChange={(capacity) => set({ capacity })}
        error={errorAt('availability.capacity')}
        min={0}
        max={500}
      />
      <IntegerInput
        label="Lead time (minutes)"
        description={`No window starting sooner than this from now: ${formatMinutes(limits.leadTimeMinutes)}.`}
        value={limits.leadTimeMinutes}
        onChange={(leadTimeMinutes) => set({ leadTimeMinutes })}
        error={errorAt('availability.leadTimeMinutes')}
        min={0}
        max={14 * 24 * 60}
        step={30}
      />
      <IntegerInput
        label="Booking horizon (days)"
        description="How many days ahead customers can book, today included."
        value={limits.horizonDays}
        onChange={(horizonDays) => set({ horizonDays })}
        error={errorAt('availability.horizonDays')}
        min={1}
        max={366}
      />
      <IntegerInput
        label="Hold a chosen slot (minutes)"
        description="While the customer confirms on the booking page, the slot is kept for them."
        value={limits.holdMinutes}
        onChange={(holdMinutes) => set({ holdMinutes })}
        error={errorAt('availability.holdMinutes')}
        min={1}
        max={60}
      />
    </SimpleGrid>
  );
}
