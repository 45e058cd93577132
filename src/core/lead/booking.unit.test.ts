/**
 * Booking on the lead, as plain data (issue 6): offers by text, reading the pick, and what each stored
 * booking change does — outcome, cadence, confirmation, reminders — and that stale reminders send nothing.
 */
import { describe, expect, it } from 'vitest';
import { decide, type Decision } from './decide.ts';
import type { BookSlot, ScheduleTimer, SendMessage } from './effects.ts';
import type { BookingContext, BookingRecorded, BookingSnapshot, LeadInput } from './inputs.ts';
import type { LeadState, OpenOrClosedLead } from './lead-state.ts';
import { defaultPolicy, type OrganizationPolicy } from './policy.ts';

const ORG_NUMBER = '+15125550100';
const CALLER = '+15125550123';
const NOW = new Date('2026-11-18T16:00:00.000Z'); // Wednesday 10:00 in Chicago
const policy: OrganizationPolicy = defaultPolicy({ businessName: 'Acme Plumbing', timeZone: 'America/Chicago', contactNumberE164: ORG_NUMBER });

const CONTEXT: BookingContext = {
  openings: [
    { start: '2026-11-18T18:00:00.000Z', end: '2026-11-18T22:00:00.000Z', remaining: 2 }, // Wed 12-4
    { start: '2026-11-19T14:00:00.000Z', end: '2026-11-19T18:00:00.000Z', remaining: 2 }, // Thu 8-12
    { start: '2026-11-19T18:00:00.000Z', end: '2026-11-19T22:00:00.000Z', remaining: 1 }, // Thu 12-4
    { start: '2026-11-20T14:00:00.000Z', end: '2026-11-20T18:00:00.000Z', remaining: 2 }, // Fri 8-12
  ],
  link: 'https://rb.example/b/abcdefghijklmnop',
};

const noLead: LeadState = {
  status: 'none',
  id: 'lead-1',
  organizationId: 'org-1',
  contact: { id: 'contact-1', phoneE164: CALLER, optedOut: null, recentAutomatedSendsAt: [] },
  source: { numberE164: ORG_NUMBER, leadSource: null },
};
const sms = (body: string, booking: BookingContext | null = CONTEXT): LeadInput => ({ type: 'message_received', messageSid: `SM${body.length}`, from: CALLER, to: ORG_NUMBER, body, numMedia: 0, ...(booking ? { booking } : {}) });
const sends = (d: Decision) => d.effects.filter((e): e is SendMessage => e.type === 'send_message');
const timers = (d: Decision) => d.effects.filter((e): e is ScheduleTimer => e.type === 'schedule_timer' && e.timer.kind === 'booking_notice');
const lead = (s: LeadState): OpenOrClosedLead => {
  if (s.status === 'none') throw new Error('expected a lead');
  return s;
};
const at = (iso: string) => new Date(iso);

function snapshot(patch: Partial<BookingSnapshot> = {}): BookingSnapshot {
  return { id: 'bk-1', start: '2026-11-19T14:00:00.000Z', end: '2026-11-19T18:00:00.000Z', jobType: null, technicianId: null, version: 1, source: 'api', customerName: null, address: null, zip: null, problem: null, notes: null, ...patch };
}
const recorded = (change: BookingRecorded['change'], patch: Partial<BookingSnapshot> = {}, actor = 'user:u1'): LeadInput => ({ type: 'booking_recorded', change, actor, booking: snapshot(patch) });

/** A lead that missed a call and asked for a visit by text: the offer is out. */
function offered(): { state: LeadState; offer: Decision } {
  const missed = decide(noLead, { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' }, policy, NOW);
  const offer = decide(missed.nextState, sms('Can you send someone to look at my water heater this week?'), policy, at('2026-11-18T16:01:00Z'));
  return { state: offer.nextState, offer };
}

/** A lead booked for Thursday 8-12 through the API. */
function booked(): LeadState {
  const missed = decide(noLead, { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' }, policy, NOW);
  return decide(missed.nextState, recorded('created'), policy, at('2026-11-18T16:05:00Z')).nextState;
}

describe('the booking offer by text', () => {
  it('offers the first two openings with the link in one segment and remembers them', () => {
    const { state, offer } = offered();
    expect(sends(offer)).toHaveLength(1);
    expect(sends(offer)[0]!.body).toBe('Acme Plumbing: Reply 1 for Wed 12-4, 2 for Thu 8-12, or pick another time: https://rb.example/b/abcdefghijklmnop');
    expect(lead(state).slotOffer?.openings).toEqual(CONTEXT.openings.slice(0, 2).map(({ start, end }) => ({ start, end })));
    expect(lead(state).stage).toBe('appointment_requested');
    expect(lead(state).nextAction).toMatchObject({ type: 'call_back', dueAt: '2026-11-18T16:31:00.000Z' });
  });

  it('without booking data from the shell it falls back to the booking template', () => {
    const missed = decide(noLead, { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' }, policy, NOW);
    const d = decide(missed.nextState, sms('I need to book a plumber', null), policy, at('2026-11-18T16:01:00Z'));
    expect(sends(d)[0]!.body).toMatch(/We can get you on the schedule/);
    expect(lead(d.nextState).slotOffer ?? null).toBeNull();
  });

  it('"2" asks the shell to book the second opening', () => {
    const { state } = offered();
    const d = decide(state, sms('2'), policy, at('2026-11-18T16:03:00Z'));
    const book = d.effects.filter((e): e is BookSlot => e.type === 'book_slot');
    expect(book).toEqual([{ type: 'book_slot', effectId: expect.any(String), start: '2026-11-19T14:00:00.000Z', end: '2026-11-19T18:00:00.000Z', jobType: null }]);
    expect(sends(d)).toHaveLength(0);
    expect(d.events.map((e) => e.type)).toContain('slot_chosen');
  });

  it('"el primero" and "thursday morning" pick too; "friday" offers what is open then', () => {
    const { state } = offered();
    expect(decide(state, sms('el primero'), policy, at('2026-11-18T16:03:00Z')).effects.find((e) => e.type === 'book_slot')).toMatchObject({ start: '2026-11-18T18:00:00.000Z' });
    expect(decide(state, sms('thursday morning works'), policy, at('2026-11-18T16:03:00Z')).effects.find((e) => e.type === 'book_slot')).toMatchObject({ start: '2026-11-19T14:00:00.000Z' });
    const friday = decide(state, sms('friday'), policy, at('2026-11-18T16:03:00Z'));
    expect(friday.effects.some((e) => e.type === 'book_slot')).toBe(false);
    expect(sends(friday)[0]!.body).toMatch(/Reply 1 for Fri 8-12/);
    expect(lead(friday.nextState).slotOffer?.openings).toEqual([{ start: '2026-11-20T14:00:00.000Z', end: '2026-11-20T18:00:00.000Z' }]);
  });

  it('STOP after an offer opts out and books nothing', () => {
    const { state } = offered();
    const d = decide(state, sms('STOP'), policy, at('2026-11-18T16:03:00Z'));
    expect(d.effects.some((e) => e.type === 'book_slot')).toBe(false);
    expect(lead(d.nextState).outcome).toBe('opted_out');
  });

  it('a taken pick says sorry and offers the fresh openings', () => {
    const { state } = offered();
    const d = decide(state, { type: 'slot_unavailable', effectId: 'lead-1:9', start: CONTEXT.openings[0]!.start, end: CONTEXT.openings[0]!.end, booking: { ...CONTEXT, openings: CONTEXT.openings.slice(1) } }, policy, at('2026-11-18T16:04:00Z'));
    expect(sends(d)[0]!.body).toMatch(/^Acme Plumbing: Sorry, that time was just taken\. Reply 1 for Thu 8-12, 2 for Thu 12-4/);
  });
});

describe('a stored booking on the lead', () => {
  it('created: booked outcome, the cadence stops, a confirmation and the evening-before reminder', () => {
    const missed = decide(noLead, { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' }, policy, NOW);
    expect(lead(missed.nextState).cadence?.status).toBe('active');
    const d = decide(missed.nextState, recorded('created'), policy, at('2026-11-18T16:05:00Z'));
    const after = lead(d.nextState);
    expect(after).toMatchObject({ status: 'closed', stage: 'booked', outcome: 'booked', booking: { id: 'bk-1', version: 1, status: 'booked' } });
    expect(after.cadence?.status).toBe('stopped');
    expect(sends(d).map((m) => [m.purpose, m.body])).toEqual([
      ['booking_notice', "Acme Plumbing: You're booked for Thu 11/19 8-12. Our technician will call when on the way. Reply here to change it. Reply STOP to opt out."],
    ]);
    expect(timers(d).map((t) => [t.fireAt, t.timer])).toEqual([['2026-11-19T00:00:00.000Z', { kind: 'booking_notice', bookingId: 'bk-1', version: 1, notice: 'reminder_evening', attempt: 0 }]]);
    // The confirmation does not count toward the 24 h cap of automated messages.
    expect(after.contact.recentAutomatedSendsAt).toHaveLength(lead(missed.nextState).contact.recentAutomatedSendsAt.length);
  });

  it('a morning-of reminder is scheduled when the policy asks for one, and none that is already past', () => {
    const morningPolicy = { ...policy, bookingReminders: { eveningBefore: '18:00', morningOf: '07:00' } };
    const missed = decide(noLead, { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' }, morningPolicy, NOW);
    const d = decide(missed.nextState, recorded('created'), morningPolicy, at('2026-11-19T01:00:00Z')); // Wed 19:00: the evening is past
    expect(timers(d).map((t) => [t.fireAt, t.timer.kind === 'booking_notice' && t.timer.notice])).toEqual([['2026-11-19T13:00:00.000Z', 'reminder_morning']]);
  });

  it('a second booking for a booked lead is refused', () => {
    const d = decide(booked(), recorded('created', { id: 'bk-2' }), policy, at('2026-11-18T16:10:00Z'));
    expect(d.refused?.reason).toBe('already_booked');
    expect(d.events).toEqual([]);
  });

  it('changed: the customer hears the new window and the reminder follows the new version; the old timer sends nothing', () => {
    const state = booked();
    const d = decide(state, recorded('changed', { start: '2026-11-20T18:00:00.000Z', end: '2026-11-20T22:00:00.000Z', version: 2 }), policy, at('2026-11-18T17:00:00Z'));
    expect(sends(d).map((m) => m.body)).toEqual(['Acme Plumbing: Your visit is moved to Fri 11/20 12-4. Reply here if that does not work.']);
    expect(timers(d).map((t) => [t.fireAt, t.timer.kind === 'booking_notice' && t.timer.version])).toEqual([['2026-11-20T00:00:00.000Z', 2]]);
    const stale = decide(d.nextState, { type: 'timer_fired', timerId: 'x', timer: { kind: 'booking_notice', bookingId: 'bk-1', version: 1, notice: 'reminder_evening', attempt: 0 } }, policy, at('2026-11-19T00:00:00Z'));
    expect(sends(stale)).toEqual([]);
    const fresh = decide(d.nextState, { type: 'timer_fired', timerId: 'y', timer: { kind: 'booking_notice', bookingId: 'bk-1', version: 2, notice: 'reminder_evening', attempt: 0 } }, policy, at('2026-11-20T00:00:00Z'));
    expect(sends(fresh).map((m) => m.body)).toEqual(['Acme Plumbing: Reminder: your visit is Fri 11/20 12-4. Reply here if you need to change it.']);
  });

  it('a reassignment alone texts nothing but keeps the reminders on the current version', () => {
    const d = decide(booked(), recorded('changed', { technicianId: 'tech-1', version: 2 }), policy, at('2026-11-18T17:00:00Z'));
    expect(sends(d)).toEqual([]);
    expect(timers(d)).toHaveLength(1);
    expect(lead(d.nextState).booking?.technicianId).toBe('tech-1');
  });

  it('canceled: the lead reopens with a call-back task, the customer is told, reminders send nothing', () => {
    const d = decide(booked(), recorded('canceled', { version: 2 }), policy, at('2026-11-18T17:00:00Z'));
    const after = lead(d.nextState);
    expect(after).toMatchObject({ status: 'open', outcome: null, stage: 'appointment_requested', booking: { status: 'canceled' } });
    expect(after.nextAction).toMatchObject({ type: 'call_back' });
    expect(sends(d).map((m) => m.body)).toEqual(['Acme Plumbing: Your visit for Thu 11/19 8-12 is canceled. Reply here to book another time.']);
    const reminder = decide(d.nextState, { type: 'timer_fired', timerId: 'x', timer: { kind: 'booking_notice', bookingId: 'bk-1', version: 1, notice: 'reminder_evening', attempt: 0 } }, policy, at('2026-11-19T00:00:00Z'));
    expect(sends(reminder)).toEqual([]);
  });

  it('a booking change already applied does nothing (a retried transaction)', () => {
    const state = booked();
    expect(decide(state, recorded('created'), policy, at('2026-11-18T16:06:00Z')).events).toEqual([]);
  });

  it('a confirmation held back by quiet hours is retried when they end', () => {
    const missed = decide(noLead, { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' }, policy, NOW);
    // A dispatcher books at 22:30 Chicago (04:30Z), hours after the customer's call.
    const d = decide(missed.nextState, recorded('created'), policy, at('2026-11-19T04:30:00Z'));
    expect(sends(d)).toEqual([]);
    expect(d.events.find((e) => e.type === 'message_blocked')?.data).toMatchObject({ purpose: 'booking_notice', reason: 'quiet_hours' });
    const retry = timers(d).find((t) => t.timer.kind === 'booking_notice' && t.timer.notice === 'confirmation');
    expect(retry?.fireAt).toBe('2026-11-19T15:00:00.000Z'); // 09:00 Chicago: Texas (area code 512) allows calls and texts from 9 am
  });

  it('a person may set outcome booked only on a lead with a live booking', () => {
    const missed = decide(noLead, { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' }, policy, NOW);
    expect(decide(missed.nextState, { type: 'lead_updated_by_person', actor: 'user:u1', outcome: 'booked' }, policy, NOW).refused?.reason).toBe('booking_required');
    const canceled = decide(booked(), recorded('canceled', { version: 2 }), policy, at('2026-11-18T17:00:00Z')).nextState;
    expect(decide(canceled, { type: 'lead_updated_by_person', actor: 'user:u1', outcome: 'booked' }, policy, NOW).refused?.reason).toBe('booking_required');
  });
});
