import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BUSINESS_HOURS,
  firstBusinessDayAt,
  isBusinessDay,
  isOpenAt,
  nextBusinessDayAt,
  nextOpenAt,
  validateBusinessCalendar,
  type BusinessCalendar,
  type BusinessHours,
  type IsoWeekday,
} from './business-calendar.ts';
import { publicHolidayDates } from './public-holidays.ts';

const CHICAGO = 'America/Chicago';

/** Default office hours in Chicago with US federal public holidays. */
const office: BusinessCalendar = { timeZone: CHICAGO, hours: DEFAULT_BUSINESS_HOURS, holidays: { country: 'US' }, blackoutDates: [] };

const weekdaysOnly: BusinessHours = { ...DEFAULT_BUSINESS_HOURS, 6: [] };
const everyDay: BusinessHours = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [], ...Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ open: '08:00', close: '17:00' }]])) };

/** A UTC instant from a wall-clock time in `zone`, e.g. `local('2026-11-20T18:00')`. */
function local(wallClock: string, zone = CHICAGO): Date {
  const dt = DateTime.fromISO(wallClock, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${wallClock}`);
  return dt.toJSDate();
}

/** An instant as wall-clock text in `zone`, with the weekday and offset, for readable failures. */
function wall(instant: Date, zone = CHICAGO): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm ZZ");
}

describe('isOpenAt with the contractor-office default (Mon–Fri 08–17, Sat 08–12)', () => {
  it.each([
    ['2026-11-16T08:00', true, 'Monday at opening'],
    ['2026-11-16T16:59', true, 'Monday a minute before closing'],
    ['2026-11-16T17:00', false, 'Monday at closing (close is exclusive)'],
    ['2026-11-16T07:59', false, 'Monday before opening'],
    ['2026-11-21T11:59', true, 'Saturday morning'],
    ['2026-11-21T12:00', false, 'Saturday noon'],
    ['2026-11-22T10:00', false, 'Sunday'],
    ['2026-11-26T10:00', false, 'Thanksgiving'],
    ['2026-12-25T10:00', false, 'Christmas Day'],
    ['2027-01-01T10:00', false, "New Year's Day"],
    ['2026-07-03T10:00', false, 'Independence Day observed on Friday July 3'],
  ])('%s → %s (%s)', (time, open) => {
    expect(isOpenAt(office, local(time))).toBe(open);
  });

  it('judges the local date, not the UTC one: Wednesday 21:00 in Chicago is Thursday 03:00 UTC', () => {
    const wednesdayEvening = new Date('2026-11-26T03:00:00Z');
    expect(wall(wednesdayEvening)).toBe('Wed 2026-11-25T21:00 -06:00');
    expect(nextBusinessDayAt(office, wednesdayEvening, '10:00')).toEqual(local('2026-11-27T10:00'));
  });
});

describe('public holidays (date-holidays, type public)', () => {
  it('lists the federal holidays and the substitute days, not observances', () => {
    const dates = publicHolidayDates({ country: 'US' }, CHICAGO, 2026);
    expect(dates).toContain('2026-11-26'); // Thanksgiving
    expect(dates).toContain('2026-12-25');
    expect(dates).toContain('2026-07-03'); // Independence Day (substitute day)
    expect(dates).not.toContain('2026-12-24'); // Christmas Eve is not a federal public holiday
    expect(dates).not.toContain('2026-02-14'); // Valentine's Day is an observance
  });

  it("adds a state's public holidays (Texas: day after Thanksgiving, Dec 24 and 26)", () => {
    const texas: BusinessCalendar = { ...office, holidays: { country: 'US', state: 'TX' } };
    expect(isBusinessDay(texas, '2026-11-27')).toBe(false);
    expect(isBusinessDay(texas, '2026-12-24')).toBe(false);
    expect(isBusinessDay(office, '2026-12-24')).toBe(true);
    expect(nextBusinessDayAt(texas, local('2026-11-25T12:00'), '10:00')).toEqual(local('2026-11-28T10:00'));
  });

  it("keeps the next year's New Year substitute day that falls on December 31 (2027)", () => {
    expect(isBusinessDay(office, '2027-12-31')).toBe(false);
  });

  it('can be switched off', () => {
    expect(isOpenAt({ ...office, holidays: null }, local('2026-11-26T10:00'))).toBe(true);
  });

  it('throws for a state date-holidays does not know instead of silently using the federal list', () => {
    expect(() => isBusinessDay({ ...office, holidays: { country: 'US', state: 'XX' } }, '2026-11-26')).toThrow(RangeError);
  });
});

describe('nextBusinessDayAt', () => {
  it('skips the weekend: Friday → Monday on a Monday–Friday calendar', () => {
    const cal = { ...office, hours: weekdaysOnly };
    expect(nextBusinessDayAt(cal, local('2026-11-20T15:00'), '10:00')).toEqual(local('2026-11-23T10:00'));
  });

  it('Friday → Saturday with the default hours (open Saturday morning)', () => {
    expect(nextBusinessDayAt(office, local('2026-11-20T15:00'), '10:00')).toEqual(local('2026-11-21T10:00'));
  });

  it('skips Thanksgiving: Wednesday 2026-11-25 → Friday 11-27', () => {
    expect(nextBusinessDayAt(office, local('2026-11-25T09:00'), '10:00')).toEqual(local('2026-11-27T10:00'));
  });

  it('skips Christmas: Thursday Dec 24 → Saturday Dec 26 (default hours), Monday Dec 28 (weekdays only)', () => {
    expect(nextBusinessDayAt(office, local('2026-12-24T09:00'), '10:00')).toEqual(local('2026-12-26T10:00'));
    expect(nextBusinessDayAt({ ...office, hours: weekdaysOnly }, local('2026-12-24T09:00'), '10:00')).toEqual(local('2026-12-28T10:00'));
  });

  it("skips New Year's Day across the year boundary: Thursday Dec 31 → Saturday Jan 2", () => {
    expect(nextBusinessDayAt(office, local('2026-12-31T16:00'), '08:30')).toEqual(local('2027-01-02T08:30'));
  });

  it('skips blackout dates', () => {
    const cal = { ...office, blackoutDates: ['2026-06-15', '2026-06-16'] };
    expect(nextBusinessDayAt(cal, local('2026-06-13T09:00'), '10:00')).toEqual(local('2026-06-17T10:00'));
    expect(isOpenAt(cal, local('2026-06-15T10:00'))).toBe(false);
    expect(nextOpenAt(cal, local('2026-06-13T12:30'))).toEqual(local('2026-06-17T08:00'));
  });

  it('is strictly after the local date, at midnight too: 23:59 Tuesday → Wednesday, 00:00 Wednesday → Thursday', () => {
    expect(nextBusinessDayAt(office, local('2026-11-17T23:59'), '10:00')).toEqual(local('2026-11-18T10:00'));
    expect(nextBusinessDayAt(office, local('2026-11-18T00:00'), '10:00')).toEqual(local('2026-11-19T10:00'));
  });

  it('keeps 10:00 wall clock across spring-forward (Sunday 2026-03-08 in Chicago): 23 hours later', () => {
    const cal = { ...office, hours: everyDay };
    const saturday = local('2026-03-07T10:00');
    const sunday = nextBusinessDayAt(cal, saturday, '10:00');
    expect(sunday.toISOString()).toBe('2026-03-08T15:00:00.000Z'); // 10:00 CDT (UTC-5)
    expect(sunday.getTime() - saturday.getTime()).toBe(23 * 3_600_000);
    // And with the default hours the Sunday is skipped, Monday is still 10:00 CDT.
    expect(nextBusinessDayAt(office, saturday, '10:00').toISOString()).toBe('2026-03-09T15:00:00.000Z');
  });

  it('keeps 10:00 wall clock across fall-back (Sunday 2026-11-01 in Chicago): 25 hours later', () => {
    const cal = { ...office, hours: everyDay };
    const saturday = local('2026-10-31T10:00');
    const sunday = nextBusinessDayAt(cal, saturday, '10:00');
    expect(sunday.toISOString()).toBe('2026-11-01T16:00:00.000Z'); // 10:00 CST (UTC-6)
    expect(sunday.getTime() - saturday.getTime()).toBe(25 * 3_600_000);
  });

  it('moves a time inside the spring-forward gap forward by the gap; takes the earlier of a repeated time', () => {
    const cal = { ...office, hours: everyDay };
    expect(wall(nextBusinessDayAt(cal, local('2026-03-07T12:00'), '02:30'))).toBe('Sun 2026-03-08T03:30 -05:00');
    expect(nextBusinessDayAt(cal, local('2026-10-31T12:00'), '01:30').toISOString()).toBe('2026-11-01T06:30:00.000Z'); // 01:30 CDT
  });

  it('rejects a malformed time', () => {
    expect(() => nextBusinessDayAt(office, local('2026-11-17T12:00'), '8:30')).toThrow(RangeError);
    expect(() => nextBusinessDayAt(office, local('2026-11-17T12:00'), '24:00')).toThrow(RangeError);
  });
});

describe('firstBusinessDayAt', () => {
  it('is today while the time is still ahead on a business day (a call at 01:00 Tuesday → 08:30 Tuesday)', () => {
    expect(firstBusinessDayAt(office, local('2026-11-17T01:00'), '08:30')).toEqual(local('2026-11-17T08:30'));
    expect(firstBusinessDayAt(office, local('2026-11-17T08:30'), '08:30')).toEqual(local('2026-11-17T08:30'));
  });

  it('is the next business day once the time has passed or today is closed', () => {
    expect(firstBusinessDayAt(office, local('2026-11-17T19:00'), '08:30')).toEqual(local('2026-11-18T08:30'));
    expect(firstBusinessDayAt(office, local('2026-11-22T01:00'), '08:30')).toEqual(local('2026-11-23T08:30')); // Sunday
    expect(firstBusinessDayAt(office, local('2026-11-26T01:00'), '08:30')).toEqual(local('2026-11-27T08:30')); // Thanksgiving
  });
});

describe('nextOpenAt', () => {
  it('is the instant itself while open', () => {
    const tuesday = local('2026-11-17T10:17');
    expect(nextOpenAt(office, tuesday)).toEqual(tuesday);
  });

  it.each([
    ['2026-11-17T06:00', '2026-11-17T08:00', 'before opening → opening the same day'],
    ['2026-11-17T17:00', '2026-11-18T08:00', 'at closing → next morning'],
    ['2026-11-20T18:00', '2026-11-21T08:00', 'Friday evening → Saturday morning'],
    ['2026-11-21T12:00', '2026-11-23T08:00', 'Saturday noon → Monday'],
    ['2026-11-22T23:59', '2026-11-23T08:00', 'Sunday just before midnight → Monday'],
    ['2026-11-25T17:30', '2026-11-27T08:00', 'Wednesday before Thanksgiving → Friday'],
    ['2026-12-24T17:30', '2026-12-26T08:00', 'Christmas Eve evening → Saturday Dec 26'],
    ['2026-12-31T17:30', '2027-01-02T08:00', "New Year's Eve → Saturday Jan 2"],
  ])('%s → %s (%s)', (from, expected) => {
    expect(wall(nextOpenAt(office, local(from)))).toBe(wall(local(expected)));
  });

  it('handles split shifts: closed for lunch → reopens after lunch', () => {
    const cal = { ...office, hours: { ...DEFAULT_BUSINESS_HOURS, 2: [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '17:00' }] } };
    expect(nextOpenAt(cal, local('2026-11-17T12:15'))).toEqual(local('2026-11-17T13:00'));
  });

  it('opens when the spring-forward gap ends inside an interval (02:30–04:00 on Sunday 2026-03-08)', () => {
    const cal: BusinessCalendar = { ...office, hours: { ...DEFAULT_BUSINESS_HOURS, 7: [{ open: '02:30', close: '04:00' }] } };
    expect(wall(nextOpenAt(cal, local('2026-03-08T01:30')))).toBe('Sun 2026-03-08T03:00 -05:00');
  });

  it('reopens at the second 01:00 of the fall-back Sunday (01:00–01:30 on 2026-11-01)', () => {
    const cal: BusinessCalendar = { ...office, hours: { ...DEFAULT_BUSINESS_HOURS, 7: [{ open: '01:00', close: '01:30' }] } };
    const firstPass = new Date('2026-11-01T06:45:00Z'); // 01:45 CDT
    expect(isOpenAt(cal, firstPass)).toBe(false);
    expect(nextOpenAt(cal, firstPass).toISOString()).toBe('2026-11-01T07:00:00.000Z'); // 01:00 CST
  });

  it('throws for a calendar that never opens', () => {
    const closed: BusinessCalendar = { ...office, hours: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } };
    expect(() => nextOpenAt(closed, local('2026-11-17T10:00'))).toThrow(RangeError);
  });
});

describe('validateBusinessCalendar', () => {
  it('accepts the default calendar', () => {
    expect(validateBusinessCalendar(office)).toEqual([]);
  });

  it('lists every problem at once', () => {
    const bad = {
      timeZone: 'America/Chicgo',
      hours: { ...DEFAULT_BUSINESS_HOURS, 1: [{ open: '8:00', close: '17:00' }], 2: [{ open: '17:00', close: '08:00' }] },
      holidays: { country: 'US', state: 'Texas' },
      blackoutDates: ['2026-13-01'],
    } satisfies BusinessCalendar;
    expect(validateBusinessCalendar(bad)).toEqual([
      'timeZone: unknown IANA time zone "America/Chicgo"',
      'hours.1[0].open: "8:00" is not HH:MM',
      'hours.2[0]: close 08:00 is not after open 17:00',
      'holidays.state: unknown US state "Texas"',
      'blackoutDates[0]: "2026-13-01" is not YYYY-MM-DD',
    ]);
  });
});

describe('properties', () => {
  const zones = ['America/Chicago', 'America/New_York', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
  const states = [undefined, 'TX', 'NY', 'CA', 'KY'];
  const minuteOfDay = (step: number) => fc.integer({ min: 0, max: 1440 / step }).map((i) => i * step);
  const hhmm = (minutes: number) => (minutes === 1440 ? '24:00' : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  const interval = fc
    .tuple(minuteOfDay(15), minuteOfDay(15))
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ open: hhmm(Math.min(a, b)), close: hhmm(Math.max(a, b)) }));
  const hours = fc
    .array(fc.array(interval, { maxLength: 2 }), { minLength: 7, maxLength: 7 })
    .filter((days) => days.some((d) => d.length > 0))
    .map((days) => Object.fromEntries(days.map((d, i) => [i + 1, d])) as unknown as BusinessHours);
  const anyInstant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
  // US clock changes 2025–2028 (second Sunday of March, first Sunday of November), ±2 days around them.
  const clockChanges = ['2025-03-09', '2025-11-02', '2026-03-08', '2026-11-01', '2027-03-14', '2027-11-07', '2028-03-12', '2028-11-05'];
  const nearClockChange = fc
    .tuple(fc.constantFrom(...clockChanges), fc.integer({ min: -2 * 24 * 60, max: 2 * 24 * 60 }))
    .map(([day, minutes]) => new Date(Date.parse(`${day}T08:00:00Z`) + minutes * 60_000));
  const instant = fc.oneof(anyInstant, nearClockChange);
  const calendar = fc.record({
    timeZone: fc.constantFrom(...zones),
    hours: fc.oneof(fc.constant(DEFAULT_BUSINESS_HOURS), hours),
    holidays: fc.oneof(fc.constant(null), fc.constantFrom(...states).map((state) => (state ? { country: 'US' as const, state } : { country: 'US' as const }))),
    blackoutDates: fc.array(anyInstant.map((d) => d.toISOString().slice(0, 10)), { maxLength: 5 }),
  }) satisfies fc.Arbitrary<BusinessCalendar>;

  it('nextOpenAt(x) ≥ x, is open, and nothing between x and it is open (checked just before and half-way)', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, x) => {
        const opened = nextOpenAt(cal, x);
        expect(opened.getTime()).toBeGreaterThanOrEqual(x.getTime());
        expect(isOpenAt(cal, opened)).toBe(true);
        if (opened.getTime() > x.getTime()) {
          const justBefore = new Date(opened.getTime() - 1);
          expect(justBefore < x || !isOpenAt(cal, justBefore)).toBe(true);
          expect(isOpenAt(cal, new Date((x.getTime() + opened.getTime()) / 2))).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nextBusinessDayAt is on a later local date, at the requested wall time, on a business day', () => {
    // 05:00–23:45: US zones change clocks at 02:00, so these wall times always exist exactly once.
    const time = fc.integer({ min: 5 * 4, max: 23 * 4 + 3 }).map((quarter) => hhmm(quarter * 15));
    fc.assert(
      fc.property(calendar, instant, time, (cal, x, at) => {
        const due = DateTime.fromJSDate(nextBusinessDayAt(cal, x, at), { zone: cal.timeZone });
        const from = DateTime.fromJSDate(x, { zone: cal.timeZone });
        expect(due.toISODate()! > from.toISODate()!).toBe(true);
        expect(due.toFormat('HH:mm')).toBe(at);
        expect(isBusinessDay(cal, due.toISODate()!)).toBe(true);
        expect(cal.hours[due.weekday as IsoWeekday].length).toBeGreaterThan(0);
        // No business day was skipped in between.
        for (let d = from.plus({ days: 1 }).startOf('day'); d.toISODate()! < due.toISODate()!; d = d.plus({ days: 1 })) {
          expect(isBusinessDay(cal, d.toISODate()!)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
