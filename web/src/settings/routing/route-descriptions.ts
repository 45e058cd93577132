import type { Intent, RouteName } from '../types';

/** Each route's name and one-line explanation (`RouteName` in `src/core/lead/policy.ts`). */
export const ROUTE_DESCRIPTIONS: Readonly<Record<RouteName, { label: string; explanation: string }>> = {
  page_on_call: { label: 'Page on-call', explanation: 'Page the on-call chain now; safety texts go out first for gas, CO or electrical hazards.' },
  opt_out: { label: 'Opt out', explanation: 'Opt the customer out and send one confirmation; no more texts.' },
  offer_booking: { label: 'Offer booking', explanation: 'Text the booking offer (booking link) and create a call-back task.' },
  pricing_info: { label: 'Send pricing info', explanation: 'Text the pricing info with a free-estimate offer and create a call-back task.' },
  callback_task: { label: 'Call-back task', explanation: 'Create a call-back task due now; no text.' },
  owner_exception: { label: 'Escalate to owner', explanation: 'Create an escalation task for the owner or manager with the reason; no text.' },
  estimate_owner: { label: 'Estimate owner reviews', explanation: "Create a review task for the estimate's owner." },
  faq_answer: { label: 'Answer from FAQ', explanation: 'Answer from a matching FAQ entry, else create a review task.' },
  close: { label: 'Close the lead', explanation: 'Close the lead with the intent as its outcome.' },
  reply_task: { label: 'Reply task', explanation: 'Mark the lead "customer replied" and create a call-back task.' },
};

/** Each triage intent's name and what messages it covers (`src/core/triage/intents.ts`). */
export const INTENT_DESCRIPTIONS: Readonly<Record<Intent, { label: string; explanation: string }>> = {
  spam: { label: 'Spam', explanation: 'Vendor pitches, SEO or merchant-services offers, scams, robocalls.' },
  emergency: { label: 'Emergency', explanation: 'No heat or cooling at risk, active leak or flood, sewage backup; gas, CO, sparks or smoke are safety emergencies.' },
  stop: { label: 'Stop', explanation: 'Any request to stop messages, in English or Spanish.' },
  wrong_number: { label: 'Wrong number', explanation: 'Never called, or reached the wrong business.' },
  complaint: { label: 'Complaint', explanation: 'Unhappy with work, a no-show, billing or staff.' },
  estimate_followup: { label: 'Estimate follow-up', explanation: 'About a quote or proposal already given.' },
  callback: { label: 'Call-back request', explanation: 'Asks for a phone call.' },
  booking: { label: 'Booking', explanation: 'Wants a visit, describes a problem, or changes an appointment.' },
  pricing: { label: 'Pricing', explanation: 'Cost, quote, fees or financing.' },
  question: { label: 'Question', explanation: 'Hours, service area, brands, warranty, payment, "who is this".' },
  already_handled: { label: 'Already handled', explanation: 'Fixed, hired someone else, no longer needed.' },
  other: { label: 'Other', explanation: 'Thanks, chit-chat, job seekers, anything else.' },
};
