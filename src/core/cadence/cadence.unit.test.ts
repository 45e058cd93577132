import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_HOURS, isOpenAt, type BusinessCalendar } from './business-calendar.ts';
import { DEFAULT_CADENCES, nextFollowUpAt, planFollowUps, type Cadence, type CadenceStep } from './cadence.ts';

const CHICAGO = 'America/Chicago';
const office: BusinessCalendar = { timeZone: CHICAGO, hours: DEFAULT_BUSINESS_HOURS, holidays: { country: 'US' }, blackoutDates: [] };

function local(wallClock: string): Date {
  return DateTime.fromISO(wallClock, { zone: CHICAGO }).toJSDate();
}

function wall(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: CHICAGO }).toFormat("ccc yyyy-MM-dd'T'HH:mm");
}

/** The plan as `[stepId, local wall time]` pairs. */
function plan(cadence: Cadence, enrolledAt: Date, calendar = office): [string, string][] {
  return planFollowUps(cadence, enrolledAt, calendar).map((f) => [f.step.id, wall(f.at)]);
}

const step = (over: Partial<CadenceStep>): CadenceStep => ({ id: 's', delayMinutes: 0, channel: 'sms', template: 't', timing: 'any_time_gate_allows', ...over });
const cadenceOf = (...steps: CadenceStep[]): Cadence => ({ id: 'test', name: 'Test', steps, onComplete: { close: 'no_response' } });

describe('nextFollowUpAt', () => {
  const enrolledAt = local('2026-11-17T10:00'); // Tuesday
  const lastStepAt = local('2026-11-17T16:50');

  it('null past the last step (the caller applies onComplete)', () => {
    const cadence = cadenceOf(step({ id: 'a' }));
    expect(nextFollowUpAt({ cadence, stepIndex: 1, enrolledAt, lastStepAt, calendar: office })).toBeNull();
    expect(nextFollowUpAt({ cadence, stepIndex: 7, enrolledAt, lastStepAt, calendar: office })).toBeNull();
  });

  it('null for a cadence with no steps', () => {
    expect(nextFollowUpAt({ cadence: cadenceOf(), stepIndex: 0, enrolledAt, lastStepAt: null, calendar: office })).toBeNull();
  });

  it('throws for a negative or fractional step index and a negative delay (programmer errors)', () => {
    const cadence = cadenceOf(step({}));
    expect(() => nextFollowUpAt({ cadence, stepIndex: -1, enrolledAt, lastStepAt, calendar: office })).toThrow(RangeError);
    expect(() => nextFollowUpAt({ cadence, stepIndex: 0.5, enrolledAt, lastStepAt, calendar: office })).toThrow(RangeError);
    expect(() =>
      nextFollowUpAt({ cadence: cadenceOf(step({ delayMinutes: -5 })), stepIndex: 0, enrolledAt, lastStepAt: null, calendar: office }),
    ).toThrow(RangeError);
  });

  it('step 0 counts from enrollment, later steps from the previous step', () => {
    const cadence = cadenceOf(step({ id: 'a', delayMinutes: 30 }), step({ id: 'b', delayMinutes: 30 }));
    expect(nextFollowUpAt({ cadence, stepIndex: 0, enrolledAt, lastStepAt, calendar: office })?.at).toEqual(local('2026-11-17T10:30'));
    expect(nextFollowUpAt({ cadence, stepIndex: 1, enrolledAt, lastStepAt, calendar: office })).toEqual({
      step: cadence.steps[1],
      at: local('2026-11-17T17:20'),
    });
  });

  it('falls back to enrollment when a later step has no previous-step time', () => {
    const cadence = cadenceOf(step({ id: 'a' }), step({ id: 'b', delayMinutes: 60 }));
    expect(nextFollowUpAt({ cadence, stepIndex: 1, enrolledAt, lastStepAt: null, calendar: office })?.at).toEqual(local('2026-11-17T11:00'));
  });

  it('any_time_gate_allows leaves the time alone (the send gate judges quiet hours)', () => {
    const cadence = cadenceOf(step({}), step({ delayMinutes: 60 }));
    expect(nextFollowUpAt({ cadence, stepIndex: 1, enrolledAt, lastStepAt, calendar: office })?.at).toEqual(local('2026-11-17T17:50'));
  });

  it('business_hours_only moves an after-hours time to the next opening', () => {
    const cadence = cadenceOf(step({}), step({ delayMinutes: 15, timing: 'business_hours_only' }));
    expect(nextFollowUpAt({ cadence, stepIndex: 1, enrolledAt, lastStepAt, calendar: office })?.at).toEqual(local('2026-11-18T08:00'));
    expect(nextFollowUpAt({ cadence, stepIndex: 1, enrolledAt, lastStepAt: local('2026-11-17T09:00'), calendar: office })?.at).toEqual(
      local('2026-11-17T09:15'),
    );
  });

  it('nextBusinessDayAt counts from the delayed base, not from the previous step', () => {
    const cadence = cadenceOf(step({}), step({ delayMinutes: 24 * 60, timing: { nextBusinessDayAt: '10:00' } }));
    // Tuesday 16:50 + 1 day = Wednesday 16:50 → the business day after Wednesday: Friday (Thanksgiving week).
    expect(wall(nextFollowUpAt({ cadence, stepIndex: 1, enrolledAt, lastStepAt: local('2026-11-24T16:50'), calendar: office })!.at)).toBe(
      'Fri 2026-11-27T10:00',
    );
  });
});

describe('DEFAULT_CADENCES', () => {
  it('missed call end to end from a Friday 18:00 call (office open Saturday morning)', () => {
    expect(plan(DEFAULT_CADENCES.missed_call, local('2026-11-20T18:00'))).toEqual([
      ['callback_task', 'Sat 2026-11-21T08:00'], // +15 min is after hours → Saturday opening
      ['second_text', 'Sat 2026-11-21T10:00'], // +2 h
      ['next_day_call_task', 'Mon 2026-11-23T10:00'], // next business day after Saturday (Sunday closed)
      ['next_day_text', 'Mon 2026-11-23T10:00'],
      ['final_check_in', 'Wed 2026-11-25T10:00'], // a day later (Tuesday), then the next business day
    ]);
    expect(nextFollowUpAt({ cadence: DEFAULT_CADENCES.missed_call, stepIndex: 5, enrolledAt: local('2026-11-20T18:00'), lastStepAt: local('2026-11-25T10:00'), calendar: office })).toBeNull();
    expect(DEFAULT_CADENCES.missed_call.onComplete).toEqual({ close: 'no_response' });
  });

  it('missed call on a weekday (Tuesday 11:00) lands the last check-in on day 3 (Friday)', () => {
    expect(plan(DEFAULT_CADENCES.missed_call, local('2026-11-17T11:00'))).toEqual([
      ['callback_task', 'Tue 2026-11-17T11:15'],
      ['second_text', 'Tue 2026-11-17T13:15'],
      ['next_day_call_task', 'Wed 2026-11-18T10:00'],
      ['next_day_text', 'Wed 2026-11-18T10:00'],
      ['final_check_in', 'Fri 2026-11-20T10:00'],
    ]);
  });

  it('missed call around Thanksgiving on a Monday–Friday calendar', () => {
    const weekdays: BusinessCalendar = { ...office, hours: { ...DEFAULT_BUSINESS_HOURS, 6: [] } };
    expect(plan(DEFAULT_CADENCES.missed_call, local('2026-11-24T18:00'), weekdays)).toEqual([
      ['callback_task', 'Wed 2026-11-25T08:00'],
      ['second_text', 'Wed 2026-11-25T10:00'],
      ['next_day_call_task', 'Fri 2026-11-27T10:00'],
      ['next_day_text', 'Fri 2026-11-27T10:00'],
      ['final_check_in', 'Mon 2026-11-30T10:00'],
    ]);
  });

  it('after hours: the next business morning at 08:30, then 10:00 the business day after', () => {
    expect(plan(DEFAULT_CADENCES.after_hours, local('2026-11-20T18:00'))).toEqual([
      ['next_morning_call_task', 'Sat 2026-11-21T08:30'],
      ['next_morning_text', 'Sat 2026-11-21T08:30'],
      ['final_check_in', 'Mon 2026-11-23T10:00'],
    ]);
  });

  it('after hours: a call at 01:00 Tuesday is followed up at 08:30 Tuesday, not Wednesday', () => {
    expect(plan(DEFAULT_CADENCES.after_hours, local('2026-11-17T01:00'))[0]).toEqual(['next_morning_call_task', 'Tue 2026-11-17T08:30']);
  });

  it('old estimate: a check-in text in business hours, a call task 3 days later, then close', () => {
    expect(plan(DEFAULT_CADENCES.old_estimate, local('2026-11-16T09:00'))).toEqual([
      ['estimate_check_in', 'Mon 2026-11-16T09:00'],
      ['estimate_call_task', 'Thu 2026-11-19T09:00'],
    ]);
    expect(DEFAULT_CADENCES.old_estimate.onComplete).toEqual({ close: 'no_response' });
  });

  it('booked, unconfirmed: a reminder, a call task 4 hours later, then left open for a person', () => {
    expect(plan(DEFAULT_CADENCES.booked_unconfirmed, local('2026-11-16T09:00'))).toEqual([
      ['confirm_reminder', 'Mon 2026-11-16T09:00'],
      ['confirm_call_task', 'Mon 2026-11-16T13:00'],
    ]);
    expect(DEFAULT_CADENCES.booked_unconfirmed.onComplete).toEqual({ leaveOpen: true });
  });

  // GSM 03.38 basic character set: anything else makes the message UCS-2 (70 characters a segment).
  const GSM7 = new Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
  const texts = Object.values(DEFAULT_CADENCES).flatMap((c) => c.steps.filter((s) => s.channel === 'sms').map((s) => [`${c.id}.${s.id}`, s.template] as const));

  it.each(texts)('%s fits one GSM-7 segment with a 30-character business name, names the business, has no opt-out line', (_, template) => {
    const rendered = template.replaceAll('{business}', 'Lone Star Heating & Air Co LLC');
    expect(template).toContain('{business}');
    expect(rendered.length).toBeLessThanOrEqual(160);
    expect([...rendered].filter((ch) => !GSM7.has(ch))).toEqual([]);
    expect(rendered).not.toMatch(/\bSTOP\b/i);
    expect(rendered).not.toMatch(/\bYES\b/); // a carrier opt-in keyword
  });

  it('step ids are unique within each cadence and every moveTo names a cadence', () => {
    for (const cadence of Object.values(DEFAULT_CADENCES)) {
      const ids = cadence.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
      if ('moveTo' in cadence.onComplete) expect(Object.keys(DEFAULT_CADENCES)).toContain(cadence.onComplete.moveTo);
    }
    for (const [id, cadence] of Object.entries(DEFAULT_CADENCES)) expect(cadence.id).toBe(id);
  });
});

describe('properties', () => {
  const instant = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true });
  const cadence = fc.constantFrom(...Object.values(DEFAULT_CADENCES));

  it('every planned step is due no earlier than the one before, and business-hours steps fall in business hours', () => {
    fc.assert(
      fc.property(cadence, instant, (c, enrolledAt) => {
        const steps = planFollowUps(c, enrolledAt, office);
        expect(steps).toHaveLength(c.steps.length);
        let previous = enrolledAt;
        for (const { step: s, at } of steps) {
          expect(at.getTime()).toBeGreaterThanOrEqual(previous.getTime() + s.delayMinutes * 60_000);
          if (s.timing === 'business_hours_only') expect(isOpenAt(office, at)).toBe(true);
          previous = at;
        }
      }),
    );
  });
});
