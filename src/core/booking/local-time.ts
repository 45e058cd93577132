/**
 * Instants and local wall-clock times for the booking core.
 *
 * Convention for the whole `src/core/booking` module: an **instant** crosses its edges as an ISO-8601
 * string with an explicit offset (`2026-03-10T13:00:00.000Z`, or `…-05:00` on input); every instant the
 * module returns is UTC with milliseconds (`Date.prototype.toISOString()` form), the shape the booking
 * API and the database use. A **local date** is `YYYY-MM-DD` in the organization's IANA time zone.
 * Inside, instants are epoch milliseconds and local dates are zone-free Luxon dates (midnight UTC), so
 * that day arithmetic is never touched by daylight saving.
 */
import { DateTime, IANAZone } from 'luxon';

/** An instant: ISO-8601 with an explicit offset on input, UTC `…Z` on output (see module comment). */
export type Instant = string;

const HAS_OFFSET = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
const WALL_CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Minutes in a local day on the wall clock (1440); `24:00` is this many minutes after midnight. */
export const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;
/** `2026-03-10T13:00:00.000Z` / `2026-03-10T13:00:00Z`: UTC with seconds, which `Date.parse` reads exactly. */
const CANONICAL_UTC = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,3})?Z$/;

/**
 * Epoch milliseconds of an ISO-8601 instant. Throws `RangeError` (naming `what`) for anything else,
 * including a local date-time without an offset (`2026-03-10T08:00`), which would be ambiguous.
 */
export function parseInstant(value: unknown, what: string): number {
  // Fast path for the UTC form this module and the database return (`toISOString()`): `Date.parse` reads
  // it exactly, and Luxon's parser was most of the cost of openings over thousands of bookings
  // (bench/booking.bench.ts).
  if (typeof value === 'string' && CANONICAL_UTC.test(value)) {
    const ms = Date.parse(value);
    // Date.parse rolls 2026-02-30 over to March: only a round trip to the same fields counts.
    if (!Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 19) === value.slice(0, 19)) return ms;
  }
  if (typeof value !== 'string' || !HAS_OFFSET.test(value.trim())) {
    throw new RangeError(`${what}: ${JSON.stringify(value)} is not an ISO-8601 instant with an offset (e.g. 2026-03-10T13:00:00Z)`);
  }
  const dt = DateTime.fromISO(value.trim(), { setZone: true });
  if (!dt.isValid) throw new RangeError(`${what}: ${JSON.stringify(value)} is not a valid ISO-8601 instant`);
  return dt.toMillis();
}

/** Epoch milliseconds → the UTC ISO-8601 form this module returns (`2026-03-10T13:00:00.000Z`). */
export function formatInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

/** Throws `RangeError` unless `timeZone` is an IANA zone Luxon knows. */
export function requireZone(timeZone: string): void {
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`unknown IANA time zone "${timeZone}"`);
}

/** The instant as a Luxon DateTime in `timeZone`. */
export function localOf(ms: number, timeZone: string): DateTime {
  return DateTime.fromMillis(ms, { zone: timeZone });
}

/** The local calendar date of an instant in `timeZone`, as a zone-free date (midnight UTC). */
export function localDateOf(ms: number, timeZone: string): DateTime {
  const local = localOf(ms, timeZone);
  return DateTime.fromObject({ year: local.year, month: local.month, day: local.day }, { zone: 'utc' });
}

/** A zone-free date as `YYYY-MM-DD`. */
export function isoDateOf(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

/** `HH:MM` (or `24:00`) → minutes after local midnight; throws `RangeError` when malformed. */
export function wallClockMinutes(time: string): number {
  if (time === '24:00') return MINUTES_PER_DAY;
  const match = WALL_CLOCK.exec(time);
  if (!match) throw new RangeError(`"${time}" is not a wall-clock time HH:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The instant at which the wall clock of `timeZone` reads `minuteOfDay` (0–1440; 1440 is the midnight
 * ending the day) on the zone-free local `date`, in epoch milliseconds:
 * - normally the one such instant;
 * - in an autumn fall-back repeated hour, the **earlier** of the two (01:30 CDT, not 01:30 CST);
 * - in a spring-forward gap (02:30 on 2026-03-08 in Chicago does not exist), the end of the gap, the
 *   first instant whose wall clock reads later than `minuteOfDay` (03:00 CDT): a window opening in the
 *   gap opens when the clocks jump, and one closing in it closes then.
 */
export function instantAtWallClock(date: DateTime, minuteOfDay: number, timeZone: string): number {
  const day = minuteOfDay >= MINUTES_PER_DAY ? date.plus({ days: 1 }) : date;
  const minute = minuteOfDay % MINUTES_PER_DAY;
  const hour = Math.floor(minute / 60);
  const wall = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute: minute % 60 }, { zone: timeZone });
  if (wall.hour === hour && wall.minute === minute % 60 && wall.day === day.day) {
    return Math.min(...wall.getPossibleOffsets().map((c) => c.toMillis()), wall.toMillis());
  }
  // In a gap: Luxon moved the time forward by the gap. Find the transition by bisection: the first
  // instant whose wall clock has reached the requested reading.
  const wanted = Date.UTC(day.year, day.month - 1, day.day, hour, minute % 60);
  const reached = (ms: number): boolean => ms + localOf(ms, timeZone).offset * MS_PER_MINUTE >= wanted;
  let high = wall.toMillis();
  let low = high - 6 * 60 * MS_PER_MINUTE;
  while (reached(low)) low -= 6 * 60 * MS_PER_MINUTE;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reached(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/** Minutes after local midnight of the instant in `timeZone` (seconds and milliseconds as fractions). */
export function localMinuteOfDay(ms: number, timeZone: string): number {
  const local = localOf(ms, timeZone);
  return local.hour * 60 + local.minute + local.second / 60 + local.millisecond / MS_PER_MINUTE;
}
