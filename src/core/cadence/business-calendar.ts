import { DateTime, IANAZone } from 'luxon';
import { isKnownUsState, isPublicHoliday, type PublicHolidayRegion } from './public-holidays.ts';

export type { PublicHolidayRegion } from './public-holidays.ts';

/**
 * A wall-clock time of day, `HH:MM` on the 24-hour clock (`'08:00'`, `'17:30'`), read in the
 * calendar's time zone. An opening interval's `close` may also be `'24:00'` (open until midnight).
 */
export type WallClockTime = string;

/** ISO weekday: 1 = Monday … 7 = Sunday (Luxon's `weekday`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One opening on one day, `open` inclusive, `close` exclusive; `open` < `close`, same local day. */
export interface OpeningInterval {
  open: WallClockTime;
  close: WallClockTime;
}

/** Opening intervals per ISO weekday; an empty list means closed all day. */
export type BusinessHours = Readonly<Record<IsoWeekday, readonly OpeningInterval[]>>;

/**
 * When an organization is open for business: the office hours its people answer, not the
 * recipient's quiet hours (the send gate judges those in the recipient's zone).
 * - `timeZone`: IANA name, e.g. `America/Chicago`; all hours and dates are local to it.
 * - `hours`: weekly opening intervals.
 * - `holidays`: whose public holidays close the office, or `null` to stay open on holidays.
 * - `blackoutDates`: extra closed days (`YYYY-MM-DD`, local), e.g. a company event or the week
 *   between Christmas and New Year.
 */
export interface BusinessCalendar {
  timeZone: string;
  hours: BusinessHours;
  holidays: PublicHolidayRegion | null;
  blackoutDates: readonly string[];
}

/**
 * The contractor-office default: Monday–Friday 08:00–17:00, Saturday 08:00–12:00, Sunday closed,
 * local time. It is the common office (dispatch / CSR) schedule of US home-service contractors;
 * organizations set their own hours, and technicians' on-call hours live in the on-call rotation.
 */
export const DEFAULT_BUSINESS_HOURS: BusinessHours = Object.freeze({
  1: [{ open: '08:00', close: '17:00' }],
  2: [{ open: '08:00', close: '17:00' }],
  3: [{ open: '08:00', close: '17:00' }],
  4: [{ open: '08:00', close: '17:00' }],
  5: [{ open: '08:00', close: '17:00' }],
  6: [{ open: '08:00', close: '12:00' }],
  7: [],
});

/**
 * How many local days a search looks ahead before it gives up. Any calendar with one open weekday
 * finds a day within a week plus its holidays and blackouts; 400 days (a year and a month) still
 * resolves a seasonal business blacked out for most of a year, and bounds the loop so a calendar that
 * never opens throws instead of spinning.
 */
export const MAX_SEARCH_DAYS = 400;

const MINUTES_PER_DAY = 24 * 60;
const WALL_CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Whether the office is open at `instant` (a UTC instant): the local date is a business day (see
 * `isBusinessDay`) and the local wall-clock time falls in one of that weekday's intervals
 * (`open` ≤ t < `close`). Throws `RangeError` for an unknown time zone or malformed hours.
 */
export function isOpenAt(calendar: BusinessCalendar, instant: Date): boolean {
  const local = toLocal(calendar, instant);
  if (!isBusinessDay(calendar, isoDateOf(local))) return false;
  const minuteOfDay = local.hour * 60 + local.minute + local.second / 60 + local.millisecond / 60_000;
  return intervalsOn(calendar, local.weekday).some((i) => i.openMinute <= minuteOfDay && minuteOfDay < i.closeMinute);
}

/**
 * Whether the local date `isoDate` (`YYYY-MM-DD`) is a business day: its weekday has at least one
 * opening interval, it is not a public holiday of `calendar.holidays` (date-holidays, `type ===
 * 'public'`, see `isPublicHoliday`) and it is not in `calendar.blackoutDates`.
 */
export function isBusinessDay(calendar: BusinessCalendar, isoDate: string): boolean {
  const date = parseIsoDate(isoDate);
  if (intervalsOn(calendar, date.weekday).length === 0) return false;
  if (calendar.blackoutDates.includes(isoDate)) return false;
  if (calendar.holidays && isPublicHoliday(calendar.holidays, calendar.timeZone, isoDate)) return false;
  return true;
}

/**
 * The first instant at or after `instant` at which the office is open: `instant` itself (a copy) when
 * `isOpenAt`, else the next opening. Openings are the intervals' `open` times on business days, and
 * the end of a daylight-saving gap that lands inside an interval (an interval opening at 02:30 on the
 * spring-forward Sunday opens at 03:00, the first minute that exists). An `open` time repeated by the
 * autumn fall-back counts at both of its instants.
 *
 * Throws `RangeError` when nothing opens within `MAX_SEARCH_DAYS` (a calendar that never opens), for an
 * unknown time zone, or for malformed hours.
 */
export function nextOpenAt(calendar: BusinessCalendar, instant: Date): Date {
  if (isOpenAt(calendar, instant)) return new Date(instant.getTime());
  const from = instant.getTime();
  const firstDate = calendarDateOf(toLocal(calendar, instant));
  for (let offset = 0; offset <= MAX_SEARCH_DAYS; offset++) {
    const date = firstDate.plus({ days: offset });
    if (!isBusinessDay(calendar, isoDateOf(date))) continue;
    const candidates = [
      ...intervalsOn(calendar, date.weekday).flatMap((i) => instantsAtWallClock(calendar, date, i.openMinute)),
      ...offsetTransitionsOn(calendar, date),
    ]
      .map((c) => c.toMillis())
      .filter((ms) => ms >= from && isOpenAt(calendar, new Date(ms)))
      .sort((a, b) => a - b);
    if (candidates[0] !== undefined) return new Date(candidates[0]);
  }
  throw new RangeError(`no opening within ${MAX_SEARCH_DAYS} days of ${instant.toISOString()} in ${calendar.timeZone}`);
}

/**
 * Wall-clock `time` (`HH:MM`) on the next business day: the first local date strictly after the local
 * date of `instant` that `isBusinessDay`. Whether the office is open at that time is not checked (a
 * call task at 07:30 is fine; the send gate holds messages to its own rules).
 *
 * Daylight saving: days are counted on the local calendar, so 10:00 stays 10:00 across a change
 * (Luxon keeps wall-clock time). A `time` that does not exist that day (02:30 on the US
 * spring-forward Sunday) moves forward by the gap (03:30); one that occurs twice (01:30 on the
 * fall-back Sunday) is the earlier instant.
 *
 * Throws `RangeError` for a malformed `time`, when no business day comes within `MAX_SEARCH_DAYS`,
 * for an unknown time zone, or for malformed hours.
 */
export function nextBusinessDayAt(calendar: BusinessCalendar, instant: Date, time: WallClockTime): Date {
  return businessDayTime(calendar, instant, time, 1);
}

/**
 * Wall-clock `time` (`HH:MM`) on the first business day at or after `instant`: today (the local date
 * of `instant`) when today is a business day and `time` is still ahead (or now), else as
 * `nextBusinessDayAt`. For "the next business morning at 08:30" after an after-hours call: a call at
 * 01:00 Tuesday is followed up at 08:30 Tuesday, not Wednesday. Same daylight-saving rules and errors
 * as `nextBusinessDayAt`.
 */
export function firstBusinessDayAt(calendar: BusinessCalendar, instant: Date, time: WallClockTime): Date {
  return businessDayTime(calendar, instant, time, 0);
}

/**
 * Every problem with a calendar as stored configuration, in English, or `[]` when it is usable: an
 * unknown IANA zone, a missing weekday, a malformed or empty interval, no opening on any weekday, a
 * holiday region date-holidays does not know (it would silently fall back to the federal list), and
 * a malformed blackout date. The other functions throw `RangeError` on the first of these they meet.
 */
export function validateBusinessCalendar(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (!IANAZone.isValidZone(calendar.timeZone)) problems.push(`timeZone: unknown IANA time zone "${calendar.timeZone}"`);
  let openWeekdays = 0;
  for (const weekday of [1, 2, 3, 4, 5, 6, 7] as const) {
    const intervals: readonly OpeningInterval[] | undefined = calendar.hours[weekday];
    if (!Array.isArray(intervals)) {
      problems.push(`hours.${weekday}: missing (use [] for closed)`);
      continue;
    }
    intervals.forEach((interval, index) => {
      const where = `hours.${weekday}[${index}]`;
      const open = parseWallClock(interval.open, false);
      const close = parseWallClock(interval.close, true);
      if (open === null) problems.push(`${where}.open: "${interval.open}" is not HH:MM`);
      if (close === null) problems.push(`${where}.close: "${interval.close}" is not HH:MM (or 24:00)`);
      if (open !== null && close !== null && close <= open) problems.push(`${where}: close ${interval.close} is not after open ${interval.open}`);
    });
    if (intervals.length > 0) openWeekdays++;
  }
  if (openWeekdays === 0) problems.push('hours: closed every day of the week');
  const holidays = calendar.holidays;
  if (holidays) {
    if (holidays.country !== 'US') problems.push(`holidays.country: only "US" is supported, not "${String(holidays.country)}"`);
    if (holidays.state !== undefined && !isKnownUsState(holidays.state)) problems.push(`holidays.state: unknown US state "${holidays.state}"`);
  }
  calendar.blackoutDates.forEach((date, index) => {
    if (!ISO_DATE.test(date) || !DateTime.fromISO(date, { zone: 'utc' }).isValid) problems.push(`blackoutDates[${index}]: "${date}" is not YYYY-MM-DD`);
  });
  return problems;
}

/** `HH:MM` → minutes after local midnight (0–1439, or 1440 for `24:00` when `allowMidnightEnd`), or null. */
function parseWallClock(time: string, allowMidnightEnd: boolean): number | null {
  if (allowMidnightEnd && time === '24:00') return MINUTES_PER_DAY;
  const match = WALL_CLOCK.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function requireWallClock(time: string, allowMidnightEnd: boolean): number {
  const minutes = parseWallClock(time, allowMidnightEnd);
  if (minutes === null) throw new RangeError(`"${time}" is not a wall-clock time HH:MM`);
  return minutes;
}

interface ParsedInterval {
  openMinute: number;
  closeMinute: number;
}

function intervalsOn(calendar: BusinessCalendar, weekday: number): ParsedInterval[] {
  const intervals = calendar.hours[weekday as IsoWeekday] ?? [];
  return intervals.map((interval) => {
    const openMinute = requireWallClock(interval.open, false);
    const closeMinute = requireWallClock(interval.close, true);
    if (closeMinute <= openMinute) throw new RangeError(`opening interval ${interval.open}–${interval.close} closes before it opens`);
    return { openMinute, closeMinute };
  });
}

function toLocal(calendar: BusinessCalendar, instant: Date): DateTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError('instant is an invalid Date');
  const local = DateTime.fromJSDate(instant, { zone: calendar.timeZone });
  if (!local.isValid) throw new RangeError(`unknown IANA time zone "${calendar.timeZone}"`);
  return local;
}

/**
 * A local calendar date as a zone-free value (midnight UTC), so that date arithmetic (`plus({days})`,
 * `weekday`) is never touched by the calendar zone's daylight-saving changes.
 */
function calendarDateOf(local: DateTime): DateTime {
  return DateTime.fromObject({ year: local.year, month: local.month, day: local.day }, { zone: 'utc' });
}

function parseIsoDate(isoDate: string): DateTime {
  const date = ISO_DATE.test(isoDate) ? DateTime.fromISO(isoDate, { zone: 'utc' }) : null;
  if (!date?.isValid) throw new RangeError(`"${isoDate}" is not a date YYYY-MM-DD`);
  return date;
}

function isoDateOf(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

/**
 * The instants at which the calendar zone's wall clock reads `minuteOfDay` on `date`, earliest first:
 * one normally, two in a fall-back repeated hour, and the gap-shifted instant (Luxon moves a
 * nonexistent time forward by the gap) in a spring-forward gap. 1440 is midnight ending the day.
 */
function instantsAtWallClock(calendar: BusinessCalendar, date: DateTime, minuteOfDay: number): DateTime[] {
  const day = minuteOfDay >= MINUTES_PER_DAY ? date.plus({ days: 1 }) : date;
  const minute = minuteOfDay % MINUTES_PER_DAY;
  const wall = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minute / 60), minute: minute % 60 },
    { zone: calendar.timeZone },
  );
  const possible = wall.getPossibleOffsets();
  return (possible.length > 0 ? possible : [wall]).sort((a, b) => a.toMillis() - b.toMillis());
}

/**
 * The instants on local `date` at which the zone's UTC offset changes (daylight saving), found by
 * bisection to the millisecond. Empty on most days.
 */
function offsetTransitionsOn(calendar: BusinessCalendar, date: DateTime): DateTime[] {
  const [start] = instantsAtWallClock(calendar, date, 0);
  const [end] = instantsAtWallClock(calendar, date, MINUTES_PER_DAY);
  if (!start || !end || start.offset === end.offset) return [];
  let low = start.toMillis(); // offset as at the start of the day
  let high = end.toMillis(); // offset as at the end of the day
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (DateTime.fromMillis(middle, { zone: calendar.timeZone }).offset === start.offset) low = middle;
    else high = middle;
  }
  return [DateTime.fromMillis(high, { zone: calendar.timeZone })];
}

function businessDayTime(calendar: BusinessCalendar, instant: Date, time: WallClockTime, firstOffset: 0 | 1): Date {
  const minuteOfDay = requireWallClock(time, false);
  const from = instant.getTime();
  const firstDate = calendarDateOf(toLocal(calendar, instant));
  for (let offset = firstOffset; offset <= MAX_SEARCH_DAYS; offset++) {
    const date = firstDate.plus({ days: offset });
    if (!isBusinessDay(calendar, isoDateOf(date))) continue;
    const at = instantsAtWallClock(calendar, date, minuteOfDay).find((c) => offset > 0 || c.toMillis() >= from);
    if (at) return at.toJSDate();
  }
  throw new RangeError(`no business day within ${MAX_SEARCH_DAYS} days of ${instant.toISOString()} in ${calendar.timeZone}`);
}
