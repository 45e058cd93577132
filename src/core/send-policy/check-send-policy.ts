import { DateTime } from 'luxon';
import type { MessagePurpose } from '../lead/effects.ts';
import { checkQuietHours } from './quiet-hours/quiet-hours.ts';
import { recipientLocation } from './quiet-hours/recipient-location.ts';
import type { LeadState } from '../lead/lead-state.ts';
import type { OrganizationPolicy } from '../lead/policy.ts';

/** What is about to be sent. */
export interface OutboundMessageIntent {
  purpose: MessagePurpose;
  automated: boolean;
  /** The outbox effect id when the message is already queued (re-checked at send time). */
  effectId?: string;
}

/** Reasons the gate refuses a message; stored on the `message_blocked` event and shown to people. */
export type SendRefusalReason =
  | 'opted_out'
  | 'text_back_already_sent'
  | 'automated_cap_reached'
  | 'automation_not_active'
  | 'lead_closed'
  | 'quiet_hours'
  | 'do_not_automate'
  | 'blackout_date'
  | 'landline';

export type SendVerdict =
  | { allowed: true }
  | { allowed: false; reason: SendRefusalReason; detail: string; retryAt?: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The single send gate: returns whether `message` may go to the lead's contact at `now` (a UTC
 * instant). Every outbound message, automated or typed by a person, passes here, once when `decide`
 * queues it and again when the handler sends it. Never throws for a refusal.
 *
 * Rules, in order:
 * - opt-out: after an opt-out nothing is sent but the one confirmation of that opt-out (CTIA Messaging
 *   Principles §5.1.1; FCC 47 CFR 64.1200(a)(10), revocation by any reasonable means, in force 2025-04-11);
 * - closed leads get no automated messages, but for the immediate reply to the customer's own message;
 * - automated messages need `automation.state === 'active'` (a person took over, or it stopped);
 * - one text-back per lead, ever;
 * - at most `policy.automatedMessagesPer24h` automated messages per contact in a rolling 24 h
 *   (FL Stat. 501.616(6)(b), OK 15 O.S. 775C.4, MD Com. Law 14-4503: 3 per 24 h on one subject).
 *   Replies to the customer's own keyword (opt-out/opt-in confirmation, HELP) do not count.
 *   Refusal carries `retryAt`, when the oldest counted message leaves the window. At send time the
 *   caller leaves the message being sent out of `contact.recentAutomatedSendsAt`.
 *
 * - quiet hours in the recipient's local time (see `quietHoursVerdict`), with `retryAt` the next
 *   allowed minute; safety instructions are always allowed.
 *
 * - the organization's do-not-automate numbers and blackout dates hold back automated messages
 *   (a blackout refusal carries `retryAt`, the next local midnight; the text-back and replies still go).
 *
 * - landlines (the provider's line-type lookup, cached on the contact) get no texts: a call task instead.
 *
 * - booking notices (confirmation, moved, canceled, reminders) are transactional messages about the
 *   customer's own appointment: the opt-out, landline, quiet-hours and do-not-automate rules apply,
 *   the lead state, automation state and 24 h cap do not.
 */
export function checkSendPolicy(
  lead: LeadState,
  message: OutboundMessageIntent,
  policy: OrganizationPolicy,
  now: Date,
): SendVerdict {
  const { contact } = lead;
  if (contact.optedOut && message.purpose !== 'opt_out_confirmation') {
    return refuse('opted_out', `The customer opted out (${contact.optedOut.method}) at ${contact.optedOut.at}.`);
  }
  if (contact.lineType === 'landline') {
    return refuse('landline', 'The number is a landline: texts cannot reach it; call instead.');
  }
  if (message.purpose !== 'safety_instructions') {
    const quiet = quietHoursVerdict(lead, message, policy, now);
    if (quiet) return quiet;
  }
  if (!message.automated || lead.status === 'none') return { allowed: true };
  if (message.purpose === 'opt_out_confirmation' || message.purpose === 'opt_in_confirmation' || message.purpose === 'help') {
    return { allowed: true };
  }
  // Safety instructions (gas, CO, electrical) go out whatever the lead's automation state or the cap.
  if (message.purpose === 'safety_instructions') return { allowed: true };
  // About the customer's own booking: transactional, so neither the lead being closed as booked nor the
  // automation state nor the cap holds it back; the do-not-automate list still does.
  if (message.purpose === 'booking_notice') {
    return policy.doNotAutomateNumbers.includes(contact.phoneE164)
      ? refuse('do_not_automate', "This number is on the organization's do-not-automate list.")
      : { allowed: true };
  }
  // A reply to the customer's own message (decline, booking offer, FAQ answer) may close the lead in
  // the same decision: lead state does not hold it back, the opt-out and the cap still do.
  const isReply = message.purpose === 'triage_reply';
  if (lead.status === 'closed' && !isReply) return refuse('lead_closed', 'The lead is closed.');
  if (lead.automation.state !== 'active' && !isReply) {
    return refuse('automation_not_active', `Automation is ${lead.automation.state}: ${lead.automation.reason}.`);
  }
  if (!isReply && policy.doNotAutomateNumbers.includes(contact.phoneE164)) {
    return refuse('do_not_automate', 'This number is on the organization\'s do-not-automate list.');
  }
  if (!isReply && message.purpose !== 'text_back') {
    const today = DateTime.fromJSDate(now, { zone: policy.timeZone });
    if (policy.calendar.blackoutDates.includes(today.toISODate() ?? '')) {
      const retryAt = today.plus({ days: 1 }).startOf('day').toUTC().toISO()!;
      return { allowed: false, reason: 'blackout_date', detail: `${today.toISODate()} is a blackout date for automated follow-ups.`, retryAt };
    }
  }
  if (message.purpose === 'text_back' && lead.textBack && lead.textBack.effectId !== message.effectId) {
    return refuse('text_back_already_sent', 'This lead already has its text-back.');
  }
  const windowStart = now.getTime() - DAY_MS;
  const counted = contact.recentAutomatedSendsAt
    .map((iso) => Date.parse(iso))
    .filter((t) => t > windowStart)
    .sort((a, b) => a - b);
  const limit = policy.automatedMessagesPer24h;
  if (counted.length >= limit) {
    const retryAt = new Date((counted[counted.length - limit] ?? now.getTime()) + DAY_MS).toISOString();
    return {
      allowed: false,
      reason: 'automated_cap_reached',
      detail: `${counted.length} automated messages in the last 24 h (cap ${policy.automatedMessagesPer24h}).`,
      retryAt,
    };
  }
  return { allowed: true };
}

/** Replies to the customer's own call or message: exempt from quiet hours within `policy.quietHoursReplyMinutes`. */
const REPLY_PURPOSES: ReadonlySet<MessagePurpose> = new Set(['text_back', 'triage_reply', 'manual', 'opt_out_confirmation', 'opt_in_confirmation', 'help', 'booking_notice']);

/**
 * Quiet hours in the recipient's local time (zone and state from their ZIP, else the area code, else
 * the organization): the federal 8:00–21:00 window (47 CFR 64.1200(c)(1)) and stricter state windows
 * (`quiet-hours/state-windows.ts`). A reply within `quietHoursReplyMinutes` of the customer's own call
 * or message is exempt (DESIGN §5; 0 turns the exemption off). Null when the message may go.
 */
function quietHoursVerdict(lead: LeadState, message: OutboundMessageIntent, policy: OrganizationPolicy, now: Date): SendVerdict | null {
  const location = recipientLocation({ zip: lead.contact.zip ?? null, phoneE164: lead.contact.phoneE164, fallbackTimeZone: policy.timeZone });
  const verdict = checkQuietHours({ now, location });
  if (verdict.allowed) return null;
  const lastInbound = lead.status === 'none' ? now.toISOString() : (lead.lastInboundAt ?? lead.openedAt);
  const sinceInboundMs = now.getTime() - Date.parse(lastInbound);
  if (REPLY_PURPOSES.has(message.purpose) && sinceInboundMs <= policy.quietHoursReplyMinutes * 60_000) return null;
  return { allowed: false, reason: 'quiet_hours', detail: `Quiet hours for this customer (${verdict.window}) until ${verdict.retryAt}.`, retryAt: verdict.retryAt };
}

function refuse(reason: SendRefusalReason, detail: string): SendVerdict {
  return { allowed: false, reason, detail };
}
