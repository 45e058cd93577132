/** People's words for the API's snake_case values. Unknown values fall back to a readable form of the value. */
import { INTENTS, NEXT_ACTION_TYPES, OUTCOMES, STAGES } from '../api/types';

/** `wait_for_customer` → `Wait for customer`. */
export function humanize(value: string): string {
  const words = value.replace(/[_:-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STAGE_LABELS: Record<string, string> = {
  callback_needed: 'Callback needed',
  callback_attempted: 'Callback attempted',
  text_sent: 'Text sent',
  customer_replied: 'Customer replied',
  appointment_requested: 'Appointment requested',
  waiting_on_customer: 'Waiting on customer',
  booked: 'Booked',
  not_a_fit: 'Not a fit',
  closed_no_response: 'Closed, no response',
};

const INTENT_LABELS: Record<string, string> = {
  emergency: 'Emergency',
  callback: 'Callback',
  booking: 'Booking',
  pricing: 'Pricing',
  question: 'Question',
  estimate_followup: 'Estimate follow-up',
  complaint: 'Complaint',
  already_handled: 'Already handled',
  wrong_number: 'Wrong number',
  stop: 'Stop',
  spam: 'Spam',
  other: 'Other',
};

const OUTCOME_LABELS: Record<string, string> = {
  booked: 'Booked',
  not_a_fit: 'Not a fit',
  no_response: 'No response',
  opted_out: 'Opted out',
  duplicate: 'Duplicate',
  wrong_number: 'Wrong number',
  spam: 'Spam',
  already_handled: 'Already handled',
};

const NEXT_ACTION_LABELS: Record<string, string> = {
  call_back: 'Call back',
  text: 'Text',
  review: 'Review',
  escalate: 'Escalate',
  wait_for_customer: 'Wait for customer',
};

export const stageLabel = (stage: string) => STAGE_LABELS[stage] ?? humanize(stage);
export const intentLabel = (intent: string) => INTENT_LABELS[intent] ?? humanize(intent);
export const outcomeLabel = (outcome: string) => OUTCOME_LABELS[outcome] ?? humanize(outcome);
export const nextActionLabel = (type: string) => NEXT_ACTION_LABELS[type] ?? humanize(type);

/** Options for Mantine selects. */
export const stageOptions = STAGES.map((value) => ({ value, label: stageLabel(value) }));
export const intentOptions = INTENTS.map((value) => ({ value, label: intentLabel(value) }));
/** Closing reasons a person may pick: `booked` needs a booking (issue 6), so it is not offered. */
export const closingOutcomeOptions = OUTCOMES.filter((o) => o !== 'booked').map((value) => ({ value, label: outcomeLabel(value) }));
export const nextActionOptions = NEXT_ACTION_TYPES.map((value) => ({ value, label: nextActionLabel(value) }));

/** Colour of an intent badge. */
export function intentColor(intent: string): string {
  switch (intent) {
    case 'emergency':
      return 'orange';
    case 'complaint':
      return 'grape';
    case 'booking':
    case 'callback':
      return 'blue';
    case 'spam':
    case 'wrong_number':
    case 'stop':
      return 'gray';
    default:
      return 'teal';
  }
}
