/**
 * Quiet hours in the recipient's local time (DESIGN.md §5): may an automated message go out at `now`, and if not,
 * at which instant does the next allowed minute begin.
 *
 * Pure: `now` is an argument, no clock reads, no I/O. Wall-clock arithmetic is done by Luxon in the recipient's IANA
 * zone, so the answer is right across DST changes (the 23- and 25-hour days), midnight, weekdays with no window
 * (Sunday in MS/UT/LA/RI) or a later start (Sunday noon in TX), and when the next allowed minute is days away.
 *
 * Granularity is the minute: a local time is allowed when its minute (hh:mm, seconds ignored) lies in the day's
 * window `[start, end)`. So with 08:00–21:00, 20:59:59 is allowed and 21:00:00 is not.
 *
 * Sources: federal 47 CFR § 64.1200(c)(1); state rules and their citations in `state-windows.ts`.
 */
import { DateTime, IANAZone } from 'luxon';
import {
  effectiveQuietHours,
  formatWeeklyWindows,
  type IsoWeekday,
  type WeeklyWindows,
} from './state-windows.ts';

/** The part of a recipient location quiet hours need (see `recipientLocation`). */
export interface QuietHoursLocation {
  /** IANA zone of the recipient, e.g. `'America/Chicago'`. */
  timeZone: string;
  /** USPS state or territory code, or `null` for the federal window only. */
  state: string | null;
}

export type QuietHoursVerdict =
  | { allowed: true }
  | {
      allowed: false;
      /** ISO 8601 UTC instant (`…Z`, milliseconds included) at which the next allowed minute begins. */
      retryAt: string;
      /** The recipient's weekly windows, e.g. `'Mon–Sat 09:00–21:00, Sun 12:00–21:00 America/Chicago (US+TX)'`. */
      window: string;
      /** Citations of the rules applied, state first, e.g. `'Fla. Stat. § 501.616(6)(a) …; 47 CFR § 64.1200(c)(1) (TCPA)'`. */
      source: string;
    };

/** How many local days ahead to look for a window; every rule has at least one window a week. */
const SEARCH_DAYS = 8;

function zoneOf(location: QuietHoursLocation): IANAZone {
  if (!IANAZone.isValidZone(location.timeZone)) {
    throw new RangeError(`Unknown IANA time zone: ${JSON.stringify(location.timeZone)}`);
  }
  return IANAZone.create(location.timeZone);
}

function instantOf(now: Date): number {
  const ms = now.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('now is an invalid Date');
  return ms;
}

/** True when the local wall-clock minute of `local` falls inside that weekday's window. */
function isAllowedLocal(local: DateTime, windows: WeeklyWindows): boolean {
  const w = windows[local.weekday as IsoWeekday];
  if (!w) return false;
  const minute = local.hour * 60 + local.minute;
  return minute >= w.start && minute < w.end;
}

/**
 * The first instant at or after `now` that lies in an allowed minute for `location`: `now` itself (same
 * milliseconds) when `now` is allowed, else the start (second 0) of the next allowed local minute.
 *
 * @param now the instant the message is due (UTC instant; its own offset is irrelevant)
 * @param location the recipient's IANA zone and state
 * @throws RangeError for an invalid Date or an unknown time zone
 */
export function nextAllowedInstant(now: Date, location: QuietHoursLocation): Date {
  const ms = instantOf(now);
  const zone = zoneOf(location);
  const { windows } = effectiveQuietHours(location.state);
  const local = DateTime.fromMillis(ms, { zone });
  if (isAllowedLocal(local, windows)) return new Date(ms);

  let day = local.startOf('day');
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const w = windows[day.weekday as IsoWeekday];
    if (w) {
      // Luxon resolves a wall-clock time that falls in a DST gap forward by the gap; the check below rejects
      // a start pushed out of its window. US zones change at 02:00, outside every window.
      const start = day.set({ hour: Math.floor(w.start / 60), minute: w.start % 60, second: 0, millisecond: 0 });
      if (start.toMillis() > ms && isAllowedLocal(start, windows)) return start.toJSDate();
    }
    // `plus({ days: 1 })` moves the wall-clock date (a 23- or 25-hour step on DST days), then snap to midnight.
    day = day.plus({ days: 1 }).startOf('day');
  }
  throw new Error(`No allowed minute within ${SEARCH_DAYS} days for ${location.timeZone} / ${location.state ?? 'US'}`);
}

/**
 * Whether an automated message may be sent to a recipient at `now` under federal and state quiet hours, in the
 * recipient's local time. When not, `retryAt` is the next allowed minute (messages due in quiet hours wait for it).
 *
 * @param input.now the instant the message would be sent
 * @param input.location the recipient's IANA zone and USPS state (`null` state: federal window only)
 * @throws RangeError for an invalid Date or an unknown time zone
 */
export function checkQuietHours(input: { now: Date; location: QuietHoursLocation }): QuietHoursVerdict {
  const { now, location } = input;
  const retry = nextAllowedInstant(now, location);
  if (retry.getTime() === now.getTime()) return { allowed: true };
  const rules = effectiveQuietHours(location.state);
  return {
    allowed: false,
    retryAt: retry.toISOString(),
    window: `${formatWeeklyWindows(rules.windows)} ${location.timeZone} (${rules.jurisdiction})`,
    source: rules.source,
  };
}
