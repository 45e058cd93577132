import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AVAILABILITY, type ArrivalWindows, type AvailabilityPolicy, type IsoWeekday } from './availability-policy.ts';
import { holdFor, nextOpenings, openingAt, openings, type BookedSlot, type Opening, type OpeningsQuery, type SlotHold } from './openings.ts';

const CHICAGO = 'America/Chicago';
const PHOENIX = 'America/Phoenix';

const MORNING = { open: '08:00', close: '12:00' };
const AFTERNOON = { open: '12:00', close: '16:00' };
const EVERY_DAY: ArrivalWindows = { 1: [MORNING, AFTERNOON], 2: [MORNING, AFTERNOON], 3: [MORNING, AFTERNOON], 4: [MORNING, AFTERNOON], 5: [MORNING, AFTERNOON], 6: [MORNING, AFTERNOON], 7: [MORNING, AFTERNOON] };
/** Every day 8–12 and 12–4, no lead time, 30-day horizon: isolates the calendar maths. */
const daily: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, windows: EVERY_DAY, leadTimeMinutes: 0, horizonDays: 30 };

/** A UTC ISO instant from a wall-clock time in `zone`: `local('2026-03-08T08:00')`. */
function local(wallClock: string, zone = CHICAGO): string {
  const dt = DateTime.fromISO(wallClock, { zone });
  if (!dt.isValid) throw new Error(`bad test time ${wallClock}`);
  return dt.toUTC().toISO() ?? '';
}

/** An instant as local text with weekday and offset, for readable expectations. */
function wall(instant: string, zone = CHICAGO): string {
  return DateTime.fromISO(instant, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm ZZ");
}

function query(from: string, to: string, now = from, extra: Partial<OpeningsQuery> = {}): OpeningsQuery {
  return { from, to, now, booked: [], holds: [], ...extra };
}

/** Openings as `Sat 2026-03-07T08:00 -06:00 → 12:00 (2)` lines. */
function show(list: readonly Opening[], zone = CHICAGO): string[] {
  return list.map((o) => `${wall(o.start, zone)} → ${DateTime.fromISO(o.end, { zone }).toFormat('HH:mm')} (${o.remaining})`);
}

describe('openings in the organization time zone', () => {
  it('gives the default weekday windows as UTC instants, skipping the weekend', () => {
    const list = openings(DEFAULT_AVAILABILITY, CHICAGO, query(local('2026-03-05T00:00'), local('2026-03-10T00:00'), local('2026-03-04T12:00')));
    expect(show(list)).toEqual([
      'Thu 2026-03-05T08:00 -06:00 → 12:00 (2)',
      'Thu 2026-03-05T12:00 -06:00 → 16:00 (2)',
      'Fri 2026-03-06T08:00 -06:00 → 12:00 (2)',
      'Fri 2026-03-06T12:00 -06:00 → 16:00 (2)',
      'Mon 2026-03-09T08:00 -05:00 → 12:00 (2)',
      'Mon 2026-03-09T12:00 -05:00 → 16:00 (2)',
    ]);
    expect(list[0]).toEqual({ start: '2026-03-05T14:00:00.000Z', end: '2026-03-05T18:00:00.000Z', remaining: 2 });
    // After the spring change 08:00 local is an hour earlier in UTC.
    expect(list[4]).toEqual({ start: '2026-03-09T13:00:00.000Z', end: '2026-03-09T17:00:00.000Z', remaining: 2 });
  });

  it('keeps 08:00–12:00 local on the spring-forward day, 2026-03-08 in Chicago (CST → CDT)', () => {
    const list = openings(daily, CHICAGO, query(local('2026-03-07T00:00'), local('2026-03-10T00:00')));
    expect(list.map((o) => [o.start, o.end])).toEqual([
      ['2026-03-07T14:00:00.000Z', '2026-03-07T18:00:00.000Z'], // Sat, CST (UTC−6)
      ['2026-03-07T18:00:00.000Z', '2026-03-07T22:00:00.000Z'],
      ['2026-03-08T13:00:00.000Z', '2026-03-08T17:00:00.000Z'], // Sun, the switch day: CDT (UTC−5)
      ['2026-03-08T17:00:00.000Z', '2026-03-08T21:00:00.000Z'],
      ['2026-03-09T13:00:00.000Z', '2026-03-09T17:00:00.000Z'],
      ['2026-03-09T17:00:00.000Z', '2026-03-09T21:00:00.000Z'],
    ]);
    expect(wall(list[2]?.start ?? '')).toBe('Sun 2026-03-08T08:00 -05:00');
  });

  it('keeps 08:00–12:00 local on the fall-back day, 2026-11-01 in Chicago (CDT → CST)', () => {
    const list = openings(daily, CHICAGO, query(local('2026-10-31T00:00'), local('2026-11-03T00:00')));
    expect(list.map((o) => [o.start, o.end])).toEqual([
      ['2026-10-31T13:00:00.000Z', '2026-10-31T17:00:00.000Z'], // Sat, CDT (UTC−5)
      ['2026-10-31T17:00:00.000Z', '2026-10-31T21:00:00.000Z'],
      ['2026-11-01T14:00:00.000Z', '2026-11-01T18:00:00.000Z'], // Sun, the switch day: CST (UTC−6)
      ['2026-11-01T18:00:00.000Z', '2026-11-01T22:00:00.000Z'],
      ['2026-11-02T14:00:00.000Z', '2026-11-02T18:00:00.000Z'],
      ['2026-11-02T18:00:00.000Z', '2026-11-02T22:00:00.000Z'],
    ]);
    expect(wall(list[2]?.start ?? '')).toBe('Sun 2026-11-01T08:00 -06:00');
  });

  it('keeps the same UTC times all year in a zone without daylight saving (America/Phoenix, UTC−7)', () => {
    for (const day of ['2026-03-07', '2026-03-08', '2026-03-09', '2026-10-31', '2026-11-01', '2026-11-02']) {
      const list = openings(daily, PHOENIX, query(local(`${day}T00:00`, PHOENIX), local(`${day}T23:59`, PHOENIX)));
      expect(list.map((o) => [o.start, o.end])).toEqual([
        [`${day}T15:00:00.000Z`, `${day}T19:00:00.000Z`],
        [`${day}T19:00:00.000Z`, `${day}T23:00:00.000Z`],
      ]);
    }
  });

  it('moves a window edge that falls in the spring-forward gap to the end of the gap, and skips a window the gap swallows', () => {
    const night: AvailabilityPolicy = {
      ...daily,
      windows: { ...EVERY_DAY, 7: [{ open: '02:30', close: '04:00' }, { open: '02:00', close: '02:45' }, { open: '01:00', close: '03:00' }] },
    };
    const list = openings(night, CHICAGO, query(local('2026-03-08T00:00'), local('2026-03-08T05:00')));
    expect(show(list)).toEqual(['Sun 2026-03-08T01:00 -06:00 → 03:00 (2)', 'Sun 2026-03-08T03:00 -05:00 → 04:00 (2)']);
    // 01:00 CST to 03:00 CDT is one real hour.
    expect(Date.parse(list[0]?.end ?? '') - Date.parse(list[0]?.start ?? '')).toBe(60 * 60_000);
  });

  it('starts a window in the repeated fall-back hour at its first occurrence', () => {
    const night: AvailabilityPolicy = { ...daily, windows: { ...EVERY_DAY, 7: [{ open: '01:00', close: '03:00' }, { open: '01:30', close: '01:45' }] } };
    const list = openings(night, CHICAGO, query(local('2026-11-01T00:00'), local('2026-11-01T05:00')));
    expect(list.map((o) => [o.start, o.end])).toEqual([
      ['2026-11-01T06:00:00.000Z', '2026-11-01T09:00:00.000Z'], // 01:00 CDT → 03:00 CST: three real hours
      ['2026-11-01T06:30:00.000Z', '2026-11-01T06:45:00.000Z'], // 01:30 CDT → 01:45 CDT
    ]);
  });

  it('accepts a window closing at midnight (24:00)', () => {
    const late: AvailabilityPolicy = { ...daily, windows: { ...EVERY_DAY, 2: [{ open: '18:00', close: '24:00' }] } };
    const list = openings(late, CHICAGO, query(local('2026-03-03T00:00'), local('2026-03-04T00:00')));
    expect(show(list)).toEqual(['Tue 2026-03-03T18:00 -06:00 → 00:00 (2)']);
    expect(list[0]?.end).toBe(local('2026-03-04T00:00'));
  });

  it('accepts instants with any offset and returns UTC', () => {
    const a = openings(DEFAULT_AVAILABILITY, CHICAGO, query('2026-03-05T00:00:00-06:00', '2026-03-06T00:00:00-06:00', '2026-03-04T12:00:00-06:00'));
    const b = openings(DEFAULT_AVAILABILITY, CHICAGO, query('2026-03-05T06:00:00Z', '2026-03-06T06:00:00Z', '2026-03-04T18:00:00Z'));
    expect(a).toEqual(b);
    expect(a.every((o) => o.start.endsWith('Z') && o.end.endsWith('Z'))).toBe(true);
  });

  it('includes a window starting exactly at `from` and excludes one starting exactly at `to`', () => {
    const list = openings(DEFAULT_AVAILABILITY, CHICAGO, query(local('2026-03-05T08:00'), local('2026-03-05T12:00'), local('2026-03-04T12:00')));
    expect(show(list)).toEqual(['Thu 2026-03-05T08:00 -06:00 → 12:00 (2)']);
    expect(openings(DEFAULT_AVAILABILITY, CHICAGO, query(local('2026-03-05T08:00'), local('2026-03-05T08:00'), local('2026-03-04T12:00')))).toEqual([]);
  });
});

describe('holidays and blackout dates', () => {
  const thanksgivingWeek = query(local('2026-11-25T00:00'), local('2026-11-28T00:00'), local('2026-11-24T12:00'));

  it('closes US federal public holidays by default (Thanksgiving 2026-11-26)', () => {
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, thanksgivingWeek)).map((s) => s.slice(0, 14))).toEqual([
      'Wed 2026-11-25',
      'Wed 2026-11-25',
      'Fri 2026-11-27',
      'Fri 2026-11-27',
    ]);
  });

  it('closes the observed day of a holiday on a weekend (Independence Day 2026 is observed Friday July 3)', () => {
    const list = openings(DEFAULT_AVAILABILITY, CHICAGO, query(local('2026-07-02T00:00'), local('2026-07-07T00:00'), local('2026-07-01T12:00')));
    expect([...new Set(list.map((o) => wall(o.start).slice(0, 14)))]).toEqual(['Thu 2026-07-02', 'Mon 2026-07-06']);
  });

  it("adds a state's public holidays (Texas: the day after Thanksgiving)", () => {
    const texas: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, holidays: { country: 'US', state: 'TX' } };
    expect([...new Set(openings(texas, CHICAGO, thanksgivingWeek).map((o) => wall(o.start).slice(0, 14)))]).toEqual(['Wed 2026-11-25']);
  });

  it('books on holidays when holidays is null', () => {
    const open: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, holidays: null };
    expect(openings(open, CHICAGO, thanksgivingWeek)).toHaveLength(6);
  });

  it('skips blackout dates (local dates)', () => {
    const blackout: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, blackoutDates: ['2026-11-25'] };
    expect([...new Set(openings(blackout, CHICAGO, thanksgivingWeek).map((o) => wall(o.start).slice(0, 14)))]).toEqual(['Fri 2026-11-27']);
  });
});

describe('lead time and horizon', () => {
  it('offers no window starting sooner than now + lead time (a start exactly at it is fine)', () => {
    const day = (now: string): string[] => show(openings(DEFAULT_AVAILABILITY, CHICAGO, query(local('2026-03-05T00:00'), local('2026-03-06T00:00'), now)));
    expect(day(local('2026-03-05T06:00'))).toEqual(['Thu 2026-03-05T08:00 -06:00 → 12:00 (2)', 'Thu 2026-03-05T12:00 -06:00 → 16:00 (2)']);
    expect(day(local('2026-03-05T06:01'))).toEqual(['Thu 2026-03-05T12:00 -06:00 → 16:00 (2)']);
    expect(day(local('2026-03-05T10:00'))).toEqual(['Thu 2026-03-05T12:00 -06:00 → 16:00 (2)']);
    expect(day(local('2026-03-05T10:01'))).toEqual([]);
  });

  it('offers local days from today through today + horizonDays − 1', () => {
    const now = local('2026-03-02T07:00'); // Monday
    const list = openings(DEFAULT_AVAILABILITY, CHICAGO, query(now, local('2026-04-30T00:00'), now));
    expect(wall(list.at(-1)?.start ?? '')).toBe('Fri 2026-03-13T12:00 -05:00'); // day 12; days 13 and 14 (Sat, Sun 3/14–15) have no windows
    const sevenDays = openings({ ...daily, horizonDays: 7 }, CHICAGO, query(now, local('2026-04-30T00:00'), now));
    expect(wall(sevenDays.at(-1)?.start ?? '')).toBe('Sun 2026-03-08T12:00 -05:00');
    const today = openings({ ...daily, horizonDays: 1 }, CHICAGO, query(now, local('2026-04-30T00:00'), now));
    expect(show(today)).toEqual(['Mon 2026-03-02T08:00 -06:00 → 12:00 (2)', 'Mon 2026-03-02T12:00 -06:00 → 16:00 (2)']);
  });

  it('ignores a `from` in the past: nothing before now + lead time', () => {
    const now = local('2026-03-05T09:00');
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, query(local('2026-03-01T00:00'), local('2026-03-06T00:00'), now)))).toEqual([
      'Thu 2026-03-05T12:00 -06:00 → 16:00 (2)',
    ]);
  });
});

describe('capacity, bookings and holds', () => {
  const thursday = query(local('2026-03-05T00:00'), local('2026-03-06T00:00'), local('2026-03-04T12:00'));
  const morning = { start: local('2026-03-05T08:00'), end: local('2026-03-05T12:00') };
  const afternoon = { start: local('2026-03-05T12:00'), end: local('2026-03-05T16:00') };

  it('counts bookings against their window; a full window is left out', () => {
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, booked: [morning] }))).toEqual([
      'Thu 2026-03-05T08:00 -06:00 → 12:00 (1)',
      'Thu 2026-03-05T12:00 -06:00 → 16:00 (2)',
    ]);
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, booked: [morning, morning] }))).toEqual(['Thu 2026-03-05T12:00 -06:00 → 16:00 (2)']);
  });

  it('keeps full windows with remaining 0 when includeFull is set, and never reports less than 0', () => {
    const list = openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, booked: [morning, morning, morning], includeFull: true });
    expect(show(list)).toEqual(['Thu 2026-03-05T08:00 -06:00 → 12:00 (0)', 'Thu 2026-03-05T12:00 -06:00 → 16:00 (2)']);
  });

  it('counts a booking against every window it overlaps, and not against one it only touches', () => {
    const straddling: BookedSlot = { start: local('2026-03-05T11:00'), end: local('2026-03-05T13:00') };
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, booked: [straddling] }))).toEqual([
      'Thu 2026-03-05T08:00 -06:00 → 12:00 (1)',
      'Thu 2026-03-05T12:00 -06:00 → 16:00 (1)',
    ]);
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, booked: [afternoon, afternoon] }))).toEqual(['Thu 2026-03-05T08:00 -06:00 → 12:00 (2)']);
  });

  it('gives an overlapping window only the room every window it overlaps still has (conservative)', () => {
    const windows = { ...DEFAULT_AVAILABILITY.windows, 4: [MORNING, { open: '10:00', close: '14:00' }, AFTERNOON] };
    const booked = [{ start: local('2026-03-05T12:00'), end: local('2026-03-05T16:00') }];
    // 10–2 overlaps the booked 12–4 (one place used); 8–12 overlaps 10–2, so a booking at 8–12 would use
    // a second place in 10–2: every window has one place left.
    expect(show(openings({ ...DEFAULT_AVAILABILITY, windows }, CHICAGO, { ...thursday, booked }))).toEqual([
      'Thu 2026-03-05T08:00 -06:00 → 12:00 (1)',
      'Thu 2026-03-05T10:00 -06:00 → 14:00 (1)',
      'Thu 2026-03-05T12:00 -06:00 → 16:00 (1)',
    ]);
    // With capacity 1 nothing is left: 8–12 would put 10–2 over capacity.
    expect(openings({ ...DEFAULT_AVAILABILITY, capacity: 1, windows }, CHICAGO, { ...thursday, booked })).toEqual([]);
  });

  it('counts a hold until it expires (expiresAt after now)', () => {
    const now = local('2026-03-04T12:00');
    const live: SlotHold = { ...morning, expiresAt: local('2026-03-04T12:05') };
    const lapsed: SlotHold = { ...morning, expiresAt: now };
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, holds: [live] }))[0]).toBe('Thu 2026-03-05T08:00 -06:00 → 12:00 (1)');
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, holds: [lapsed] }))[0]).toBe('Thu 2026-03-05T08:00 -06:00 → 12:00 (2)');
    expect(show(openings(DEFAULT_AVAILABILITY, CHICAGO, { ...thursday, booked: [morning], holds: [live] }))[0]).toBe('Thu 2026-03-05T12:00 -06:00 → 16:00 (2)');
  });

  it('gives job types in a capacity pool their own capacity, separate from the default pool', () => {
    const pooled: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, capacityPools: [{ name: 'Plumbing', jobTypes: ['drain', 'water heater'], capacity: 1 }] };
    const booked: BookedSlot[] = [{ ...morning, jobType: 'water heater' }];
    // A plumbing booking fills the plumbing pool's morning…
    expect(show(openings(pooled, CHICAGO, { ...thursday, booked, jobType: 'drain' }))).toEqual(['Thu 2026-03-05T12:00 -06:00 → 16:00 (1)']);
    // …and leaves the default pool (any other job type, or none) untouched.
    expect(show(openings(pooled, CHICAGO, { ...thursday, booked, jobType: 'ac repair' }))[0]).toBe('Thu 2026-03-05T08:00 -06:00 → 12:00 (2)');
    expect(show(openings(pooled, CHICAGO, { ...thursday, booked }))[0]).toBe('Thu 2026-03-05T08:00 -06:00 → 12:00 (2)');
    // Default-pool bookings do not touch the plumbing pool.
    expect(show(openings(pooled, CHICAGO, { ...thursday, booked: [morning, { ...morning, jobType: 'ac repair' }], jobType: 'drain' }))[0]).toBe(
      'Thu 2026-03-05T08:00 -06:00 → 12:00 (1)',
    );
  });

  it('returns nothing for a pool with capacity 0', () => {
    const closed: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, capacityPools: [{ name: 'Installs', jobTypes: ['install'], capacity: 0 }] };
    expect(openings(closed, CHICAGO, { ...thursday, jobType: 'install' })).toEqual([]);
  });
});

describe('errors', () => {
  const ok = query(local('2026-03-05T00:00'), local('2026-03-06T00:00'));

  it.each([
    ['an unknown time zone', () => openings(DEFAULT_AVAILABILITY, 'America/Springfield', ok), /unknown IANA time zone/],
    ['an invalid policy', () => openings({ ...DEFAULT_AVAILABILITY, capacity: -1 }, CHICAGO, ok), /invalid availability policy: capacity/],
    ['an instant without an offset', () => openings(DEFAULT_AVAILABILITY, CHICAGO, { ...ok, from: '2026-03-05T08:00' }), /from: .* is not an ISO-8601 instant with an offset/],
    ['a malformed instant', () => openings(DEFAULT_AVAILABILITY, CHICAGO, { ...ok, now: '2026-02-30T08:00:00Z' }), /now: .* is not a valid ISO-8601 instant/],
    ['`to` before `from`', () => openings(DEFAULT_AVAILABILITY, CHICAGO, { ...ok, to: local('2026-03-04T00:00') }), /is before from/],
    [
      'a booking ending before it starts',
      () => openings(DEFAULT_AVAILABILITY, CHICAGO, { ...ok, booked: [{ start: local('2026-03-05T12:00'), end: local('2026-03-05T08:00') }] }),
      /booked\[0\]: end .* is before start/,
    ],
    ['a hold with a malformed expiry', () => openings(DEFAULT_AVAILABILITY, CHICAGO, { ...ok, holds: [{ start: local('2026-03-05T08:00'), end: local('2026-03-05T12:00'), expiresAt: 'soon' }] }), /holds\[0\]\.expiresAt/],
    ['a count of 0', () => nextOpenings(DEFAULT_AVAILABILITY, CHICAGO, { now: ok.now, booked: [], holds: [], count: 0 }), /count: 0/],
  ])('throws RangeError for %s', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe('nextOpenings', () => {
  it('gives the first two bookable openings by default', () => {
    const list = nextOpenings(DEFAULT_AVAILABILITY, CHICAGO, { now: local('2026-03-02T07:00'), booked: [], holds: [] });
    expect(show(list)).toEqual(['Mon 2026-03-02T12:00 -06:00 → 16:00 (2)', 'Tue 2026-03-03T08:00 -06:00 → 12:00 (2)']);
  });

  it('skips the weekend, full windows and holidays', () => {
    const now = local('2026-11-25T11:00'); // Wednesday before Thanksgiving
    const booked = [{ start: local('2026-11-27T08:00'), end: local('2026-11-27T12:00') }];
    const list = nextOpenings(DEFAULT_AVAILABILITY, CHICAGO, { now, booked: [...booked, ...booked], holds: [], count: 3 });
    expect(show(list)).toEqual(['Fri 2026-11-27T12:00 -06:00 → 16:00 (2)', 'Mon 2026-11-30T08:00 -06:00 → 12:00 (2)', 'Mon 2026-11-30T12:00 -06:00 → 16:00 (2)']);
  });

  it('gives fewer when the horizon has fewer, and none when booking is closed', () => {
    const now = local('2026-03-06T15:00'); // Friday afternoon, horizon of one day
    expect(nextOpenings({ ...DEFAULT_AVAILABILITY, horizonDays: 1 }, CHICAGO, { now, booked: [], holds: [] })).toEqual([]);
    expect(nextOpenings({ ...DEFAULT_AVAILABILITY, horizonDays: 4 }, CHICAGO, { now, booked: [], holds: [], count: 3 })).toHaveLength(2);
  });

  it('uses the job type’s pool', () => {
    const pooled: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, capacityPools: [{ name: 'Installs', jobTypes: ['install'], capacity: 1 }] };
    const now = local('2026-03-02T05:00');
    const booked = [{ start: local('2026-03-02T08:00'), end: local('2026-03-02T12:00'), jobType: 'install' }];
    expect(show(nextOpenings(pooled, CHICAGO, { now, booked, holds: [], jobType: 'install', count: 1 }))).toEqual(['Mon 2026-03-02T12:00 -06:00 → 16:00 (1)']);
    expect(show(nextOpenings(pooled, CHICAGO, { now, booked, holds: [], count: 1 }))).toEqual(['Mon 2026-03-02T08:00 -06:00 → 12:00 (2)']);
  });
});

describe('openingAt and holdFor (checking and holding a requested slot)', () => {
  const now = local('2026-03-04T12:00');
  const slot = { start: local('2026-03-05T08:00'), end: local('2026-03-05T12:00') };

  it('finds the opening at exactly those instants, in any offset notation', () => {
    expect(openingAt(DEFAULT_AVAILABILITY, CHICAGO, { ...slot, now, booked: [], holds: [] })).toEqual({ ...slot, remaining: 2 });
    expect(openingAt(DEFAULT_AVAILABILITY, CHICAGO, { start: '2026-03-05T08:00:00-06:00', end: '2026-03-05T12:00:00-06:00', now, booked: [], holds: [] })).toEqual({ ...slot, remaining: 2 });
  });

  it('is null for a slot that is not a window, too soon, too far, on a closed day, or full', () => {
    const none = (s: { start: string; end: string }, extra: Partial<{ now: string; booked: BookedSlot[] }> = {}) =>
      openingAt(DEFAULT_AVAILABILITY, CHICAGO, { ...s, now, booked: [], holds: [], ...extra });
    expect(none({ start: local('2026-03-05T08:00'), end: local('2026-03-05T11:00') })).toBeNull();
    expect(none({ start: local('2026-03-05T09:00'), end: local('2026-03-05T12:00') })).toBeNull();
    expect(none(slot, { now: local('2026-03-05T07:00') })).toBeNull();
    expect(none({ start: local('2026-03-30T08:00'), end: local('2026-03-30T12:00') })).toBeNull();
    expect(none({ start: local('2026-03-07T08:00'), end: local('2026-03-07T12:00') })).toBeNull();
    expect(none(slot, { booked: [slot, slot] })).toBeNull();
  });

  it('holds a slot for holdMinutes, and the hold takes capacity until it expires', () => {
    const hold = holdFor(DEFAULT_AVAILABILITY, slot, now, 'ac repair');
    expect(hold).toEqual({ ...slot, expiresAt: local('2026-03-04T12:10'), jobType: 'ac repair' });
    expect(holdFor({ ...DEFAULT_AVAILABILITY, holdMinutes: 3 }, slot, now).expiresAt).toBe(local('2026-03-04T12:03'));
    const two = [hold, hold];
    expect(openingAt(DEFAULT_AVAILABILITY, CHICAGO, { ...slot, now, booked: [], holds: two })).toBeNull();
    expect(openingAt(DEFAULT_AVAILABILITY, CHICAGO, { ...slot, now: local('2026-03-04T12:10'), booked: [], holds: two })).toEqual({ ...slot, remaining: 2 });
  });
});

// ---------------------------------------------------------------------------------------------------
// Properties: over random policies, zones, times, bookings and holds.

const ZONES = ['America/Chicago', 'America/New_York', 'America/Denver', 'America/Los_Angeles', 'America/Phoenix', 'America/Anchorage', 'Pacific/Honolulu', 'Australia/Lord_Howe'];

const wallClock = (minute: number): string => (minute === 1440 ? '24:00' : `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);

/** A window on a 15-minute grid (so it can start in a DST gap or repeated hour). */
const windowArb = fc
  .tuple(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 1, max: 48 }))
  .map(([start, length]) => ({ open: wallClock(start * 15), close: wallClock(Math.min(96, start + length) * 15) }));

const dayWindowsArb = fc.uniqueArray(windowArb, { maxLength: 3, selector: (w) => `${w.open}-${w.close}` });

const policyArb: fc.Arbitrary<AvailabilityPolicy> = fc.record({
  windows: fc.tuple(dayWindowsArb, dayWindowsArb, dayWindowsArb, dayWindowsArb, dayWindowsArb, dayWindowsArb, dayWindowsArb).map(
    (days) => Object.fromEntries(days.map((d, i) => [i + 1, d])) as unknown as ArrivalWindows,
  ),
  capacity: fc.integer({ min: 0, max: 3 }),
  capacityPools: fc.constantFrom([], [{ name: 'Plumbing', jobTypes: ['drain'], capacity: 1 }]),
  leadTimeMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  horizonDays: fc.integer({ min: 1, max: 21 }),
  blackoutDates: fc.uniqueArray(fc.integer({ min: 0, max: 30 }).map((d) => DateTime.fromISO('2026-03-01', { zone: 'utc' }).plus({ days: d }).toISODate() ?? ''), { maxLength: 4 }),
  holidays: fc.constantFrom(null, { country: 'US' as const }),
  holdMinutes: fc.integer({ min: 1, max: 30 }),
});

/** `now` around the 2026 US and Lord Howe daylight-saving changes (March/April and October/November). */
const nowArb = fc
  .oneof(
    fc.integer({ min: Date.parse('2026-03-01T00:00:00Z'), max: Date.parse('2026-04-10T00:00:00Z') }),
    fc.integer({ min: Date.parse('2026-09-25T00:00:00Z'), max: Date.parse('2026-11-10T00:00:00Z') }),
  )
  .map((ms) => new Date(ms).toISOString());

const jobTypeArb = fc.constantFrom(undefined, 'drain', 'ac repair');

interface Scenario {
  policy: AvailabilityPolicy;
  zone: string;
  now: string;
  jobType: string | undefined;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({ policy: policyArb, zone: fc.constantFrom(...ZONES), now: nowArb, jobType: jobTypeArb });

function horizonQuery(s: Scenario, booked: BookedSlot[] = [], holds: SlotHold[] = []): OpeningsQuery {
  const to = new Date(Date.parse(s.now) + 40 * 86_400_000).toISOString();
  return { from: s.now, to, now: s.now, jobType: s.jobType, booked, holds };
}

/** Local minute of day of an instant (fractions for seconds), counting from the local midnight of `dayOf` (next day → +1440). */
function localMinutes(ms: number, zone: string, dayOf: string): number {
  const t = DateTime.fromMillis(ms, { zone });
  const day = DateTime.fromISO(dayOf, { zone }).startOf('day');
  return t.hour * 60 + t.minute + t.second / 60 + t.millisecond / 60_000 + (t.startOf('day') > day ? 1440 : 0);
}

describe('properties', () => {
  it('booking only what openings offers never puts a window over capacity', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.tuple(fc.nat(), jobTypeArb), { minLength: 1, maxLength: 25 }), (s, picks) => {
        const booked: BookedSlot[] = [];
        for (const [pick, jobType] of picks) {
          const list = openings(s.policy, s.zone, { ...horizonQuery({ ...s, jobType }), booked });
          if (list.length === 0) continue;
          const chosen = list[pick % list.length];
          if (chosen) booked.push({ start: chosen.start, end: chosen.end, ...(jobType ? { jobType } : {}) });
        }
        // Every window of every day (lead time and horizon aside), per pool.
        const everything = { ...s.policy, leadTimeMinutes: 0, horizonDays: 366 };
        const from = new Date(Date.parse(s.now) - 2 * 86_400_000).toISOString();
        for (const jobType of [undefined, 'drain']) {
          const all = openings(everything, s.zone, { from, to: horizonQuery(s).to, now: from, jobType, booked: [], holds: [], includeFull: true });
          const pool = jobType === 'drain' && s.policy.capacityPools.length > 0 ? 'drain' : 'default';
          const capacity = pool === 'drain' ? (s.policy.capacityPools[0]?.capacity ?? 0) : s.policy.capacity;
          for (const w of all) {
            const used = booked.filter(
              (b) => (pool === 'drain' ? b.jobType === 'drain' : !(b.jobType === 'drain' && s.policy.capacityPools.length > 0)) && b.start < w.end && b.end > w.start,
            ).length;
            expect(used, `${w.start}–${w.end} in ${s.zone}`).toBeLessThanOrEqual(capacity);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('never offers a window starting before now + lead time, or beyond the horizon', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const earliest = Date.parse(s.now) + s.policy.leadTimeMinutes * 60_000;
        const today = DateTime.fromISO(s.now, { zone: s.zone }).startOf('day');
        for (const o of openings(s.policy, s.zone, horizonQuery(s))) {
          expect(Date.parse(o.start)).toBeGreaterThanOrEqual(earliest);
          const day = DateTime.fromISO(o.start, { zone: s.zone }).startOf('day');
          expect(Math.round(day.diff(today, 'days').days)).toBeLessThan(s.policy.horizonDays);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('offers only windows that lie inside a configured window in local time, on open days', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const o of openings(s.policy, s.zone, horizonQuery(s))) {
          const start = DateTime.fromISO(o.start, { zone: s.zone });
          const date = start.toISODate() ?? '';
          expect(s.policy.blackoutDates).not.toContain(date);
          // Every instant of [start, end) reads a local time inside one configured window: the first reads
          // at or after its open, the last (end − 1 ms) before its close. (A close that falls in a
          // spring-forward gap ends the window when the clocks jump, so `end` itself may read later.)
          const startMinute = localMinutes(Date.parse(o.start), s.zone, o.start);
          const lastMinute = localMinutes(Date.parse(o.end) - 1, s.zone, o.start);
          expect(Date.parse(o.end)).toBeGreaterThan(Date.parse(o.start));
          const windows = s.policy.windows[start.weekday as IsoWeekday];
          const toMinutes = (t: string): number => (t === '24:00' ? 1440 : Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
          const inside = windows.some((w) => toMinutes(w.open) <= startMinute && lastMinute < toMinutes(w.close));
          expect(inside, `${o.start}–${o.end} is ${start.toFormat('ccc HH:mm')}–${lastMinute} in ${s.zone}`).toBe(true);
          const endMinute = localMinutes(Date.parse(o.end), s.zone, o.start);
          // On a day without an offset change it is exactly the configured window.
          const midnight = start.startOf('day');
          if (midnight.offset === midnight.plus({ days: 1 }).offset) {
            expect(windows.some((w) => toMinutes(w.open) === startMinute && toMinutes(w.close) === endMinute)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns openings sorted by start (then end), each at most once, with 1 ≤ remaining ≤ capacity', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.nat(), { maxLength: 10 }), (s, picks) => {
        const all = openings(s.policy, s.zone, { ...horizonQuery(s), includeFull: true });
        const booked = picks.flatMap((p) => (all.length > 0 ? [all[p % all.length] as Opening] : [])).map(({ start, end }) => ({ start, end, jobType: s.jobType }));
        const list = openings(s.policy, s.zone, horizonQuery(s, booked));
        const capacity = s.jobType === 'drain' && s.policy.capacityPools.length > 0 ? 1 : s.policy.capacity;
        for (let i = 1; i < list.length; i++) {
          const [a, b] = [list[i - 1] as Opening, list[i] as Opening];
          expect(Date.parse(a.start) < Date.parse(b.start) || (a.start === b.start && Date.parse(a.end) < Date.parse(b.end))).toBe(true);
        }
        for (const o of list) {
          expect(o.remaining).toBeGreaterThanOrEqual(1);
          expect(o.remaining).toBeLessThanOrEqual(capacity);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('an unexpired hold counts exactly like a booking, an expired one not at all', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.tuple(fc.nat(), fc.integer({ min: -20, max: 20 })), { maxLength: 6 }), (s, picks) => {
        const all = openings(s.policy, s.zone, { ...horizonQuery(s), includeFull: true });
        if (all.length === 0) return;
        const nowMs = Date.parse(s.now);
        const holds = picks.map(([p, minutes]) => {
          const o = all[p % all.length] as Opening;
          return { start: o.start, end: o.end, jobType: s.jobType, expiresAt: new Date(nowMs + minutes * 60_000).toISOString() };
        });
        const live = holds.filter((h) => Date.parse(h.expiresAt) > nowMs).map(({ start, end, jobType }) => ({ start, end, jobType }));
        expect(openings(s.policy, s.zone, horizonQuery(s, [], holds))).toEqual(openings(s.policy, s.zone, horizonQuery(s, live)));
      }),
      { numRuns: 150 },
    );
  });
});
