import fc from 'fast-check';
import { DateTime } from 'luxon';
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AVAILABILITY, type AvailabilityPolicy } from './availability-policy.ts';
import { nextOpenings, type Opening } from './openings.ts';
import { fitsOneGsm7Segment, formatSlotOffer, openingLabel } from './slot-offer.ts';

const CHICAGO = 'America/Chicago';
const LINK = 'https://ringback.example.com/b/Xy7kP2qRt9';

function local(wallClock: string, zone = CHICAGO): string {
  return DateTime.fromISO(wallClock, { zone }).toUTC().toISO() ?? '';
}
function slot(from: string, to: string, zone = CHICAGO): Opening {
  return { start: local(from, zone), end: local(to, zone), remaining: 2 };
}
function segments(text: string): { encoding: string; count: number } {
  const m = new SegmentedMessage(text);
  return { encoding: m.encodingName, count: m.segmentsCount };
}

const tueMorning = slot('2026-03-03T08:00', '2026-03-03T12:00');
const tueAfternoon = slot('2026-03-03T12:00', '2026-03-03T16:00');
const wedMorning = slot('2026-03-04T08:00', '2026-03-04T12:00');
const satMorning = slot('2026-03-07T08:00', '2026-03-07T12:00');

describe('formatSlotOffer', () => {
  it('writes the English offer in one GSM-7 segment', () => {
    const text = formatSlotOffer([tueMorning, tueAfternoon], { timeZone: CHICAGO, language: 'en', bookingLink: LINK });
    expect(text).toBe(`Reply 1 for Tue 8-12, 2 for Tue 12-4, or pick another time: ${LINK}`);
    expect(segments(text)).toEqual({ encoding: 'GSM-7', count: 1 });
    expect(text.length).toBeLessThanOrEqual(160);
  });

  it('writes the Spanish offer in one GSM-7 segment (é and ñ are GSM-7; á, í, ó, ú are avoided)', () => {
    const text = formatSlotOffer([tueMorning, tueAfternoon], { timeZone: CHICAGO, language: 'es', bookingLink: LINK });
    expect(text).toBe(`Responda 1 para mar 8-12, 2 para mar 12-4, o elija otro horario: ${LINK}`);
    expect(segments(text)).toEqual({ encoding: 'GSM-7', count: 1 });
    const wedSat = formatSlotOffer([wedMorning, satMorning], { timeZone: CHICAGO, language: 'es', bookingLink: LINK });
    expect(wedSat).toBe(`Responda 1 para mié 8-12, 2 para sab 8-12, o elija otro horario: ${LINK}`);
    expect(segments(wedSat)).toEqual({ encoding: 'GSM-7', count: 1 });
  });

  it('never uses an en dash, which would force UCS-2 (70 characters a segment)', () => {
    expect(segments('Tue 8–12').encoding).toBe('UCS-2');
    expect(formatSlotOffer([tueMorning], { timeZone: CHICAGO, language: 'en', bookingLink: LINK })).not.toMatch(/–/);
  });

  it('fits three openings and a long link in one segment, shortening the tail when it must', () => {
    const three = [tueMorning, tueAfternoon, wedMorning];
    const text = formatSlotOffer(three, { timeZone: CHICAGO, language: 'en', bookingLink: LINK });
    expect(text).toBe(`Reply 1 for Tue 8-12, 2 for Tue 12-4, 3 for Wed 8-12, or pick another time: ${LINK}`);
    const longLink = `https://book.demo-heating-and-air.example.com/b/${'x'.repeat(40)}`;
    const shorter = formatSlotOffer(three, { timeZone: CHICAGO, language: 'es', bookingLink: longLink });
    expect(fitsOneGsm7Segment(shorter)).toBe(true);
    expect(shorter).toBe(`Responda 1 para mar 8-12, 2 para mar 12-4, 3 para mié 8-12 o ${longLink}`);
  });

  it('returns the shortest phrasing when nothing fits one segment', () => {
    const hugeLink = `https://example.com/${'y'.repeat(150)}`;
    const text = formatSlotOffer([tueMorning, tueAfternoon], { timeZone: CHICAGO, language: 'en', bookingLink: hugeLink });
    expect(text).toBe(`Reply 1 for Tue 8-12, 2 for Tue 12-4 or ${hugeLink}`);
  });

  it('prefixes the business name when it still fits, and not when it would leave GSM-7', () => {
    expect(formatSlotOffer([tueMorning, tueAfternoon], { timeZone: CHICAGO, language: 'en', bookingLink: LINK, businessName: 'Demo Heating & Air' })).toBe(
      `Demo Heating & Air: Reply 1 for Tue 8-12, 2 for Tue 12-4, or pick another time: ${LINK}`,
    );
    // A curly apostrophe is not GSM-7.
    expect(formatSlotOffer([tueMorning, tueAfternoon], { timeZone: CHICAGO, language: 'en', bookingLink: LINK, businessName: 'Bob’s Plumbing' })).toBe(
      `Reply 1 for Tue 8-12, 2 for Tue 12-4, or pick another time: ${LINK}`,
    );
  });

  it('asks for a day and time when there is no booking link', () => {
    expect(formatSlotOffer([tueMorning, tueAfternoon], { timeZone: CHICAGO, language: 'en', bookingLink: null })).toBe(
      'Reply 1 for Tue 8-12, 2 for Tue 12-4, or reply with a day and time that works.',
    );
    expect(formatSlotOffer([tueMorning, tueAfternoon], { timeZone: CHICAGO, language: 'es', bookingLink: null })).toBe(
      'Responda 1 para mar 8-12, 2 para mar 12-4, o escriba la fecha y hora que prefiere.',
    );
  });

  it('points to the link (or asks for a day) when there are no openings', () => {
    expect(formatSlotOffer([], { timeZone: CHICAGO, language: 'en', bookingLink: LINK })).toBe(`Pick a time that works for you: ${LINK}`);
    expect(formatSlotOffer([], { timeZone: CHICAGO, language: 'es', bookingLink: LINK })).toBe(`Elija un horario en ${LINK}`);
    expect(formatSlotOffer([], { timeZone: CHICAGO, language: 'en', bookingLink: null })).toBe('Reply with a day and time that works for you.');
    expect(formatSlotOffer([], { timeZone: CHICAGO, language: 'es', bookingLink: null })).toBe('Escriba la fecha y hora que prefiere.');
  });

  it('adds dates when two openings share a weekday, or when one is a week or more away', () => {
    const nextTue = slot('2026-03-10T08:00', '2026-03-10T12:00');
    expect(formatSlotOffer([tueMorning, nextTue], { timeZone: CHICAGO, language: 'en', bookingLink: LINK })).toBe(
      `Reply 1 for Tue 3/3 8-12, 2 for Tue 3/10 8-12, or pick another time: ${LINK}`,
    );
    expect(formatSlotOffer([tueMorning, nextTue], { timeZone: CHICAGO, language: 'es', bookingLink: LINK })).toBe(
      `Responda 1 para mar 3/3 8-12, 2 para mar 10/3 8-12, o elija otro horario: ${LINK}`,
    );
    expect(formatSlotOffer([nextTue], { timeZone: CHICAGO, language: 'en', bookingLink: LINK, now: local('2026-03-03T09:00') })).toBe(
      `Reply 1 for Tue 3/10 8-12, or pick another time: ${LINK}`,
    );
    expect(formatSlotOffer([nextTue], { timeZone: CHICAGO, language: 'en', bookingLink: LINK, now: local('2026-03-04T09:00') })).toBe(
      `Reply 1 for Tue 8-12, or pick another time: ${LINK}`,
    );
  });

  it('labels in the organization time zone', () => {
    const phoenix = { start: '2026-03-03T15:00:00.000Z', end: '2026-03-03T19:00:00.000Z' };
    expect(openingLabel(phoenix, { timeZone: 'America/Phoenix', language: 'en' })).toBe('Tue 8-12');
    expect(openingLabel(phoenix, { timeZone: 'America/New_York', language: 'en' })).toBe('Tue 10-2');
  });

  it('throws RangeError for an unknown time zone', () => {
    expect(() => formatSlotOffer([tueMorning], { timeZone: 'Mars/Olympus', language: 'en', bookingLink: LINK })).toThrow(RangeError);
  });
});

describe('openingLabel', () => {
  it.each([
    ['2026-03-03T08:00', '2026-03-03T12:00', 'Tue 8-12'],
    ['2026-03-03T12:00', '2026-03-03T16:00', 'Tue 12-4'],
    ['2026-03-03T07:30', '2026-03-03T09:00', 'Tue 7:30-9'],
    ['2026-03-03T11:00', '2026-03-03T13:00', 'Tue 11-1'],
    ['2026-03-03T16:00', '2026-03-03T18:00', 'Tue 4-6'],
    ['2026-03-03T18:00', '2026-03-03T21:00', 'Tue 6-9pm'],
    ['2026-03-03T06:00', '2026-03-03T10:00', 'Tue 6-10am'],
    ['2026-03-03T10:00', '2026-03-03T19:00', 'Tue 10am-7pm'],
    ['2026-03-03T18:00', '2026-03-04T00:00', 'Tue 6pm-12am'],
    ['2026-03-03T00:00', '2026-03-03T04:00', 'Tue 12-4am'],
  ])('%s–%s → %s', (from, to, label) => {
    expect(openingLabel(slot(from, to), { timeZone: CHICAGO, language: 'en' })).toBe(label);
  });

  it('writes dates month/day in English and day/month in Spanish', () => {
    expect(openingLabel(satMorning, { timeZone: CHICAGO, language: 'en', withDate: true })).toBe('Sat 3/7 8-12');
    expect(openingLabel(satMorning, { timeZone: CHICAGO, language: 'es', withDate: true })).toBe('sab 7/3 8-12');
  });
});

describe('property: offers of default-style windows fit one GSM-7 segment', () => {
  const policyArb: fc.Arbitrary<AvailabilityPolicy> = fc.record({
    ...Object.fromEntries(Object.entries(DEFAULT_AVAILABILITY).map(([k, v]) => [k, fc.constant(v)])),
    windows: fc.constantFrom(DEFAULT_AVAILABILITY.windows, {
      ...DEFAULT_AVAILABILITY.windows,
      6: [{ open: '09:00', close: '13:00' }],
      7: [{ open: '10:30', close: '14:30' }],
    }),
    horizonDays: fc.integer({ min: 1, max: 30 }),
    leadTimeMinutes: fc.integer({ min: 0, max: 5000 }),
  }) as fc.Arbitrary<AvailabilityPolicy>;

  it('for up to three openings in English or Spanish with a link of up to 45 characters', () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.constantFrom('America/Chicago', 'America/New_York', 'America/Phoenix', 'Pacific/Honolulu'),
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
        fc.integer({ min: 1, max: 3 }),
        fc.constantFrom<'en' | 'es'>('en', 'es'),
        fc.integer({ min: 10, max: 45 }),
        fc.boolean(),
        (policy, zone, nowMs, count, language, linkLength, withNow) => {
          const now = new Date(nowMs).toISOString();
          const offered = nextOpenings(policy, zone, { now, booked: [], holds: [], count });
          const bookingLink = `https://${'a'.repeat(linkLength - 8)}`;
          const text = formatSlotOffer(offered, { timeZone: zone, language, bookingLink, ...(withNow ? { now } : {}) });
          expect(fitsOneGsm7Segment(text), text).toBe(true);
          expect(text).toContain(bookingLink);
        },
      ),
      { numRuns: 300 },
    );
  });
});
