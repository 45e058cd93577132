/** Effects: things `decide` asks the shell to do. Imperatives, stored in the outbox, run idempotently. */

/** Why a message goes out; the send gate and the 24 h cap depend on it. */
export type MessagePurpose =
  | 'text_back'
  | 'opt_out_confirmation'
  | 'opt_in_confirmation'
  | 'help'
  | 'manual'
  /** Safety instructions for a gas, CO or electrical emergency: always allowed but after an opt-out. */
  | 'safety_instructions'
  /** An automated answer to the customer's own message (emergency ack, booking offer, pricing, FAQ, decline). */
  | 'triage_reply'
  /** A step of a follow-up cadence. */
  | 'follow_up'
  /**
   * About the customer's own booking (confirmation, moved, canceled, reminder): transactional, so not
   * counted toward the 24 h cap and sent on a lead closed as booked; opt-outs, landlines, quiet hours
   * and the do-not-automate list still hold it back.
   */
  | 'booking_notice';

/** Send one SMS. `effectId` is `<leadId>:<seq>`, the idempotency key of the send. */
export interface SendMessage {
  type: 'send_message';
  effectId: string;
  to: string;
  from: string;
  body: string;
  purpose: MessagePurpose;
  /** Sent by Ringback on its own (counts toward the 24 h cap and stops on takeover). */
  automated: boolean;
}


/**
 * Page one person of the on-call chain: an SMS and a voice call that says the customer's name,
 * number, address if known and problem, and asks to press 1 to accept. Staff messages, not
 * consumer messages, so they do not pass `checkSendPolicy` (docs/decisions/0005).
 */
export interface PageOnCall {
  type: 'page_on_call';
  effectId: string;
  pageId: string;
  /** Index in the chain (0 primary, 1 backup, …). */
  level: number;
  to: string;
  personName: string;
  /** The organization's number the page comes from (E.164). */
  from: string;
  smsBody: string;
  sayText: string;
}

/** An SMS to one of the organization's own people (overdue-task escalation): a staff message, not consumer messaging. */
export interface NotifyStaff {
  type: 'notify_staff';
  effectId: string;
  to: string;
  personName: string;
  from: string;
  body: string;
}

/**
 * Click-to-call (issue 5): the provider calls the person's own phone `agentPhone` from `from` (the
 * organization's number the customer knows), and when they answer, `<Dial>`s the customer with
 * `from` as caller id. A call a person starts by hand, not consumer messaging: no `checkSendPolicy`.
 */
export interface BridgeCall {
  type: 'bridge_call';
  effectId: string;
  /** The person's phone (E.164), rung first. */
  agentPhone: string;
  /** The customer's phone (E.164), dialled once the person answers. */
  customerPhone: string;
  /** The organization's number (E.164): the caller id of both legs. */
  from: string;
  /** Who asked (`user:<id>`). */
  actor: string;
}

/**
 * Book the window the customer picked by text: the shell books it (capacity checked in the database)
 * and records `booking_recorded`, or `slot_unavailable` when it filled meanwhile.
 */
export interface BookSlot {
  type: 'book_slot';
  effectId: string;
  start: string;
  end: string;
  jobType: string | null;
}

/** Which booking message a `booking_notice` timer sends. */
export type BookingNoticeKind = 'confirmation' | 'reminder_evening' | 'reminder_morning';

/** A timer the lead needs; it comes back as a `timer_fired` input at `fireAt` (ISO, UTC) or later. */
export type LeadTimer =
  | { kind: 'page_escalation'; pageId: string; level: number }
  | { kind: 'cadence_step'; cadenceId: string; stepIndex: number; attempt: number }
  /** A booking message; does nothing unless the booking is still live at `version` (nothing stale goes out). */
  | { kind: 'booking_notice'; bookingId: string; version: number; notice: BookingNoticeKind; attempt: number };

export interface ScheduleTimer {
  type: 'schedule_timer';
  effectId: string;
  /** Unique per lead; a timer that fires twice is recognised by it. */
  timerId: string;
  fireAt: string;
  timer: LeadTimer;
}

export type LeadEffect = SendMessage | PageOnCall | ScheduleTimer | NotifyStaff | BridgeCall | BookSlot;
