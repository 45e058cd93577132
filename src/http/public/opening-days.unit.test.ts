import { describe, expect, it } from 'vitest';
import { dayLabel, groupOpeningsByDay, hoursLabel, parseSlotValue, slotValue, windowLabel } from './opening-days.ts';

const CHICAGO = 'America/Chicago';
// Tue 2026-03-17 (CDT, UTC-5): 8–12 and 12–4 local; Wed 2026-03-18 8–12.
const TUE_AM = { start: '2026-03-17T13:00:00.000Z', end: '2026-03-17T17:00:00.000Z', remaining: 2 };
const TUE_PM = { start: '2026-03-17T17:00:00.000Z', end: '2026-03-17T21:00:00.000Z', remaining: 1 };
const WED_AM = { start: '2026-03-18T13:00:00.000Z', end: '2026-03-18T17:00:00.000Z', remaining: 2 };

describe('[BOOKING PAGE] opening labels and grouping', () => {
  it('labels a window by local day and 12-hour clock: "Tue, Mar 17 · 8 AM – 12 PM"', () => {
    expect(windowLabel(TUE_AM, CHICAGO, 'en')).toBe('Tue, Mar 17 · 8 AM – 12 PM');
    expect(hoursLabel(TUE_PM, CHICAGO, 'en')).toBe('12 PM – 4 PM');
  });

  it('writes minutes only when a window is not on the hour', () => {
    expect(hoursLabel({ start: '2026-03-17T14:30:00Z', end: '2026-03-17T16:00:00Z' }, CHICAGO, 'en')).toBe('9:30 AM – 11 AM');
  });

  it('labels in the organization zone, not UTC: a window at 02:00Z is the evening before in Chicago', () => {
    expect(dayLabel('2026-03-18T02:00:00Z', CHICAGO, 'en')).toBe('Tue, Mar 17');
  });

  it('writes Spanish for a Spanish-speaking customer', () => {
    expect(windowLabel(TUE_AM, CHICAGO, 'es')).toMatch(/^mar, 17 (de )?mar\.? · 8 a\.\s?m\. – 12 p\.\s?m\.$/);
  });

  it('groups openings by local day in order, leaving full windows out', () => {
    const days = groupOpeningsByDay([TUE_AM, TUE_PM, { ...WED_AM, remaining: 0 }, { ...WED_AM, start: '2026-03-18T17:00:00.000Z', end: '2026-03-18T21:00:00.000Z' }], CHICAGO, 'en');
    expect(days.map((d) => [d.date, d.label, d.windows.map((w) => w.label)])).toEqual([
      ['2026-03-17', 'Tue, Mar 17', ['8 AM – 12 PM', '12 PM – 4 PM']],
      ['2026-03-18', 'Wed, Mar 18', ['12 PM – 4 PM']],
    ]);
    expect(days[0]!.windows[0]!.value).toBe('2026-03-17T13:00:00.000Z/2026-03-17T17:00:00.000Z');
  });

  it('reads back the radio value it wrote, normalised to UTC', () => {
    expect(parseSlotValue(slotValue({ start: '2026-03-17T08:00:00-05:00', end: '2026-03-17T12:00:00-05:00' }))).toEqual({ start: TUE_AM.start, end: TUE_AM.end });
  });

  it.each([
    ['missing', undefined],
    ['a list', ['2026-03-17T13:00:00.000Z/2026-03-17T17:00:00.000Z']],
    ['empty', ''],
    ['one instant', '2026-03-17T13:00:00.000Z'],
    ['no offset', '2026-03-17T08:00/2026-03-17T12:00'],
    ['end before start', '2026-03-17T17:00:00.000Z/2026-03-17T13:00:00.000Z'],
    ['not a date', '2026-13-45T99:00:00Z/2026-03-17T13:00:00Z'],
    ['markup', '<script>/x'],
  ])('refuses a slot value that is %s', (_what, value) => {
    expect(parseSlotValue(value)).toBeNull();
  });
});
