/**
 * Bookable arrival windows ("openings") of an organization, computed from its `AvailabilityPolicy`, the
 * bookings it already has and the holds on slots customers are confirming (issue 6, build step 1).
 *
 * Pure: no clock reads (`now` is an argument), no I/O. Instants are ISO-8601 strings with an offset on
 * input and UTC `…Z` strings on output (see `local-time.ts`); windows are computed in the organization's
 * IANA time zone, so 08:00–12:00 stays 08:00–12:00 local across daylight-saving changes. The database
 * enforces capacity again when a booking is written (concurrent bookings); this module decides what to
 * offer and what a request may ask for.
 */
import type { DateTime } from 'luxon';
import { isBusinessDay } from '../cadence/business-calendar.ts';
import {
  capacityPoolFor,
  MAX_HORIZON_DAYS,
  validateAvailabilityPolicy,
  windowsCalendar,
  type AvailabilityPolicy,
  type IsoWeekday,
} from './availability-policy.ts';
import {
  formatInstant,
  instantAtWallClock,
  isoDateOf,
  localDateOf,
  parseInstant,
  requireZone,
  wallClockMinutes,
  type Instant,
} from './local-time.ts';

export type { Instant } from './local-time.ts';

/**
 * One bookable arrival window: `start` inclusive, `end` exclusive, UTC ISO-8601 instants; `remaining` is
 * how many more bookings its capacity pool takes in it (≥ 1 in everything the public functions return,
 * unless `includeFull` asked for full ones too). The shape of `GET /api/v1/availability` (DESIGN §6).
 */
export interface Opening {
  start: Instant;
  end: Instant;
  remaining: number;
}

/**
 * A booking that takes capacity: its arrival window `[start, end)` and job type (`null`/absent → the
 * default pool). Pass only bookings that are live (not canceled). It counts against every window of its
 * pool that it overlaps, so a booking dragged to 11:00–13:00 takes a place in both 8–12 and 12–4.
 */
export interface BookedSlot {
  start: Instant;
  end: Instant;
  jobType?: string | null;
}

/**
 * A slot held while a customer confirms: counts against capacity like a booking (same overlap rule, same
 * pool by `jobType`) while `expiresAt` is after `now`; a hold with `expiresAt` ≤ `now` has lapsed.
 */
export interface SlotHold {
  start: Instant;
  end: Instant;
  expiresAt: Instant;
  jobType?: string | null;
}

/**
 * What `openings` looks at:
 * - `from`, `to`: windows whose start is in `[from, to)`; `to` before `from` throws.
 * - `now`: the current instant (lead time, horizon, hold expiry are measured from it).
 * - `jobType`: the job to book; picks the capacity pool (`capacityPoolFor`); absent → the default pool.
 * - `booked`, `holds`: the organization's live bookings and holds (any range; only overlapping ones matter).
 * - `includeFull`: also return windows with `remaining: 0` (for a dispatcher's calendar view); default
 *   false, and the booking API and SMS offers never set it.
 */
export interface OpeningsQuery {
  from: Instant;
  to: Instant;
  now: Instant;
  jobType?: string | null;
  booked: readonly BookedSlot[];
  holds: readonly SlotHold[];
  includeFull?: boolean;
}

interface Interval {
  start: number;
  end: number;
}

/**
 * The arrival windows of `policy` in the IANA `timeZone` that start in `[from, to)` and can take one more
 * booking of `jobType`, sorted by start (then end), as UTC instants.
 *
 * A window is offered when:
 * - its local date is a booking day: the weekday has windows, the date is not in `blackoutDates` and not
 *   a public holiday of `policy.holidays` (the office calendar's `isBusinessDay`, date-holidays in
 *   `timeZone`);
 * - it starts at or after `now + leadTimeMinutes`;
 * - its local date is within the horizon: from today (local date of `now`) through today +
 *   `horizonDays` − 1;
 * - it has room: `remaining`, its pool's capacity minus the live bookings and unexpired holds of that pool
 *   overlapping it, is ≥ 1 (with `includeFull`, windows with `remaining: 0` are kept; it never goes below
 *   0 even when overbooked). Where windows of a day overlap each other (8–12 and 10–2), a booking in one
 *   takes a place in the other too, so `remaining` is the least room among the window and every window
 *   of that day it overlaps: booking only what `openings` offers never puts any window over capacity.
 *   (Conservative: with capacity 1, a booking at 12–4 also closes 8–12 when a 10–2 window sits between
 *   them. Touching windows, the usual 8–12 and 12–4, do not affect each other.)
 *
 * Local wall-clock times are resolved per day in `timeZone`: on the US daylight-saving days 08:00–12:00 is
 * still 08:00–12:00 local (a different UTC time); a window edge that falls in a spring-forward gap moves
 * to the end of the gap, one in a fall-back repeated hour takes the earlier instant; a window that the gap
 * swallows entirely is skipped.
 *
 * Throws `RangeError` for an unknown time zone, an invalid policy (the messages of
 * `validateAvailabilityPolicy`), a malformed instant, `to` before `from`, or a booking/hold that ends
 * before it starts.
 */
export function openings(policy: AvailabilityPolicy, timeZone: string, query: OpeningsQuery): Opening[] {
  requireZone(timeZone);
  const problems = validateAvailabilityPolicy(policy, timeZone);
  if (problems.length > 0) throw new RangeError(`invalid availability policy: ${problems.join('; ')}`);
  const from = parseInstant(query.from, 'from');
  const to = parseInstant(query.to, 'to');
  const now = parseInstant(query.now, 'now');
  if (to < from) throw new RangeError(`to (${query.to}) is before from (${query.from})`);

  const pool = capacityPoolFor(policy, query.jobType);
  const taken: Interval[] = [
    ...query.booked
      .map((b, i) => ({ slot: b, interval: intervalOf(b, `booked[${i}]`) }))
      .filter(({ slot }) => capacityPoolFor(policy, slot.jobType).name === pool.name)
      .map(({ interval }) => interval),
    ...query.holds
      .map((h, i) => ({ slot: h, interval: intervalOf(h, `holds[${i}]`), expiresAt: parseInstant(h.expiresAt, `holds[${i}].expiresAt`) }))
      .filter(({ slot, expiresAt }) => expiresAt > now && capacityPoolFor(policy, slot.jobType).name === pool.name)
      .map(({ interval }) => interval),
  ];

  const earliest = Math.max(from, now + policy.leadTimeMinutes * 60_000);
  const today = localDateOf(now, timeZone);
  const lastDate = today.plus({ days: policy.horizonDays - 1 });
  // One day of slack before: a fall-back hour at midnight (some zones) can put a later instant on an earlier date.
  let date = localDateOf(earliest, timeZone).minus({ days: 1 });
  if (date < today) date = today;
  const toDate = localDateOf(to, timeZone);
  const endDate = toDate < lastDate ? toDate : lastDate;
  const calendar = windowsCalendar(policy, timeZone);

  const result: Opening[] = [];
  for (let guard = 0; date <= endDate && guard <= MAX_HORIZON_DAYS + 2; guard++, date = date.plus({ days: 1 })) {
    if (!isBusinessDay(calendar, isoDateOf(date))) continue;
    const day = windowsOn(policy, timeZone, date).map((w) => ({ ...w, used: taken.filter((t) => overlaps(t, w)).length }));
    for (const w of day) {
      if (w.start < earliest || w.start >= to) continue;
      // A booking in w also takes a place in every window of the day it overlaps (8–12 and 10–2): w has
      // room only while each of them has.
      const free = Math.min(...day.filter((other) => overlaps(other, w)).map((other) => pool.capacity - other.used));
      const remaining = Math.max(0, free);
      if (remaining > 0 || query.includeFull === true) result.push({ start: formatInstant(w.start), end: formatInstant(w.end), remaining });
    }
  }
  return result.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
}

/**
 * What `nextOpenings` looks at: `now`, the `jobType` to book, live `booked` slots and `holds` (as in
 * `OpeningsQuery`), and `count`, how many openings to return (a whole number ≥ 1, default
 * `DEFAULT_OFFER_COUNT`).
 */
export interface NextOpeningsQuery {
  now: Instant;
  jobType?: string | null;
  booked: readonly BookedSlot[];
  holds: readonly SlotHold[];
  count?: number;
}

/** How many openings an SMS offer carries by default: two fit one GSM-7 segment with a booking link. */
export const DEFAULT_OFFER_COUNT = 2;

/**
 * The first `count` bookable openings from `now` on (soonest first), for an SMS slot offer: `openings`
 * from `now` to the end of the horizon. Fewer (or none) when the horizon has fewer. Throws as `openings`
 * does, and `RangeError` for a `count` that is not a whole number ≥ 1.
 */
export function nextOpenings(policy: AvailabilityPolicy, timeZone: string, query: NextOpeningsQuery): Opening[] {
  const count = query.count ?? DEFAULT_OFFER_COUNT;
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count: ${count} is not a whole number ≥ 1`);
  const now = parseInstant(query.now, 'now');
  const to = formatInstant(now + (MAX_HORIZON_DAYS + 2) * 24 * 60 * 60_000);
  return openings(policy, timeZone, { from: query.now, to, now: query.now, jobType: query.jobType, booked: query.booked, holds: query.holds }).slice(0, count);
}

/**
 * The opening exactly at `[start, end)` (same instants, any offset notation) if it is bookable now for
 * `jobType`, else `null`: the check behind `POST /api/v1/bookings` and confirming a held slot. A slot that
 * is not one of the policy's windows, is too soon, beyond the horizon, on a closed day, or full is
 * `null`. Pass the holds *other than* the customer's own hold on this slot, or it counts against itself.
 * Throws as `openings` does.
 */
export function openingAt(
  policy: AvailabilityPolicy,
  timeZone: string,
  query: { start: Instant; end: Instant; now: Instant; jobType?: string | null; booked: readonly BookedSlot[]; holds: readonly SlotHold[] },
): Opening | null {
  const start = parseInstant(query.start, 'start');
  const end = parseInstant(query.end, 'end');
  const found = openings(policy, timeZone, {
    from: formatInstant(start),
    to: formatInstant(start + 1),
    now: query.now,
    jobType: query.jobType,
    booked: query.booked,
    holds: query.holds,
  });
  return found.find((o) => Date.parse(o.end) === end) ?? null;
}

/**
 * A hold on `opening` for a customer confirming it: same window, `jobType` as given, expiring
 * `policy.holdMinutes` after `now`. The caller stores it (and checks `openingAt` first); it counts against
 * capacity in `openings` until it expires. Throws `RangeError` for a malformed instant.
 */
export function holdFor(policy: AvailabilityPolicy, opening: Pick<Opening, 'start' | 'end'>, now: Instant, jobType?: string | null): SlotHold {
  const nowMs = parseInstant(now, 'now');
  const hold: SlotHold = {
    start: formatInstant(parseInstant(opening.start, 'start')),
    end: formatInstant(parseInstant(opening.end, 'end')),
    expiresAt: formatInstant(nowMs + policy.holdMinutes * 60_000),
  };
  if (jobType !== undefined) hold.jobType = jobType;
  return hold;
}

/**
 * The windows of the local `date` as instants, in policy order, without those a daylight-saving gap
 * swallows and without repeats (two windows the gap turns into the same instants are one window).
 */
function windowsOn(policy: AvailabilityPolicy, timeZone: string, date: DateTime): Interval[] {
  const seen = new Set<string>();
  const out: Interval[] = [];
  for (const window of policy.windows[date.weekday as IsoWeekday]) {
    const start = instantAtWallClock(date, wallClockMinutes(window.open), timeZone);
    const end = instantAtWallClock(date, wallClockMinutes(window.close), timeZone);
    const key = `${start}/${end}`;
    if (end <= start || seen.has(key)) continue;
    seen.add(key);
    out.push({ start, end });
  }
  return out;
}

/** Half-open intervals overlap: 8–12 and 12–4 do not. */
function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && a.end > b.start;
}

function intervalOf(slot: { start: Instant; end: Instant }, what: string): Interval {
  const start = parseInstant(slot.start, `${what}.start`);
  const end = parseInstant(slot.end, `${what}.end`);
  if (end < start) throw new RangeError(`${what}: end ${slot.end} is before start ${slot.start}`);
  return { start, end };
}
