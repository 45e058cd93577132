import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { checkQuietHours, nextAllowedInstant, type QuietHoursLocation } from './quiet-hours.ts';
import { effectiveQuietHours, formatWeeklyWindows, STATE_QUIET_HOURS } from './state-windows.ts';

/** The UTC instant of a wall-clock time in `zone` (ISO local time, no offset). */
function at(localIso: string, zone: string): Date {
  const dt = DateTime.fromISO(localIso, { zone });
  if (!dt.isValid) throw new Error(`bad local time ${localIso} in ${zone}`);
  return dt.toJSDate();
}

const NY: QuietHoursLocation = { timeZone: 'America/New_York', state: null };
const NY_STATE: QuietHoursLocation = { timeZone: 'America/New_York', state: 'NY' };
const FL: QuietHoursLocation = { timeZone: 'America/New_York', state: 'FL' };
const TX: QuietHoursLocation = { timeZone: 'America/Chicago', state: 'TX' };

function retryAt(now: Date, location: QuietHoursLocation): string {
  const verdict = checkQuietHours({ now, location });
  if (verdict.allowed) throw new Error(`expected a refusal at ${now.toISOString()}`);
  return verdict.retryAt;
}

// 2026-06-17 is a Wednesday; 2026-03-07/08 and 2026-10-31/11-01 are the Saturdays/Sundays of the US DST changes
// (clocks go forward on Sun 2026-03-08 at 02:00 and back on Sun 2026-11-01 at 02:00).

describe('checkQuietHours: federal window 08:00–21:00 (47 CFR § 64.1200(c)(1))', () => {
  it('refuses 07:59 and retries at 08:00 the same day', () => {
    const verdict = checkQuietHours({ now: at('2026-06-17T07:59:00', 'America/New_York'), location: NY });
    expect(verdict).toEqual({
      allowed: false,
      retryAt: '2026-06-17T12:00:00.000Z',
      window: 'Mon–Sun 08:00–21:00 America/New_York (US)',
      source: '47 CFR § 64.1200(c)(1) (TCPA)',
    });
  });

  it('allows 08:00, 20:59 and 20:59:59.999', () => {
    for (const local of ['2026-06-17T08:00:00', '2026-06-17T20:59:00', '2026-06-17T20:59:59.999']) {
      expect(checkQuietHours({ now: at(local, 'America/New_York'), location: NY })).toEqual({ allowed: true });
    }
  });

  it('refuses 21:00 and retries at 08:00 the next morning, across midnight', () => {
    expect(retryAt(at('2026-06-17T21:00:00', 'America/New_York'), NY)).toBe('2026-06-18T12:00:00.000Z');
    expect(retryAt(at('2026-06-17T23:59:59', 'America/New_York'), NY)).toBe('2026-06-18T12:00:00.000Z');
    expect(retryAt(at('2026-06-18T00:00:00', 'America/New_York'), NY)).toBe('2026-06-18T12:00:00.000Z');
  });

  it('a state without a stricter rule (NY) and an unknown state get the federal window', () => {
    expect(checkQuietHours({ now: at('2026-06-17T20:30:00', 'America/New_York'), location: NY_STATE })).toEqual({
      allowed: true,
    });
    expect(effectiveQuietHours('ZZ')).toBe(effectiveQuietHours(null));
  });

  it('nextAllowedInstant returns now itself (same milliseconds) when allowed', () => {
    const now = at('2026-06-17T12:34:56.789', 'America/New_York');
    expect(nextAllowedInstant(now, NY).getTime()).toBe(now.getTime());
  });
});

describe('checkQuietHours: state windows', () => {
  it('FL: 19:59 allowed, 20:00 refused until 08:00 the next day, with both citations', () => {
    expect(checkQuietHours({ now: at('2026-06-17T19:59:00', 'America/New_York'), location: FL })).toEqual({
      allowed: true,
    });
    const verdict = checkQuietHours({ now: at('2026-06-17T20:00:00', 'America/New_York'), location: FL });
    expect(verdict).toMatchObject({ allowed: false, retryAt: '2026-06-18T12:00:00.000Z' });
    if (verdict.allowed) return;
    expect(verdict.window).toBe('Mon–Sun 08:00–20:00 America/New_York (US+FL)');
    expect(verdict.source).toContain('Fla. Stat. § 501.616(6)(a)');
    expect(verdict.source).toContain('47 CFR § 64.1200(c)(1)');
  });

  it('state codes are case-insensitive', () => {
    expect(checkQuietHours({ now: at('2026-06-17T20:30:00', 'America/New_York'), location: { ...FL, state: 'fl' } }))
      .toMatchObject({ allowed: false });
  });

  it('OK and MD close at 20:00 too', () => {
    const ok = { timeZone: 'America/Chicago', state: 'OK' };
    const md = { timeZone: 'America/New_York', state: 'MD' };
    expect(retryAt(at('2026-06-17T20:00:00', 'America/Chicago'), ok)).toBe('2026-06-18T13:00:00.000Z');
    expect(retryAt(at('2026-06-17T20:00:00', 'America/New_York'), md)).toBe('2026-06-18T12:00:00.000Z');
  });

  it('TX Sunday 11:30 is refused and retries at 12:00 the same day', () => {
    const verdict = checkQuietHours({ now: at('2026-07-19T11:30:00', 'America/Chicago'), location: TX });
    expect(verdict).toMatchObject({ allowed: false, retryAt: at('2026-07-19T12:00:00', 'America/Chicago').toISOString() });
    if (verdict.allowed) return;
    expect(verdict.window).toBe('Mon–Sat 09:00–21:00, Sun 12:00–21:00 America/Chicago (US+TX)');
    expect(verdict.source).toMatch(/^Tex\. Bus\. & Com\. Code § 301\.051/);
  });

  it('TX Saturday: 08:59 refused until 09:00, 09:00 allowed, 21:00 refused until Sunday noon', () => {
    expect(retryAt(at('2026-07-18T08:59:00', 'America/Chicago'), TX)).toBe('2026-07-18T14:00:00.000Z');
    expect(checkQuietHours({ now: at('2026-07-18T09:00:00', 'America/Chicago'), location: TX })).toEqual({
      allowed: true,
    });
    expect(retryAt(at('2026-07-18T21:00:00', 'America/Chicago'), TX)).toBe('2026-07-19T17:00:00.000Z');
  });

  it('TX Sunday 12:00–20:59 allowed, 21:00 refused until Monday 09:00', () => {
    expect(checkQuietHours({ now: at('2026-07-19T12:00:00', 'America/Chicago'), location: TX }).allowed).toBe(true);
    expect(checkQuietHours({ now: at('2026-07-19T20:59:00', 'America/Chicago'), location: TX }).allowed).toBe(true);
    expect(retryAt(at('2026-07-19T21:00:00', 'America/Chicago'), TX)).toBe('2026-07-20T14:00:00.000Z');
  });

  it('skips a day without a window: MS and UT Saturday night wait until Monday 08:00', () => {
    const ms = { timeZone: 'America/Chicago', state: 'MS' };
    const ut = { timeZone: 'America/Denver', state: 'UT' };
    expect(retryAt(at('2026-07-18T20:00:00', 'America/Chicago'), ms)).toBe('2026-07-20T13:00:00.000Z');
    expect(retryAt(at('2026-07-19T15:00:00', 'America/Chicago'), ms)).toBe('2026-07-20T13:00:00.000Z');
    expect(retryAt(at('2026-07-18T21:00:00', 'America/Denver'), ut)).toBe('2026-07-20T14:00:00.000Z');
  });

  it('RI: Saturday 10:00–17:00, no Sunday, weekdays 09:00–18:00', () => {
    const ri = { timeZone: 'America/New_York', state: 'RI' };
    expect(retryAt(at('2026-07-18T09:30:00', 'America/New_York'), ri)).toBe('2026-07-18T14:00:00.000Z');
    expect(retryAt(at('2026-07-18T17:00:00', 'America/New_York'), ri)).toBe('2026-07-20T13:00:00.000Z');
    expect(checkQuietHours({ now: at('2026-07-20T17:59:00', 'America/New_York'), location: ri }).allowed).toBe(true);
  });

  it('every state row is stricter than federal on at least one day and has a source', () => {
    const federal = effectiveQuietHours(null).windows;
    for (const [state, rule] of Object.entries(STATE_QUIET_HOURS)) {
      expect(rule.jurisdiction).toBe(state);
      expect(rule.source.length).toBeGreaterThan(5);
      const effective = effectiveQuietHours(state).windows;
      const stricter = ([1, 2, 3, 4, 5, 6, 7] as const).some((d) => {
        const e = effective[d];
        const f = federal[d];
        return !e || !f || e.start > f.start || e.end < f.end;
      });
      expect(stricter, state).toBe(true);
    }
  });

  it('formats weekly windows compactly', () => {
    expect(formatWeeklyWindows(effectiveQuietHours('MS').windows)).toBe('Mon–Sat 08:00–20:00, Sun none');
    expect(formatWeeklyWindows(effectiveQuietHours('RI').windows)).toBe(
      'Mon–Fri 09:00–18:00, Sat 10:00–17:00, Sun none',
    );
  });
});

describe('checkQuietHours: DST changes', () => {
  it('America/New_York spring forward (Sun 2026-03-08): the night before and the short night retry at 08:00 EDT', () => {
    // Sat 21:30 EST = 02:30Z; the next 08:00 is EDT (UTC-4) = 12:00Z, only 10.5 h of wall clock later.
    expect(retryAt(new Date('2026-03-08T02:30:00Z'), NY)).toBe('2026-03-08T12:00:00.000Z');
    expect(retryAt(at('2026-03-08T01:30:00', 'America/New_York'), NY)).toBe('2026-03-08T12:00:00.000Z');
    expect(retryAt(at('2026-03-08T03:30:00', 'America/New_York'), NY)).toBe('2026-03-08T12:00:00.000Z');
    expect(retryAt(new Date('2026-03-08T11:59:00Z'), NY)).toBe('2026-03-08T12:00:00.000Z');
    expect(checkQuietHours({ now: new Date('2026-03-08T12:00:00Z'), location: NY }).allowed).toBe(true);
    // 21:00 EDT on the change day = 01:00Z next day.
    expect(checkQuietHours({ now: new Date('2026-03-09T00:59:00Z'), location: NY }).allowed).toBe(true);
    expect(retryAt(new Date('2026-03-09T01:00:00Z'), NY)).toBe('2026-03-09T12:00:00.000Z');
  });

  it('America/New_York fall back (Sun 2026-11-01): both 01:30s and the night before retry at 08:00 EST', () => {
    expect(retryAt(new Date('2026-11-01T02:00:00Z'), NY)).toBe('2026-11-01T13:00:00.000Z'); // Sat 22:00 EDT
    expect(retryAt(new Date('2026-11-01T05:30:00Z'), NY)).toBe('2026-11-01T13:00:00.000Z'); // first 01:30 (EDT)
    expect(retryAt(new Date('2026-11-01T06:30:00Z'), NY)).toBe('2026-11-01T13:00:00.000Z'); // second 01:30 (EST)
    expect(retryAt(new Date('2026-11-01T12:59:00Z'), NY)).toBe('2026-11-01T13:00:00.000Z'); // 07:59 EST
    expect(checkQuietHours({ now: new Date('2026-11-01T13:00:00Z'), location: NY }).allowed).toBe(true);
    expect(retryAt(new Date('2026-11-02T02:00:00Z'), NY)).toBe('2026-11-02T13:00:00.000Z'); // 21:00 EST
  });

  it('America/Chicago spring forward with TX Sunday noon', () => {
    expect(retryAt(new Date('2026-03-08T03:00:00Z'), TX)).toBe('2026-03-08T17:00:00.000Z'); // Sat 21:00 CST
    expect(retryAt(at('2026-03-08T11:30:00', 'America/Chicago'), TX)).toBe('2026-03-08T17:00:00.000Z'); // CDT
    expect(checkQuietHours({ now: new Date('2026-03-08T17:00:00Z'), location: TX }).allowed).toBe(true);
  });

  it('America/Chicago fall back with TX Sunday noon', () => {
    expect(retryAt(new Date('2026-11-01T02:30:00Z'), TX)).toBe('2026-11-01T18:00:00.000Z'); // Sat 21:30 CDT
    expect(retryAt(at('2026-11-01T11:59:00', 'America/Chicago'), TX)).toBe('2026-11-01T18:00:00.000Z'); // CST
    expect(checkQuietHours({ now: new Date('2026-11-01T18:00:00Z'), location: TX }).allowed).toBe(true);
  });

  it('America/Phoenix has no DST: 08:00 is 15:00Z in March and in July', () => {
    const az = { timeZone: 'America/Phoenix', state: 'AZ' };
    expect(retryAt(new Date('2026-03-08T14:59:00Z'), az)).toBe('2026-03-08T15:00:00.000Z');
    expect(retryAt(new Date('2026-07-15T14:59:00Z'), az)).toBe('2026-07-15T15:00:00.000Z');
    expect(checkQuietHours({ now: new Date('2026-07-15T15:00:00Z'), location: az }).allowed).toBe(true);
    expect(retryAt(new Date('2026-07-16T04:00:00Z'), az)).toBe('2026-07-16T15:00:00.000Z'); // 21:00 MST
  });

  it('Pacific/Honolulu (UTC-10, no DST): 20:59 allowed, 21:00 retries at 08:00 = 18:00Z', () => {
    const hi = { timeZone: 'Pacific/Honolulu', state: 'HI' };
    expect(checkQuietHours({ now: at('2026-06-17T20:59:00', 'Pacific/Honolulu'), location: hi }).allowed).toBe(true);
    expect(retryAt(at('2026-06-17T21:00:00', 'Pacific/Honolulu'), hi)).toBe('2026-06-18T18:00:00.000Z');
  });
});

describe('checkQuietHours: input errors', () => {
  it('throws RangeError for an unknown zone or an invalid Date', () => {
    expect(() => checkQuietHours({ now: new Date(), location: { timeZone: 'Mars/Olympus', state: null } })).toThrow(
      RangeError,
    );
    expect(() => checkQuietHours({ now: new Date(Number.NaN), location: NY })).toThrow(RangeError);
  });
});

describe('checkQuietHours: properties', () => {
  const zones = [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'America/Anchorage',
    'America/Adak',
    'Pacific/Honolulu',
    'America/Indiana/Indianapolis',
    'America/Indiana/Knox',
    'America/Kentucky/Monticello',
    'America/Detroit',
    'America/Boise',
    'America/North_Dakota/Beulah',
    'America/Puerto_Rico',
    'Pacific/Guam',
    // Not US, but exercise odd offsets and DST rules: the algorithm must not assume US ones.
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Europe/London',
  ];
  const states = [null, 'NY', 'ZZ', ...Object.keys(STATE_QUIET_HOURS)];
  const instant = fc.integer({
    min: Date.parse('2024-01-01T00:00:00Z'),
    max: Date.parse('2028-12-31T23:59:59Z'),
  });
  const arbitrary = fc.record({
    ms: instant,
    timeZone: fc.constantFrom(...zones),
    state: fc.constantFrom(...states),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
  });

  it('a refusal retries later at an allowed minute start, and no sampled instant before it is allowed', () => {
    fc.assert(
      fc.property(arbitrary, ({ ms, timeZone, state, fractions }) => {
        const location = { timeZone, state };
        const now = new Date(ms);
        const verdict = checkQuietHours({ now, location });
        if (verdict.allowed) {
          expect(nextAllowedInstant(now, location).getTime()).toBe(ms);
          return;
        }
        const retry = Date.parse(verdict.retryAt);
        expect(retry).toBeGreaterThan(ms);
        expect(retry % 60_000).toBe(0); // a minute boundary (all these zones have whole-minute offsets)
        expect(checkQuietHours({ now: new Date(retry), location })).toEqual({ allowed: true });
        // The minute just before retryAt, and random instants in between, are all refused with the same retryAt.
        const samples = [retry - 1, ...fractions.map((f) => ms + Math.floor(f * (retry - ms)))];
        for (const t of samples) {
          if (t < ms || t >= retry) continue;
          const between = checkQuietHours({ now: new Date(t), location });
          expect(between.allowed, new Date(t).toISOString()).toBe(false);
          if (!between.allowed) expect(between.retryAt).toBe(verdict.retryAt);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('allowed exactly when the local minute is inside the local weekday window', () => {
    fc.assert(
      fc.property(arbitrary, ({ ms, timeZone, state }) => {
        const local = DateTime.fromMillis(ms, { zone: timeZone });
        const w = effectiveQuietHours(state).windows[local.weekday as 1 | 2 | 3 | 4 | 5 | 6 | 7];
        const minute = local.hour * 60 + local.minute;
        const expected = w !== null && minute >= w.start && minute < w.end;
        expect(checkQuietHours({ now: new Date(ms), location: { timeZone, state } }).allowed).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
