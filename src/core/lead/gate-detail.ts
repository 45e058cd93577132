/**
 * The send gate's refusals in words for the person at the composer (issue 5: "quiet hours for this
 * customer until 8:00"), in the customer's time zone for quiet hours and the organization's for
 * dates. Pure: `now` is an argument.
 */
import { DateTime } from 'luxon';
import type { SendVerdict } from '../send-policy/check-send-policy.ts';
import { recipientLocation } from '../send-policy/quiet-hours/recipient-location.ts';
import type { ContactSnapshot } from './lead-state.ts';
import type { OrganizationPolicy } from './policy.ts';

const OPT_OUT_METHODS: Record<string, string> = {
  keyword: 'by replying STOP',
  free_text: 'in a message',
  provider_21610: 'with the carrier (STOP to our number)',
  manual: 'by telling someone on the team',
};

/**
 * A sentence for a refused verdict: quiet hours say until when in the customer's zone ("Quiet hours
 * for this customer until 8:00 AM CST.", with "tomorrow" or the weekday when not today there); an
 * opt-out says how and when; other refusals keep the gate's own detail.
 */
export function describeRefusal(verdict: Extract<SendVerdict, { allowed: false }>, contact: Pick<ContactSnapshot, 'zip' | 'phoneE164' | 'optedOut'>, policy: OrganizationPolicy, now: Date): string {
  if (verdict.reason === 'quiet_hours' && verdict.retryAt) {
    const { timeZone } = recipientLocation({ zip: contact.zip ?? null, phoneE164: contact.phoneE164, fallbackTimeZone: policy.timeZone });
    const until = DateTime.fromISO(verdict.retryAt, { zone: timeZone }).setLocale('en-US');
    const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
    const days = Math.round(until.startOf('day').diff(today, 'days').days);
    const when = days <= 0 ? '' : days === 1 ? ' tomorrow' : ` on ${until.toFormat('cccc')}`;
    return `Quiet hours for this customer until ${until.toFormat('h:mm a ZZZZ')}${when}.`;
  }
  if (verdict.reason === 'opted_out' && contact.optedOut) {
    const at = DateTime.fromISO(contact.optedOut.at, { zone: policy.timeZone }).setLocale('en-US').toFormat('LLL d, h:mm a ZZZZ');
    return `The customer opted out ${OPT_OUT_METHODS[contact.optedOut.method] ?? `(${contact.optedOut.method})`} on ${at}: no messages may go to them.`;
  }
  return verdict.detail;
}
