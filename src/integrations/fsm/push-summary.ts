/**
 * The plain-text description of a lead every vendor gets in its free-text field (ServiceTitan's
 * `summary`, Housecall Pro's `note`, Jobber's request title): what the customer needs, when the
 * technician arrives (in the organization's local time), and where the lead came from. Pure.
 */
import { openingLabel } from '../../core/booking/slot-offer.ts';
import type { FsmPushInput } from './push-input.ts';

/** The arrival window as the customer was told it, with its date: `Tue 11/24 8-12`; null without a booking. */
export function windowLabel(input: FsmPushInput): string | null {
  if (!input.booking) return null;
  return openingLabel(input.booking, { timeZone: input.timeZone, language: 'en', withDate: true });
}

/** The lead source line: `Google LSA (called +15125550100)`, or just the number called. */
export function sourceLabel(input: FsmPushInput): string {
  return input.source.leadSource ? `${input.source.leadSource} (called ${input.source.numberE164})` : `called ${input.source.numberE164}`;
}

/**
 * Several lines: problem, arrival window, job type, notes, lead source, and which Ringback lead it is
 * (so a CSR can find the conversation). A safety emergency is said first.
 */
export function pushSummary(input: FsmPushInput): string {
  const b = input.booking;
  const lines: string[] = [];
  if (input.safety) lines.push('SAFETY EMERGENCY reported by the customer.');
  const problem = b?.problem ?? null;
  lines.push(problem ? `Problem: ${problem}` : b ? 'Booked a visit.' : 'Asked for a visit (not booked yet).');
  const window = windowLabel(input);
  if (window) lines.push(`Arrival window: ${window} (${input.timeZone})`);
  if (b?.jobType) lines.push(`Job type: ${b.jobType}`);
  if (b?.notes) lines.push(`Notes: ${b.notes}`);
  lines.push(`Lead source: ${sourceLabel(input)}`);
  lines.push(`Ringback lead ${input.leadId}${b ? `, booking ${b.id}` : ''}`);
  return lines.join('\n');
}

/** A one-line title (≤ 120 characters): job type or problem, and the window. */
export function pushTitle(input: FsmPushInput): string {
  const what = input.booking?.jobType ?? input.booking?.problem ?? 'Service request';
  const window = windowLabel(input);
  const title = window ? `${what} - ${window}` : what;
  return title.length > 120 ? `${title.slice(0, 119)}…` : title;
}

/** The customer's name from the booking, else the contact's, else null. */
export function customerName(input: FsmPushInput): string | null {
  return input.booking?.customerName?.trim() || input.contact.name?.trim() || null;
}
