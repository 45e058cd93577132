import type { WallClockTime } from './business-calendar.ts';

export { nextFollowUpAt, planFollowUps, type FollowUp, type NextFollowUpInput } from './next-follow-up-at.ts';

/**
 * When a step may happen once its delay has passed (`base` = the previous step's time, or enrollment,
 * plus `delayMinutes`); all are judged on the organization's `BusinessCalendar`:
 * - `'any_time_gate_allows'`: at `base`; the send gate still holds a message for the recipient's quiet
 *   hours and frequency cap (DESIGN.md §5).
 * - `'business_hours_only'`: at `base` if the office is open then, else at its next opening (`nextOpenAt`).
 * - `{ nextBusinessDayAt: 'HH:MM' }`: at that wall-clock time on the first business day strictly after
 *   the local date of `base` (`nextBusinessDayAt`).
 * - `{ firstBusinessDayAt: 'HH:MM' }`: at that wall-clock time on the first business day at or after
 *   `base`, today included while the time is still ahead (`firstBusinessDayAt`): "next business
 *   morning" for a call made after midnight.
 */
export type CadenceTiming =
  | 'any_time_gate_allows'
  | 'business_hours_only'
  | { nextBusinessDayAt: WallClockTime }
  | { firstBusinessDayAt: WallClockTime };

/**
 * One follow-up step.
 * - `id`: unique within its cadence (stable: stored with the lead's progress and in events).
 * - `delayMinutes`: minutes after the previous step (after enrollment for the first step), ≥ 0.
 * - `channel`: `'sms'` sends `template` through the send gate; `'call_task'` creates a call-back task
 *   for a person, due at the step's time, titled `template`.
 * - `template`: a template name from the organization's templates, or the text itself with
 *   `{business}`, `{contactNumber}` and `{bookingLink}` variables. Default texts carry no opt-out
 *   line: the caller adds "Reply STOP to opt out" to the first message of a thread (CTIA).
 */
export interface CadenceStep {
  id: string;
  delayMinutes: number;
  channel: 'sms' | 'call_task';
  template: string;
  timing: CadenceTiming;
}

/**
 * What happens when a lead finishes the last step without replying, booking or being taken over:
 * - `{ close: 'no_response' }`: close the lead with outcome "no response".
 * - `{ moveTo: cadenceId }`: enroll in another cadence (e.g. a long-term nurture).
 * - `{ leaveOpen: true }`: stop automation but keep the lead open with its last task for a person,
 *   where closing would be wrong (a lead with a booking on the schedule).
 */
export type CadenceCompletion = { close: 'no_response' } | { moveTo: string } | { leaveOpen: true };

/**
 * An ordered list of follow-up steps a lead enrolls in (DESIGN.md §3). It stops on a reply, a booking,
 * a person taking over, an opt-out or a close; those are the lead lifecycle's business, not the
 * cadence's.
 */
export interface Cadence {
  id: string;
  name: string;
  steps: readonly CadenceStep[];
  onComplete: CadenceCompletion;
}

/** The ids of `DEFAULT_CADENCES`. */
export type DefaultCadenceId = 'missed_call' | 'after_hours' | 'old_estimate' | 'booked_unconfirmed';

const MINUTES_PER_HOUR = 60;
const MINUTES_PER_DAY = 24 * MINUTES_PER_HOUR;

/**
 * The cadences a new organization starts with. Texts are plain English, GSM-7 only (a curly quote or
 * an em dash would switch the message to UCS-2 and cut a segment to 70 characters) and under 160
 * characters with a 30-character business name. None prompts a "YES" reply: YES is a carrier opt-in
 * keyword (DESIGN.md §5) and would draw the provider's re-subscribe auto-reply.
 *
 * - `missed_call`: after the immediate text-back (sent by the lead core, not a step here): a call-back
 *   task 15 minutes later in business hours, a short second text 2 hours after that, on the next
 *   business day at 10:00 a call task and a text, and, a day later, at 10:00 on the business day after
 *   that (day 3 of the thread for a weekday call) a last, easy-to-decline check-in; then close as no
 *   response.
 * - `after_hours`: for calls while the office is closed: the next business morning at 08:30 a call task
 *   and a text, the business day after at 10:00 a last check-in; then close as no response.
 * - `old_estimate`: reopens an estimate that went quiet: a check-in text in business hours, a call task
 *   3 days later; then close as no response.
 * - `booked_unconfirmed`: a booking the customer has not confirmed: a reminder asking them to confirm,
 *   a call task 4 hours later; then hand to a person (the booking stays on the schedule).
 */
export const DEFAULT_CADENCES: Readonly<Record<DefaultCadenceId, Cadence>> = {
  missed_call: {
    id: 'missed_call',
    name: 'Missed call',
    steps: [
      {
        id: 'callback_task',
        delayMinutes: 15,
        channel: 'call_task',
        template: 'Call back: missed call, text-back sent',
        timing: 'business_hours_only',
      },
      {
        id: 'second_text',
        delayMinutes: 2 * MINUTES_PER_HOUR,
        channel: 'sms',
        template: "{business} here again. Still need a hand? Reply with what's going on and a good time to reach you.",
        timing: 'any_time_gate_allows',
      },
      {
        id: 'next_day_call_task',
        delayMinutes: 0,
        channel: 'call_task',
        template: 'Call back: missed call, no reply yet',
        timing: { nextBusinessDayAt: '10:00' },
      },
      {
        id: 'next_day_text',
        delayMinutes: 0,
        channel: 'sms',
        template: "Hi, it's {business} following up on your call. Do you still need help? Reply with a good time and we'll call you.",
        timing: 'business_hours_only',
      },
      {
        id: 'final_check_in',
        delayMinutes: MINUTES_PER_DAY,
        channel: 'sms',
        template: "{business}: Last check-in from us. If you still need help, just reply. If you're all set, reply no and we'll close this out.",
        timing: { nextBusinessDayAt: '10:00' },
      },
    ],
    onComplete: { close: 'no_response' },
  },
  after_hours: {
    id: 'after_hours',
    name: 'After-hours call',
    steps: [
      {
        id: 'next_morning_call_task',
        delayMinutes: 0,
        channel: 'call_task',
        template: 'Call back: call came in after hours',
        timing: { firstBusinessDayAt: '08:30' },
      },
      {
        id: 'next_morning_text',
        delayMinutes: 0,
        channel: 'sms',
        template: "Hi, it's {business} following up on your call from when we were closed. Reply with what you need or a good time to call.",
        timing: 'business_hours_only',
      },
      {
        id: 'final_check_in',
        delayMinutes: 0,
        channel: 'sms',
        template: "{business}: Checking in once more about your call. If you still need help, reply here. If not, reply no and we'll close this out.",
        timing: { nextBusinessDayAt: '10:00' },
      },
    ],
    onComplete: { close: 'no_response' },
  },
  old_estimate: {
    id: 'old_estimate',
    name: 'Old estimate',
    steps: [
      {
        id: 'estimate_check_in',
        delayMinutes: 0,
        channel: 'sms',
        template:
          '{business}: I am checking whether the estimate is still something you want reviewed; reply not interested and I will leave it closed.',
        timing: 'business_hours_only',
      },
      {
        id: 'estimate_call_task',
        delayMinutes: 3 * MINUTES_PER_DAY,
        channel: 'call_task',
        template: 'Call about the open estimate: no reply to the check-in text',
        timing: 'business_hours_only',
      },
    ],
    onComplete: { close: 'no_response' },
  },
  booked_unconfirmed: {
    id: 'booked_unconfirmed',
    name: 'Booked, not confirmed',
    steps: [
      {
        id: 'confirm_reminder',
        delayMinutes: 0,
        channel: 'sms',
        template: '{business}: Please confirm your appointment by replying CONFIRM, or reply with a day and time that works better.',
        timing: 'business_hours_only',
      },
      {
        id: 'confirm_call_task',
        delayMinutes: 4 * MINUTES_PER_HOUR,
        channel: 'call_task',
        template: 'Call to confirm the appointment: no reply to the reminder',
        timing: 'business_hours_only',
      },
    ],
    onComplete: { leaveOpen: true },
  },
};
