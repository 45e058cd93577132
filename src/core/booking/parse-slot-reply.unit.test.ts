import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_AVAILABILITY, type ArrivalWindows, type AvailabilityPolicy } from './availability-policy.ts';
import { nextOpenings, type Opening } from './openings.ts';
import { parseSlotReply, resolveSlotReply, understandSlotReply, type SlotReply } from './parse-slot-reply.ts';
import { formatSlotOffer, openingLabel } from './slot-offer.ts';

const CHICAGO = 'America/Chicago';

function local(wallClock: string, zone = CHICAGO): string {
  return DateTime.fromISO(wallClock, { zone }).toUTC().toISO() ?? '';
}
function slot(from: string, to: string): Opening {
  return { start: local(from), end: local(to), remaining: 2 };
}

/** Monday 2026-03-02, 15:00 in Chicago: the offer is "Reply 1 for Tue 8-12, 2 for Tue 12-4". */
const now = local('2026-03-02T15:00');
const context = { timeZone: CHICAGO, now };
const tueMorning = slot('2026-03-03T08:00', '2026-03-03T12:00');
const tueAfternoon = slot('2026-03-03T12:00', '2026-03-03T16:00');
const wedMorning = slot('2026-03-04T08:00', '2026-03-04T12:00');
const offered = [tueMorning, tueAfternoon];

const parse = (text: string, list: readonly Opening[] = offered): SlotReply => parseSlotReply(text, list, context);

it('the offer these replies answer is the one the booking issue describes', () => {
  expect(nextOpenings(DEFAULT_AVAILABILITY, CHICAGO, { now, booked: [], holds: [] })).toEqual(offered);
  expect(formatSlotOffer(offered, { timeZone: CHICAGO, language: 'en', bookingLink: 'https://rb.example/b/x' })).toBe(
    'Reply 1 for Tue 8-12, 2 for Tue 12-4, or pick another time: https://rb.example/b/x',
  );
});

describe('choices', () => {
  it.each([
    '1', '1.', '1!', ' 1 ', '#1', '# 1', 'option 1', 'Option #1', 'number 1', 'No. 1', 'opción 1', 'opcion 1', 'the first one', 'first', 'First!',
    '1st', 'the 1st', 'first one please', 'el primero', 'la primera', 'primero', 'El primer horario', 'uno', 'one', 'one please', '1 please',
    '1 pls', "I'll take 1", 'I’ll take the first', "Let's do the first one", '1 works', 'ok 1', 'Yes 1', '1 thanks!', 'la 1', 'el 1',
    'el uno', 'Buenas tardes, el primero', 'Good afternoon! 1 please', 'Sí, la primera por favor', 'the 8-12 one', '8-12', 'tue 8-12',
    'Tuesday 8 to 12', 'de 8 a 12', '8am-12pm', '1, tuesday morning', 'the first, tomorrow morning', '1 at 10',
  ])('%j → the first offered opening', (text) => {
    expect(parse(text)).toEqual({ kind: 'choice', index: 0 });
  });

  it.each([
    '2', '#2', 'option 2', 'second', 'Second.', 'the second one', 'the 2nd', '2nd', 'la segunda', 'el segundo', 'segundo', 'dos', 'two',
    'the last one', 'el último', 'la ultima', '12-4', 'tue 12-4', '12pm-4pm', '2 sounds good', 'Option 2 please, thank you!',
    "I'd like option 2", 'Number 2', 'la 2', 'quiero la segunda', 'la segunda opción por favor', '2 is perfect', '2 2',
  ])('%j → the second offered opening', (text) => {
    expect(parse(text)).toEqual({ kind: 'choice', index: 1 });
  });

  it('reads a third choice when three were offered', () => {
    const three = [tueMorning, tueAfternoon, wedMorning];
    for (const text of ['3', 'third', 'the 3rd', 'la tercera', 'el tercero', 'tres', 'the last one', 'el último', 'wed 8-12']) {
      expect(parse(text, three), text).toEqual({ kind: 'choice', index: 2 });
    }
    // "8-12" now fits two offered windows (Tuesday and Wednesday).
    expect(parse('8-12', three)).toEqual({ kind: 'none' });
  });
});

describe('days and parts of days', () => {
  it.each<[string, SlotReply]>([
    ['tuesday morning', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['Tuesday afternoon works', { kind: 'day_part', date: '2026-03-03', part: 'afternoon' }],
    ['tue afternoon', { kind: 'day_part', date: '2026-03-03', part: 'afternoon' }],
    ['tues am', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['tomorrow morning', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['tmrw pm', { kind: 'day_part', date: '2026-03-03', part: 'afternoon' }],
    ['2morrow in the afternoon please', { kind: 'day_part', date: '2026-03-03', part: 'afternoon' }],
    ['mañana en la tarde', { kind: 'day_part', date: '2026-03-03', part: 'afternoon' }],
    ['manana en la tarde', { kind: 'day_part', date: '2026-03-03', part: 'afternoon' }],
    ['MAÑANA POR LA MAÑANA', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['mañana temprano', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['martes por la mañana', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['el martes en la tarde', { kind: 'day_part', date: '2026-03-03', part: 'afternoon' }],
    ['martes mañana', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['wednesday morning', { kind: 'day_part', date: '2026-03-04', part: 'morning' }],
    ['miércoles por la tarde', { kind: 'day_part', date: '2026-03-04', part: 'afternoon' }],
    ['pasado mañana en la mañana', { kind: 'day_part', date: '2026-03-04', part: 'morning' }],
    ['day after tomorrow afternoon', { kind: 'day_part', date: '2026-03-04', part: 'afternoon' }],
    ['this afternoon', { kind: 'day_part', date: '2026-03-02', part: 'afternoon' }],
    ['esta tarde', { kind: 'day_part', date: '2026-03-02', part: 'afternoon' }],
    ['thursday at 2', { kind: 'day_part', date: '2026-03-05', part: 'afternoon' }],
    ['Friday 10am', { kind: 'day_part', date: '2026-03-06', part: 'morning' }],
    ['el viernes a las 9', { kind: 'day_part', date: '2026-03-06', part: 'morning' }],
    ['3/5 morning', { kind: 'day_part', date: '2026-03-05', part: 'morning' }],
    ['monday after lunch', { kind: 'day_part', date: '2026-03-02', part: 'afternoon' }],
    ['next monday after lunch', { kind: 'day_part', date: '2026-03-09', part: 'afternoon' }],
    ['el próximo lunes en la mañana', { kind: 'day_part', date: '2026-03-09', part: 'morning' }],
    ['next tuesday morning', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['I can only do thursday morning', { kind: 'day_part', date: '2026-03-05', part: 'morning' }],
    ['Tuesday morning would be great for us, thank you!', { kind: 'day_part', date: '2026-03-03', part: 'morning' }],
    ['tuesday', { kind: 'day', date: '2026-03-03' }],
    ['mañana', { kind: 'day', date: '2026-03-03' }],
    ['tomorrow is good', { kind: 'day', date: '2026-03-03' }],
    ['tomorrow tuesday', { kind: 'day', date: '2026-03-03' }],
    ['thursday', { kind: 'day', date: '2026-03-05' }],
    ['3/10', { kind: 'day', date: '2026-03-10' }],
    ['morning', { kind: 'part', part: 'morning' }],
    ['in the afternoon', { kind: 'part', part: 'afternoon' }],
    ['the afternoon one', { kind: 'part', part: 'afternoon' }],
    ['por la mañana', { kind: 'part', part: 'morning' }],
    ['en la tarde por favor', { kind: 'part', part: 'afternoon' }],
    ['after lunch', { kind: 'part', part: 'afternoon' }],
    ['at 2pm', { kind: 'part', part: 'afternoon' }],
    ['10:30', { kind: 'part', part: 'morning' }],
  ])('%j → %j', (text, expected) => {
    expect(parse(text)).toEqual(expected);
  });

  it('counts weekdays from the local date in the organization zone, not UTC', () => {
    // Monday 21:00 in Chicago is already Tuesday in UTC: "tomorrow" is still Tuesday.
    const evening = { timeZone: CHICAGO, now: local('2026-03-02T21:00') };
    expect(parseSlotReply('tomorrow morning', offered, evening)).toEqual({ kind: 'day_part', date: '2026-03-03', part: 'morning' });
    expect(parseSlotReply('monday', [], evening)).toEqual({ kind: 'day', date: '2026-03-02' });
  });

  it('reads "17/3" as day/month when that is an offered date or the only valid reading', () => {
    const tue17 = slot('2026-03-17T08:00', '2026-03-17T12:00');
    expect(parse('17/3', [tue17])).toEqual({ kind: 'day', date: '2026-03-17' });
    expect(parse('el 17/3 por la mañana', [tue17])).toEqual({ kind: 'day_part', date: '2026-03-17', part: 'morning' });
    // 4/3 is April 3 as month/day, March 4 as day/month: the offered date wins.
    expect(parse('4/3', [wedMorning])).toEqual({ kind: 'day', date: '2026-03-04' });
    expect(parse('4/3', [tueMorning])).toEqual({ kind: 'day', date: '2026-04-03' });
  });
});

describe('refusals: ambiguous, out of range, negative, or not about the offer', () => {
  it.each([
    '1 or 2', '1 o 2', '1 and 2', '1 y 2', '1/2', 'either', 'either one', 'whichever', 'any', 'both', 'cualquiera',
    '12', '3', 'third', '0', '22',
    '214-555-0123', '(214) 555-0123', '2145550123', '+1 214 555 0123',
    'no', 'No thanks', 'neither', 'none', 'ninguno', 'nope', 'STOP', 'cancel', 'Cancel my appointment',
    'I have 2 dogs, is that ok', 'first I need to know the price', 'primero quiero saber el precio', 'wait one second', 'un segundo',
    'tuesday or wednesday', 'morning or afternoon', 'tuesday morning but after 10', "can't do tuesday", 'no puedo el martes',
    'next week', 'tonight', 'evening', 'later', 'más tarde', 'another time', 'otro día',
    'yes', 'ok', 'hello?', '', '   ', '👍', 'how much?', 'call me tomorrow morning',
    '1, wednesday', 'the first one in the afternoon', 'tomorrow wednesday', '9-5', '8-10', 'at 9pm', '2 at 9',
    'My furnace is making a weird noise again since yesterday morning',
  ])('%j → none', (text) => {
    expect(parse(text)).toEqual({ kind: 'none' });
  });
});

describe('resolveSlotReply / understandSlotReply', () => {
  const understand = (text: string, list: readonly Opening[] = offered) => understandSlotReply(text, list, context);

  it('maps a choice to its opening', () => {
    expect(understand('2')).toEqual({ kind: 'offered', index: 1, opening: tueAfternoon });
  });

  it('maps a day and part to the one offered opening that fits', () => {
    expect(understand('tuesday morning')).toEqual({ kind: 'offered', index: 0, opening: tueMorning });
    expect(understand('mañana en la tarde')).toEqual({ kind: 'offered', index: 1, opening: tueAfternoon });
    expect(understand('martes por la mañana')).toEqual({ kind: 'offered', index: 0, opening: tueMorning });
    expect(understand('the afternoon one')).toEqual({ kind: 'offered', index: 1, opening: tueAfternoon });
  });

  it('gives what was asked for when no single offered opening fits, so the caller can look it up', () => {
    expect(understand('wednesday morning')).toEqual({ kind: 'other', date: '2026-03-04', part: 'morning' });
    expect(understand('tuesday')).toEqual({ kind: 'other', date: '2026-03-03' }); // two offered on Tuesday
    const tueWed = [tueMorning, wedMorning];
    expect(understand('morning', tueWed)).toEqual({ kind: 'other', part: 'morning' });
    expect(understand('afternoon', tueWed)).toEqual({ kind: 'other', part: 'afternoon' });
    expect(understand('wed', tueWed)).toEqual({ kind: 'offered', index: 1, opening: wedMorning });
    expect(understand('miércoles', tueWed)).toEqual({ kind: 'offered', index: 1, opening: wedMorning });
  });

  it('passes none through', () => {
    expect(understand('1 or 2')).toEqual({ kind: 'none' });
  });

  it('throws RangeError for a choice outside the offer', () => {
    expect(() => resolveSlotReply({ kind: 'choice', index: 2 }, offered, context)).toThrow(RangeError);
  });
});

describe('errors', () => {
  it('throws RangeError for an unknown zone or a malformed now', () => {
    expect(() => parseSlotReply('1', offered, { timeZone: 'Nowhere/Town', now })).toThrow(RangeError);
    expect(() => parseSlotReply('1', offered, { timeZone: CHICAGO, now: 'yesterday' })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------

const ZONES = ['America/Chicago', 'America/New_York', 'America/Phoenix', 'America/Los_Angeles', 'Pacific/Honolulu'];
const MORNING = { open: '08:00', close: '12:00' };
const AFTERNOON = { open: '12:00', close: '16:00' };
const SIX_DAYS: ArrivalWindows = { ...DEFAULT_AVAILABILITY.windows, 6: [{ open: '09:00', close: '13:00' }], 7: [] };
const EARLY_LATE: ArrivalWindows = {
  1: [{ open: '07:00', close: '09:30' }, { open: '09:30', close: '12:00' }, { open: '17:00', close: '20:00' }],
  2: [MORNING, AFTERNOON],
  3: [MORNING, AFTERNOON],
  4: [{ open: '06:45', close: '08:00' }, { open: '18:00', close: '24:00' }],
  5: [MORNING, AFTERNOON],
  6: [],
  7: [{ open: '00:00', close: '04:00' }],
};

const offerArb = fc
  .record({
    windows: fc.constantFrom(DEFAULT_AVAILABILITY.windows, SIX_DAYS, EARLY_LATE),
    zone: fc.constantFrom(...ZONES),
    nowMs: fc.integer({ min: Date.parse('2026-03-01T00:00:00Z'), max: Date.parse('2026-12-20T00:00:00Z') }),
    count: fc.integer({ min: 1, max: 3 }),
    capacity: fc.integer({ min: 1, max: 2 }),
  })
  .map(({ windows, zone, nowMs, count, capacity }) => {
    const policy: AvailabilityPolicy = { ...DEFAULT_AVAILABILITY, windows, capacity, leadTimeMinutes: 0 };
    const now = new Date(nowMs).toISOString();
    return { zone, now, offered: nextOpenings(policy, zone, { now, booked: [], holds: [], count }) };
  });

describe('properties', () => {
  it('a reply with an offered number, or the label of an offered opening, picks that opening', () => {
    fc.assert(
      fc.property(offerArb, fc.constantFrom<'en' | 'es'>('en', 'es'), fc.boolean(), ({ zone, now, offered: list }, language, withDate) => {
        const ctx = { timeZone: zone, now };
        list.forEach((opening, index) => {
          expect(understandSlotReply(String(index + 1), list, ctx)).toEqual({ kind: 'offered', index, opening });
          expect(understandSlotReply(`#${index + 1} please`, list, ctx)).toEqual({ kind: 'offered', index, opening });
          const labels = list.map((o) => openingLabel(o, { timeZone: zone, language, withDate }));
          const label = labels[index] ?? '';
          if (labels.filter((l) => l === label).length === 1) {
            expect(understandSlotReply(label, list, ctx), `${label} among ${labels.join(' | ')}`).toEqual({ kind: 'offered', index, opening });
          }
        });
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text and only ever chooses an offered index', () => {
    const fragment = fc.constantFrom('1', '2', '3', '12', 'first', 'the', 'one', 'or', 'no', 'tuesday', 'mañana', 'la', 'tarde', 'morning', '8-12', '3/5', 'at', '#', '?', ' ', ',', 'pm');
    const textArb = fc.oneof(fc.string({ maxLength: 40 }), fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join(' ')));
    fc.assert(
      fc.property(offerArb, textArb, ({ zone, now, offered: list }, text) => {
        const reply = parseSlotReply(text, list, { timeZone: zone, now });
        if (reply.kind === 'choice') {
          expect(reply.index).toBeGreaterThanOrEqual(0);
          expect(reply.index).toBeLessThan(list.length);
        }
        if (reply.kind === 'day' || reply.kind === 'day_part') expect(reply.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(() => resolveSlotReply(reply, list, { timeZone: zone })).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
