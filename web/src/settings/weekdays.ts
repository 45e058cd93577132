import type { IsoWeekday } from './types';

/** ISO weekdays (1 = Monday … 7 = Sunday) with their names, Monday first. */
export const WEEKDAYS: ReadonlyArray<{ day: IsoWeekday; name: string; short: string }> = [
  { day: 1, name: 'Monday', short: 'Mon' },
  { day: 2, name: 'Tuesday', short: 'Tue' },
  { day: 3, name: 'Wednesday', short: 'Wed' },
  { day: 4, name: 'Thursday', short: 'Thu' },
  { day: 5, name: 'Friday', short: 'Fri' },
  { day: 6, name: 'Saturday', short: 'Sat' },
  { day: 7, name: 'Sunday', short: 'Sun' },
];
