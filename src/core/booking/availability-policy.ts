/**
 * An organization's booking availability as data (issue 6, build step 1): arrival windows by weekday,
 * capacity per window (optionally per job type or business unit), lead time, booking horizon, blackout
 * dates, public holidays and how long a chosen slot is held.
 *
 * It reuses the office calendar's model (`src/core/cadence/business-calendar.ts`): windows are
 * `OpeningInterval`s (`HH:MM` wall-clock times, `open` inclusive, `close` exclusive, `close` may be
 * `24:00`) keyed by ISO weekday, and public holidays are a `PublicHolidayRegion` judged by
 * date-holidays (`type === 'public'`) in the organization's IANA time zone. The time zone itself is not
 * part of this policy: it is the organization's (`OrganizationPolicy.timeZone`) and every function takes
 * it as an argument.
 *
 * Not yet part of `OrganizationPolicy` (issue 6 adds it there as `availability`, completed on load with
 * `completeAvailability`).
 */
import {
  validateBusinessCalendar,
  type BusinessCalendar,
  type IsoWeekday,
  type OpeningInterval,
  type PublicHolidayRegion,
} from '../cadence/business-calendar.ts';

export type { IsoWeekday, OpeningInterval, PublicHolidayRegion } from '../cadence/business-calendar.ts';

/**
 * Arrival windows per ISO weekday (1 = Monday … 7 = Sunday); an empty list means no bookings that day.
 * Each window is an `OpeningInterval` in the organization's local time (`{ open: '08:00', close:
 * '12:00' }`): the customer is told "the technician arrives between 8 and 12". Windows of one day may
 * touch (8–12 and 12–4) or overlap (8–10 and 8–12); each has its own capacity.
 */
export type ArrivalWindows = Readonly<Record<IsoWeekday, readonly OpeningInterval[]>>;

/**
 * A capacity override for a group of job types: a business unit ("HVAC Service", listing its job types)
 * or a single job type. Bookings and holds of these job types count only against this pool, which has
 * `capacity` per window; every other booking (and one without a job type) counts against the default pool.
 */
export interface CapacityPool {
  /** The business unit or job type this pool stands for, e.g. `'Plumbing'`; unique within the policy. */
  name: string;
  /** Job types (as stored on bookings, compared exactly) that belong to this pool; a job type belongs to the first pool listing it. */
  jobTypes: readonly string[];
  /** Bookings per window for this pool: a whole number ≥ 0 (0 closes online booking for these job types). */
  capacity: number;
}

/**
 * When customers (and the booking API) may book. All times are local to the organization's time zone.
 * - `windows`: arrival windows per ISO weekday.
 * - `capacity`: bookings per window in the default pool, a whole number ≥ 0 (default 2: two trucks).
 * - `capacityPools`: per business unit / job type overrides (see `CapacityPool`); `[]` for one shared pool.
 * - `leadTimeMinutes`: no window may start sooner than `now` + this many minutes (default 120).
 * - `horizonDays`: how many local calendar days, counting today, are bookable (default 14: today and the
 *   13 days after it). 1–366.
 * - `blackoutDates`: local dates (`YYYY-MM-DD`) with no bookings (a company event, a shutdown week).
 * - `holidays`: whose public holidays close booking, or `null` to book on holidays.
 * - `holdMinutes`: how long a chosen slot is held (counts against capacity) while the customer confirms
 *   (default 10).
 */
export interface AvailabilityPolicy {
  windows: ArrivalWindows;
  capacity: number;
  capacityPools: readonly CapacityPool[];
  leadTimeMinutes: number;
  horizonDays: number;
  blackoutDates: readonly string[];
  holidays: PublicHolidayRegion | null;
  holdMinutes: number;
}

/** The upper bound of `horizonDays` (a year, leap day included); it also bounds every search loop. */
export const MAX_HORIZON_DAYS = 366;

const MORNING: OpeningInterval = Object.freeze({ open: '08:00', close: '12:00' });
const AFTERNOON: OpeningInterval = Object.freeze({ open: '12:00', close: '16:00' });
const WEEKDAY_WINDOWS: readonly OpeningInterval[] = Object.freeze([MORNING, AFTERNOON]);

/**
 * What a new organization starts with, so it can book on day one: Monday–Friday arrival windows
 * 08:00–12:00 and 12:00–16:00 local, no weekend windows, capacity 2 per window (one pool), lead time 120
 * minutes, a 14-day horizon, no blackout dates, US federal public holidays closed, holds of 10 minutes.
 */
export const DEFAULT_AVAILABILITY: AvailabilityPolicy = Object.freeze({
  windows: Object.freeze({ 1: WEEKDAY_WINDOWS, 2: WEEKDAY_WINDOWS, 3: WEEKDAY_WINDOWS, 4: WEEKDAY_WINDOWS, 5: WEEKDAY_WINDOWS, 6: [], 7: [] }),
  capacity: 2,
  capacityPools: Object.freeze([]),
  leadTimeMinutes: 120,
  horizonDays: 14,
  blackoutDates: Object.freeze([]),
  holidays: Object.freeze({ country: 'US' as const }),
  holdMinutes: 10,
});

/**
 * A stored (possibly partial, possibly older) availability policy with every missing field taken from
 * `DEFAULT_AVAILABILITY`; `windows` is completed per weekday (a stored policy that names only Saturday
 * keeps the default weekday windows). Does not validate: use `validateAvailabilityPolicy`.
 */
export function completeAvailability(stored?: Partial<AvailabilityPolicy> | null): AvailabilityPolicy {
  const d = DEFAULT_AVAILABILITY;
  if (!stored) return d;
  return {
    ...d,
    ...stored,
    windows: { ...d.windows, ...stored.windows },
  };
}

/**
 * Every problem with `policy` as stored configuration (English, one line each), or `[]` when it is usable
 * in the IANA `timeZone`: an unknown zone, a missing weekday, a malformed or empty window, a window listed
 * twice, an unknown holiday region or malformed blackout date (those checks are the office calendar's,
 * `validateBusinessCalendar`), capacities that are not whole numbers ≥ 0, a pool without a name or job
 * types, or a repeated pool name, a lead time or hold duration that is not a whole number of minutes ≥ 0
 * (hold > 0), a horizon outside 1–`MAX_HORIZON_DAYS`. A policy with no windows at all is allowed (booking
 * closed). The functions in `openings.ts` throw `RangeError` with these messages.
 */
export function validateAvailabilityPolicy(policy: AvailabilityPolicy, timeZone: string): string[] {
  const problems = validateBusinessCalendar(windowsCalendar(policy, timeZone))
    .filter((p) => p !== 'hours: closed every day of the week')
    .map((p) => p.replace(/^hours\./, 'windows.'));
  for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
    const windows = policy.windows[weekday];
    if (!Array.isArray(windows)) continue;
    const seen = new Set<string>();
    windows.forEach((w: OpeningInterval, index: number) => {
      const key = `${w.open}-${w.close}`;
      if (seen.has(key)) problems.push(`windows.${weekday}[${index}]: ${w.open}–${w.close} is listed twice`);
      seen.add(key);
    });
  }
  if (!isWholeAtLeast(policy.capacity, 0)) problems.push(`capacity: ${String(policy.capacity)} is not a whole number ≥ 0`);
  const names = new Set<string>();
  (Array.isArray(policy.capacityPools) ? policy.capacityPools : []).forEach((pool, index) => {
    const where = `capacityPools[${index}]`;
    if (typeof pool.name !== 'string' || pool.name.trim() === '') problems.push(`${where}.name: empty`);
    else if (names.has(pool.name)) problems.push(`${where}.name: "${pool.name}" is used twice`);
    else names.add(pool.name);
    if (!Array.isArray(pool.jobTypes) || pool.jobTypes.length === 0) problems.push(`${where}.jobTypes: lists no job type`);
    if (!isWholeAtLeast(pool.capacity, 0)) problems.push(`${where}.capacity: ${String(pool.capacity)} is not a whole number ≥ 0`);
  });
  if (!Array.isArray(policy.capacityPools)) problems.push('capacityPools: not a list');
  if (!isWholeAtLeast(policy.leadTimeMinutes, 0)) problems.push(`leadTimeMinutes: ${String(policy.leadTimeMinutes)} is not a whole number ≥ 0`);
  if (!isWholeAtLeast(policy.horizonDays, 1) || policy.horizonDays > MAX_HORIZON_DAYS) {
    problems.push(`horizonDays: ${String(policy.horizonDays)} is not a whole number from 1 to ${MAX_HORIZON_DAYS}`);
  }
  if (!isWholeAtLeast(policy.holdMinutes, 1)) problems.push(`holdMinutes: ${String(policy.holdMinutes)} is not a whole number ≥ 1`);
  return problems;
}

/**
 * The capacity pool a booking of `jobType` counts against: the first `capacityPools` entry listing it,
 * else the default pool (`name: null`, `capacity: policy.capacity`). No job type → the default pool.
 */
export function capacityPoolFor(policy: AvailabilityPolicy, jobType: string | null | undefined): { name: string | null; capacity: number } {
  if (jobType !== undefined && jobType !== null) {
    const pool = policy.capacityPools.find((p) => p.jobTypes.includes(jobType));
    if (pool) return { name: pool.name, capacity: pool.capacity };
  }
  return { name: null, capacity: policy.capacity };
}

/**
 * The policy's booking days as an office `BusinessCalendar` in `timeZone` (windows as hours), so that
 * `isBusinessDay` of the calendar module decides whether a local date takes bookings: a weekday with at
 * least one window, not a blackout date, not a public holiday of `policy.holidays`.
 */
export function windowsCalendar(policy: AvailabilityPolicy, timeZone: string): BusinessCalendar {
  return { timeZone, hours: policy.windows, holidays: policy.holidays, blackoutDates: policy.blackoutDates };
}

function isWholeAtLeast(value: unknown, min: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}
