import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/**
 * Where an organization's public holidays come from: the country (only `'US'` for now) and,
 * optionally, a state as its two-letter USPS / ISO 3166-2 subdivision code (`'TX'`, `'NY'`, `'DC'`),
 * which adds that state's public holidays (e.g. Texas: the day after Thanksgiving, December 24 and 26).
 */
export interface PublicHolidayRegion {
  country: 'US';
  state?: string;
}

/**
 * Public holidays as local calendar dates (`YYYY-MM-DD`), memoized per country / state / time zone /
 * year. The data comes from the `date-holidays` package (https://github.com/commenthol/date-holidays),
 * kept to `type === 'public'` (its `observance`, `optional`, `bank` and `school` days, e.g. Valentine's
 * Day or Good Friday outside Kentucky, are ordinary business days), substitute days included
 * (Independence Day 2026 is observed on Friday July 3).
 *
 * The module-level cache keeps callers pure in effect: the answer depends only on the arguments, and
 * the cache merely saves rebuilding a year's list (7–20 ms with date-holidays 3.37) on every call.
 * It holds one small set per (region, zone, year) ever asked about.
 */
const holidayDatesCache = new Map<string, ReadonlySet<string>>();

let knownUsStates: ReadonlySet<string> | undefined;

/** Whether `state` is a US subdivision code date-holidays knows (the 50 states and DC). */
export function isKnownUsState(state: string): boolean {
  knownUsStates ??= new Set(Object.keys(new Holidays().getStates('US')));
  return knownUsStates.has(state);
}

/**
 * Whether `isoDate` (a local calendar date, `YYYY-MM-DD`) is a public holiday in `region`, judged in
 * the IANA `timeZone` (date-holidays computes each holiday's start and end in that zone).
 *
 * A holiday that starts part-way through a day closes the whole day: the only such public holiday in
 * the US data is Kentucky's Good Friday, from 14:00. A holiday spanning several days closes each of them.
 *
 * Throws `RangeError` for a state date-holidays does not know: it would otherwise silently fall back
 * to the federal list and hide the typo (validate stored calendars with `validateBusinessCalendar`).
 */
export function isPublicHoliday(region: PublicHolidayRegion, timeZone: string, isoDate: string): boolean {
  const year = Number(isoDate.slice(0, 4));
  // A holiday of the year before can run into this one (none does in the US data; this costs one lookup).
  return publicHolidayDates(region, timeZone, year).has(isoDate) || publicHolidayDates(region, timeZone, year - 1).has(isoDate);
}

/** The local dates (`YYYY-MM-DD`) of the public holidays date-holidays lists for `year`, memoized. */
export function publicHolidayDates(region: PublicHolidayRegion, timeZone: string, year: number): ReadonlySet<string> {
  const key = `${region.country}/${region.state ?? ''}/${timeZone}/${year}`;
  const cached = holidayDatesCache.get(key);
  if (cached) return cached;
  if (region.state !== undefined && !isKnownUsState(region.state)) {
    throw new RangeError(`unknown US state for public holidays: ${region.state}`);
  }
  const calendar =
    region.state === undefined
      ? new Holidays(region.country, { timezone: timeZone })
      : new Holidays(region.country, region.state, { timezone: timeZone });
  const dates = new Set<string>();
  for (const holiday of calendar.getHolidays(year)) {
    if (holiday.type !== 'public') continue;
    let day = DateTime.fromJSDate(holiday.start, { zone: timeZone }).startOf('day');
    const last = DateTime.fromJSDate(new Date(holiday.end.getTime() - 1), { zone: timeZone });
    while (day <= last) {
      const iso = day.toISODate();
      if (iso) dates.add(iso);
      day = day.plus({ days: 1 });
    }
  }
  holidayDatesCache.set(key, dates);
  return dates;
}
