import type { TemplateName } from '../types';

/** What each message template is for, in the order the settings screen lists them. */
export const TEMPLATE_CATALOGUE: ReadonlyArray<{ name: TemplateName; label: string; description: string }> = [
  { name: 'textBack', label: 'Text-back', description: 'Sent right after a missed call. Must name the business and end with "Reply STOP to opt out".' },
  { name: 'emergencyAck', label: 'Emergency acknowledgement', description: 'Sent when an emergency is recognized and the on-call person is being paged.' },
  { name: 'safetyGas', label: 'Safety: gas smell', description: 'Sent first when a customer reports a gas smell: leave now, call 911 from outside.' },
  { name: 'safetyCo', label: 'Safety: CO alarm', description: 'Sent first when a carbon monoxide alarm is reported.' },
  { name: 'safetyElectrical', label: 'Safety: sparks, smoke, burning', description: 'Sent first for electrical hazards, smoke or a burning smell.' },
  { name: 'bookingOffer', label: 'Booking offer', description: 'Reply to someone who wants a visit.' },
  { name: 'pricingInfo', label: 'Pricing info', description: 'Reply to a question about cost.' },
  { name: 'outOfArea', label: 'Outside the service area', description: 'Reply when the customer is outside your ZIP codes.' },
  { name: 'help', label: 'HELP reply', description: 'Reply to the HELP keyword.' },
  { name: 'optOutConfirmation', label: 'Opt-out confirmation', description: 'The one confirmation sent after STOP.' },
  { name: 'optInConfirmation', label: 'Opt-in confirmation', description: 'Sent after START (re-subscribe).' },
];

/** The variables templates may use, filled when a message is sent. */
export const TEMPLATE_VARIABLES: ReadonlyArray<{ variable: string; meaning: string }> = [
  { variable: '{business}', meaning: 'your business name' },
  { variable: '{contactNumber}', meaning: 'your contact number' },
  { variable: '{bookingLink}', meaning: 'your booking link (or "call us" until you have one)' },
];
