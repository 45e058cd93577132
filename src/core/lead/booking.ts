/**
 * Booking on the lead (issue 6): offering openings by text, reading the customer's pick, and what a
 * stored booking change does to the lead — the outcome `booked`, the cadence stopping, the
 * confirmation and the reminders, all through the send gate. Runs inside `decide`: pure.
 */
import { DateTime } from 'luxon';
import { DEFAULT_OFFER_COUNT, type Opening } from '../booking/openings.ts';
import { understandSlotReply } from '../booking/parse-slot-reply.ts';
import { formatSlotOffer, openingLabel } from '../booking/slot-offer.ts';
import type { DecisionBuilder } from './decision-builder.ts';
import type { BookingNoticeKind, LeadTimer } from './effects.ts';
import { stopCadence } from './follow-up.ts';
import type { BookingContext, BookingRecorded, SlotUnavailable, TimerFired } from './inputs.ts';
import type { LeadBooking } from './lead-state.ts';
import type { MessageTemplates } from './policy.ts';

/** How long a text offer can still be answered with "1" or "2" (ms): after that a bare number is just a reply. */
export const SLOT_OFFER_TTL_MS = 3 * 24 * 60 * 60 * 1000;

/** A live booking of the lead, or null. */
export function liveBooking(b: DecisionBuilder): LeadBooking | null {
  const lead = b.state.status === 'none' ? null : b.lead();
  return lead?.booking?.status === 'booked' ? lead.booking : null;
}

/**
 * The `offer_booking` route: texts the next openings ("Reply 1 for Tue 8-12, 2 for Tue 12-4, or pick
 * another time: <link>") and remembers them so a reply of "1" books. Without a booking context (no
 * shell data) it sends the organization's `bookingOffer` template instead. A lead that already has a
 * live booking gets no offer: a person checks whether they want to change it.
 */
export function offerBooking(b: DecisionBuilder, context: BookingContext | undefined): void {
  if (liveBooking(b)) {
    b.setNextAction('review', 0, 'Already booked and wrote again: check whether they want to change the visit');
    return;
  }
  if (!context) {
    b.sendText('triage_reply', true, b.render('bookingOffer'));
    b.moveTo('appointment_requested');
    b.setNextAction('call_back', 0, 'Wants a visit: confirm a time');
    return;
  }
  const sent = sendOffer(b, context.openings.slice(0, DEFAULT_OFFER_COUNT), context.link, null);
  b.moveTo('appointment_requested');
  if (sent) b.setNextAction('call_back', 30, 'Offered times by text: call if they have not picked one');
  else b.setNextAction('call_back', 0, 'Wants a visit: confirm a time');
}

/**
 * Reads a reply to the lead's open slot offer. Returns true when the reply was about the offer and
 * has been handled (a pick → `book_slot`; another day or part → openings then, or the link), false
 * when it is something else (triage routes it).
 */
export function answerSlotOffer(b: DecisionBuilder, text: string, context: BookingContext | undefined): boolean {
  const lead = b.lead();
  const offer = lead.slotOffer;
  if (lead.status !== 'open' || !offer || liveBooking(b)) return false;
  if (b.now.getTime() - Date.parse(offer.at) > SLOT_OFFER_TTL_MS) return false;
  const reply = understandSlotReply(text, offer.openings, { timeZone: b.policy.timeZone, now: b.nowIso });
  if (reply.kind === 'offered') {
    const effectId = b.nextId();
    b.event('slot_chosen', 'customer', { offerId: offer.offerId, index: reply.index, start: reply.opening.start, end: reply.opening.end });
    b.effects.push({ type: 'book_slot', effectId, start: reply.opening.start, end: reply.opening.end, jobType: null });
    b.moveTo('appointment_requested');
    b.setNextAction('review', 15, 'Picked a time by text: check the booking went through');
    return true;
  }
  if (reply.kind === 'other' && context) {
    const wanted = context.openings.filter((o) => matchesDayPart(o, reply, b.policy.timeZone));
    sendOffer(b, wanted.slice(0, DEFAULT_OFFER_COUNT), context.link, null);
    b.moveTo('appointment_requested');
    b.setNextAction('call_back', 30, wanted.length > 0 ? 'Asked for another time: offered what is open then' : 'Asked for a time we have no opening: call them');
    return true;
  }
  return false;
}

/** The window the customer picked filled meanwhile: say so and offer what is open now. */
export function onSlotUnavailable(b: DecisionBuilder, input: SlotUnavailable): void {
  if (b.state.status === 'none') return;
  b.event('slot_unavailable', 'system', { effectId: input.effectId, start: input.start, end: input.end });
  if (liveBooking(b) || b.lead().status !== 'open') return;
  sendOffer(b, input.booking.openings.slice(0, DEFAULT_OFFER_COUNT), input.booking.link, b.render('slotTaken'));
  b.setNextAction('call_back', 15, 'Their pick was just taken: offered other times');
}

/**
 * A booking change the booking service stored (the only way a lead gets a booking):
 * - `created`: the lead (reopened if it was closed) moves to `booked` and closes with outcome `booked`;
 *   the cadence stops; the confirmation goes out and the reminders are scheduled. Refused
 *   (`already_booked`) when the lead has another live booking.
 * - `changed`: new window and/or technician; a moved window texts the new time and reschedules the
 *   reminders (the old timers carry the old `version` and send nothing).
 * - `canceled`: the lead reopens at `appointment_requested` with a call-back task; the customer is told.
 * A change already applied (same or older `version`) does nothing.
 */
export function onBookingRecorded(b: DecisionBuilder, input: BookingRecorded): void {
  if (b.state.status === 'none') {
    b.refuse('no_lead', 'There is no lead to book.');
    return;
  }
  const lead = b.lead();
  const current = lead.booking ?? null;
  const { booking } = input;
  if (current && current.id === booking.id && current.version >= booking.version) return;
  const snapshot: LeadBooking = {
    id: booking.id,
    start: booking.start,
    end: booking.end,
    jobType: booking.jobType,
    technicianId: booking.technicianId,
    version: booking.version,
    status: input.change === 'canceled' ? 'canceled' : 'booked',
  };
  if (input.change === 'created') {
    if (current?.status === 'booked' && current.id !== booking.id) {
      b.refuse('already_booked', `The lead is already booked for ${current.start}; reschedule that booking instead.`);
      return;
    }
    if (lead.status === 'closed') b.update({ status: 'open', outcome: null });
    b.event('booking_created', input.actor, { bookingId: booking.id, ...bookingData(input) });
    b.update({ booking: snapshot, slotOffer: null });
    stopCadence(b, 'booked', input.actor);
    b.moveTo('booked', input.actor);
    b.close('booked', input.actor);
    sendNotice(b, snapshot, 'confirmation');
    scheduleReminders(b, snapshot);
    return;
  }
  if (!current || current.id !== booking.id) {
    b.refuse('not_booked', 'This booking is not the lead\'s booking.');
    return;
  }
  if (input.change === 'changed') {
    b.event('booking_changed', input.actor, {
      bookingId: booking.id,
      start: booking.start,
      end: booking.end,
      jobType: booking.jobType,
      technicianId: booking.technicianId,
      version: booking.version,
      previous: input.previous ?? { start: current.start, end: current.end, technicianId: current.technicianId },
    });
    b.update({ booking: snapshot });
    const moved = current.start !== booking.start || current.end !== booking.end;
    if (moved) {
      sendNotice(b, snapshot, 'rescheduled');
    }
    // Every change bumps the version, so the reminders are always re-issued for the current one.
    scheduleReminders(b, snapshot);
    return;
  }
  b.event('booking_canceled', input.actor, { bookingId: booking.id, start: current.start, end: current.end, reason: input.reason ?? null });
  b.update({ booking: snapshot });
  sendNotice(b, snapshot, 'canceled');
  const after = b.lead();
  if (after.status === 'closed') {
    b.update({ status: 'open', outcome: null, automation: after.automation.state === 'stopped' && after.automation.reason === 'closed_booked' ? { state: 'active' } : after.automation });
  }
  b.moveTo('appointment_requested', input.actor);
  b.setNextAction('call_back', 0, 'Booking canceled: offer another time');
}

/** A `booking_notice` timer: sends the confirmation or reminder if the booking is still live at that version. */
export function onBookingTimer(b: DecisionBuilder, input: TimerFired & { timer: Extract<LeadTimer, { kind: 'booking_notice' }> }): void {
  if (b.state.status === 'none') return;
  const booking = liveBooking(b);
  const { timer } = input;
  if (!booking || booking.id !== timer.bookingId || booking.version !== timer.version) return;
  if (timer.notice !== 'confirmation' && b.now.getTime() >= Date.parse(booking.start)) return;
  sendNotice(b, booking, timer.notice, timer.attempt);
}

// ---------------------------------------------------------------------------------------------------

type Notice = BookingNoticeKind | 'rescheduled' | 'canceled';

const TEMPLATE_OF: Record<Notice, keyof MessageTemplates> = {
  confirmation: 'bookingConfirmation',
  rescheduled: 'bookingRescheduled',
  canceled: 'bookingCanceled',
  reminder_evening: 'bookingReminder',
  reminder_morning: 'bookingReminder',
};

/**
 * Sends one booking message through the gate. When the gate holds it back with a `retryAt` (quiet
 * hours), a confirmation or reminder is retried then (a reminder only while it is still before the window).
 */
function sendNotice(b: DecisionBuilder, booking: LeadBooking, notice: Notice, attempt = 0): void {
  const window = openingLabel(booking, { timeZone: b.policy.timeZone, language: b.language, withDate: true });
  const verdict = b.sendText('booking_notice', true, b.render(TEMPLATE_OF[notice], { window }));
  if (verdict.allowed || !verdict.retryAt || notice === 'rescheduled' || notice === 'canceled' || attempt >= 5) return;
  if (notice !== 'confirmation' && Date.parse(verdict.retryAt) >= Date.parse(booking.start)) return;
  scheduleNotice(b, booking, notice, verdict.retryAt, attempt + 1);
}

function scheduleNotice(b: DecisionBuilder, booking: LeadBooking, notice: BookingNoticeKind, fireAt: string, attempt: number): void {
  const timer: LeadTimer = { kind: 'booking_notice', bookingId: booking.id, version: booking.version, notice, attempt };
  b.effects.push({ type: 'schedule_timer', effectId: b.nextId(), timerId: `booking:${booking.id}:v${booking.version}:${notice}:${attempt}`, fireAt, timer });
}

/**
 * Schedules the reminders of `booking` for its current version, at the policy's local times
 * (`bookingReminders`): the evening before and, when set, the morning of; a time already past, or not
 * before the window, is skipped.
 */
function scheduleReminders(b: DecisionBuilder, booking: LeadBooking): void {
  const { eveningBefore, morningOf } = b.policy.bookingReminders;
  const zone = b.policy.timeZone;
  const day = DateTime.fromISO(booking.start, { zone }).startOf('day');
  const at = (date: DateTime, hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number);
    return date.set({ hour: h ?? 0, minute: m ?? 0 }).toUTC().toISO()!;
  };
  const candidates: Array<[BookingNoticeKind, string | null]> = [
    ['reminder_evening', eveningBefore ? at(day.minus({ days: 1 }), eveningBefore) : null],
    ['reminder_morning', morningOf ? at(day, morningOf) : null],
  ];
  for (const [notice, fireAt] of candidates) {
    if (!fireAt) continue;
    const t = Date.parse(fireAt);
    if (t <= b.now.getTime() || t >= Date.parse(booking.start)) continue;
    scheduleNotice(b, booking, notice, fireAt, 0);
  }
}

/** Texts `openings` (with `lead-in` first, e.g. "that time was just taken") and remembers the offer. Returns whether it went. */
function sendOffer(b: DecisionBuilder, openings: Opening[], link: string | null, leadIn: string | null): boolean {
  const offerText = formatSlotOffer(openings, {
    timeZone: b.policy.timeZone,
    language: b.language,
    bookingLink: link,
    now: b.nowIso,
    ...(leadIn ? {} : { businessName: b.policy.businessName }),
  });
  const body = leadIn ? `${leadIn} ${offerText}` : offerText;
  const verdict = b.sendText('triage_reply', true, body);
  if (!verdict.allowed) return false;
  const offerId = b.nextId('o');
  const offered = openings.map((o) => ({ start: o.start, end: o.end }));
  b.event('slot_offered', 'system', { offerId, openings: offered, link });
  b.update({ slotOffer: offered.length > 0 ? { offerId, openings: offered, at: b.nowIso, link } : null });
  return true;
}

function matchesDayPart(o: Opening, reply: { date?: string; part?: 'morning' | 'afternoon' }, zone: string): boolean {
  const start = DateTime.fromISO(o.start, { zone });
  if (reply.date && start.toISODate() !== reply.date) return false;
  if (reply.part === 'morning' && start.hour >= 12) return false;
  if (reply.part === 'afternoon' && start.hour < 12) return false;
  return true;
}

function bookingData(input: BookingRecorded): Record<string, unknown> {
  const { booking } = input;
  return {
    start: booking.start,
    end: booking.end,
    jobType: booking.jobType,
    technicianId: booking.technicianId,
    source: booking.source,
    version: booking.version,
    customerName: booking.customerName,
    address: booking.address,
    zip: booking.zip,
    problem: booking.problem,
    notes: booking.notes,
  };
}
