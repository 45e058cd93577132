import { describe, expect, it } from 'vitest';
import {
  capacityPoolFor,
  completeAvailability,
  DEFAULT_AVAILABILITY,
  validateAvailabilityPolicy,
  type AvailabilityPolicy,
} from './availability-policy.ts';

const CHICAGO = 'America/Chicago';

describe('DEFAULT_AVAILABILITY (a new organization can book on day one)', () => {
  it('has weekday windows 8–12 and 12–4, none at the weekend', () => {
    for (const weekday of [1, 2, 3, 4, 5] as const) {
      expect(DEFAULT_AVAILABILITY.windows[weekday]).toEqual([
        { open: '08:00', close: '12:00' },
        { open: '12:00', close: '16:00' },
      ]);
    }
    expect(DEFAULT_AVAILABILITY.windows[6]).toEqual([]);
    expect(DEFAULT_AVAILABILITY.windows[7]).toEqual([]);
  });

  it('has capacity 2, lead time 120 min, a 14-day horizon, US public holidays closed, 10-minute holds', () => {
    expect(DEFAULT_AVAILABILITY).toMatchObject({
      capacity: 2,
      capacityPools: [],
      leadTimeMinutes: 120,
      horizonDays: 14,
      blackoutDates: [],
      holidays: { country: 'US' },
      holdMinutes: 10,
    });
  });

  it('is valid, and frozen so no caller can change it for everyone', () => {
    expect(validateAvailabilityPolicy(DEFAULT_AVAILABILITY, CHICAGO)).toEqual([]);
    expect(Object.isFrozen(DEFAULT_AVAILABILITY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_AVAILABILITY.windows)).toBe(true);
  });
});

describe('completeAvailability', () => {
  it('gives the defaults for nothing stored', () => {
    expect(completeAvailability(undefined)).toEqual(DEFAULT_AVAILABILITY);
    expect(completeAvailability(null)).toEqual(DEFAULT_AVAILABILITY);
  });

  it('keeps stored fields and fills the rest, per weekday for windows', () => {
    const done = completeAvailability({ capacity: 3, windows: { 6: [{ open: '09:00', close: '12:00' }] } as unknown as AvailabilityPolicy['windows'] });
    expect(done.capacity).toBe(3);
    expect(done.leadTimeMinutes).toBe(120);
    expect(done.windows[6]).toEqual([{ open: '09:00', close: '12:00' }]);
    expect(done.windows[1]).toEqual(DEFAULT_AVAILABILITY.windows[1]);
    expect(validateAvailabilityPolicy(done, CHICAGO)).toEqual([]);
  });
});

describe('validateAvailabilityPolicy', () => {
  const bad: AvailabilityPolicy = {
    ...DEFAULT_AVAILABILITY,
    windows: { ...DEFAULT_AVAILABILITY.windows, 2: [{ open: '12:00', close: '08:00' }], 3: [{ open: '8am', close: '12:00' }], 4: [{ open: '08:00', close: '12:00' }, { open: '08:00', close: '12:00' }] },
    capacity: 1.5,
    capacityPools: [
      { name: 'Plumbing', jobTypes: ['drain'], capacity: -1 },
      { name: 'Plumbing', jobTypes: [], capacity: 1 },
    ],
    leadTimeMinutes: -5,
    horizonDays: 0,
    blackoutDates: ['2026-13-01'],
    holidays: { country: 'US', state: 'XX' },
    holdMinutes: 0,
  };

  it('names every problem', () => {
    const problems = validateAvailabilityPolicy(bad, 'America/Chicagoo');
    const expected = [
      /unknown IANA time zone "America\/Chicagoo"/,
      /^windows\.2\[0\]: close 08:00 is not after open 12:00/,
      /^windows\.3\[0\]\.open: "8am" is not HH:MM/,
      /^windows\.4\[1\]: 08:00–12:00 is listed twice/,
      /^capacity: 1\.5/,
      /^capacityPools\[0\]\.capacity: -1/,
      /^capacityPools\[1\]\.name: "Plumbing" is used twice/,
      /^capacityPools\[1\]\.jobTypes: lists no job type/,
      /^leadTimeMinutes: -5/,
      /^horizonDays: 0/,
      /^holdMinutes: 0/,
      /blackoutDates\[0\]: "2026-13-01"/,
      /holidays\.state: unknown US state "XX"/,
    ];
    for (const pattern of expected) expect(problems.some((p) => pattern.test(p)), `${pattern} in ${problems.join(' | ')}`).toBe(true);
    expect(problems).toHaveLength(expected.length);
  });

  it('allows a policy with no windows at all (online booking closed)', () => {
    const closed: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, windows: { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } };
    expect(validateAvailabilityPolicy(closed, CHICAGO)).toEqual([]);
  });

  it('allows touching and overlapping windows (8–12, 12–4, 8–10)', () => {
    const overlapping: AvailabilityPolicy = {
      ...DEFAULT_AVAILABILITY,
      windows: { ...DEFAULT_AVAILABILITY.windows, 1: [{ open: '08:00', close: '12:00' }, { open: '12:00', close: '16:00' }, { open: '08:00', close: '10:00' }] },
    };
    expect(validateAvailabilityPolicy(overlapping, CHICAGO)).toEqual([]);
  });
});

describe('capacityPoolFor', () => {
  const policy: AvailabilityPolicy = {
    ...DEFAULT_AVAILABILITY,
    capacityPools: [
      { name: 'Plumbing', jobTypes: ['drain', 'water heater'], capacity: 1 },
      { name: 'Install', jobTypes: ['water heater', 'furnace install'], capacity: 3 },
    ],
  };

  it('puts a listed job type in the first pool listing it, anything else in the default pool', () => {
    expect(capacityPoolFor(policy, 'drain')).toEqual({ name: 'Plumbing', capacity: 1 });
    expect(capacityPoolFor(policy, 'water heater')).toEqual({ name: 'Plumbing', capacity: 1 });
    expect(capacityPoolFor(policy, 'furnace install')).toEqual({ name: 'Install', capacity: 3 });
    expect(capacityPoolFor(policy, 'ac repair')).toEqual({ name: null, capacity: 2 });
    expect(capacityPoolFor(policy, undefined)).toEqual({ name: null, capacity: 2 });
    expect(capacityPoolFor(policy, null)).toEqual({ name: null, capacity: 2 });
  });
});
