/**
 * An organization's rules as data, handed to `decide` and `checkSendPolicy`. Stored as
 * `organizations.policy`; the core never reads configuration any other way. Stored policies are
 * completed with `completePolicy` on load, so a field added later gets its default.
 */
import { DEFAULT_BUSINESS_HOURS, type BusinessCalendar } from '../cadence/business-calendar.ts';
import { DEFAULT_CADENCES, type Cadence } from '../cadence/cadence.ts';
import type { OnCallRotation } from '../on-call/on-call-chain.ts';
import { completeAvailability, DEFAULT_AVAILABILITY, type AvailabilityPolicy } from '../booking/availability-policy.ts';
import type { Intent } from '../triage/intents.ts';

/**
 * What Ringback does with a message of each intent (DESIGN.md §4, issue 3). Every intent's route is an
 * organization setting:
 * - `page_on_call`: emergency: page the on-call chain; safety texts first when `safety` is set;
 * - `opt_out`: opt the contact out with one confirmation;
 * - `offer_booking`: text the booking offer (next openings / booking link) and a call-back task;
 * - `pricing_info`: text the service info and a free-estimate offer, and a call-back task;
 * - `callback_task`: a call-back task due now, no text;
 * - `owner_exception`: an escalation task for the owner/manager with the reason, no text;
 * - `estimate_owner`: a review task for the estimate's owner;
 * - `faq_answer`: answer from a matching FAQ entry, else a review task;
 * - `close`: close the lead with the intent as outcome (already_handled, wrong_number, spam);
 * - `reply_task`: the lead moves to customer replied with a call-back task.
 */
export type RouteName =
  | 'page_on_call'
  | 'opt_out'
  | 'offer_booking'
  | 'pricing_info'
  | 'callback_task'
  | 'owner_exception'
  | 'estimate_owner'
  | 'faq_answer'
  | 'close'
  | 'reply_task';

export const ROUTE_NAMES: readonly RouteName[] = [
  'page_on_call',
  'opt_out',
  'offer_booking',
  'pricing_info',
  'callback_task',
  'owner_exception',
  'estimate_owner',
  'faq_answer',
  'close',
  'reply_task',
];

/** The routes a new organization starts with (DESIGN.md §4 default routing). */
export const DEFAULT_ROUTING: Readonly<Record<Intent, RouteName>> = {
  spam: 'close',
  emergency: 'page_on_call',
  stop: 'opt_out',
  wrong_number: 'close',
  complaint: 'owner_exception',
  estimate_followup: 'estimate_owner',
  callback: 'callback_task',
  booking: 'offer_booking',
  pricing: 'pricing_info',
  question: 'faq_answer',
  already_handled: 'close',
  other: 'reply_task',
};

/** One FAQ entry: answered when every word of one of `keywords` appears in the message. */
export interface FaqEntry {
  /** Phrases like `weekend hours`, `financing`; matched case-insensitively, all words of a phrase required. */
  keywords: string[];
  answer: string;
  /** The answer for Spanish messages; the English one is used when absent. */
  answerEs?: string;
}

export interface OrganizationPolicy {
  /** The name customers know, used in every first message ("Demo Heating & Air"). */
  businessName: string;
  /** IANA time zone of the business, e.g. `America/Chicago`. */
  timeZone: string;
  /** A number customers can call for help (E.164), given in HELP replies. */
  contactNumberE164: string;
  /**
   * At most this many automated messages per contact per rolling 24 h (default 3; FL, OK and MD
   * statutes cap messages on the same subject at 3 per 24 h). Replies to the customer's own keyword
   * (opt-out confirmation, HELP) do not count.
   */
  automatedMessagesPer24h: number;
  /** Minutes until the call-back task a missed call creates is due (SOP: call back within 15 min). */
  callbackDueMinutes: number;
  /**
   * A reply within this many minutes of the customer's own call or message (the text-back, a triage
   * reply, a person answering) may go out in the recipient's quiet hours (DESIGN §5, default 30; 0 = never).
   */
  quietHoursReplyMinutes: number;
  templates: MessageTemplates;
  /** Spanish templates, used when the customer writes in Spanish; any missing one falls back to English. */
  templatesEs: Partial<MessageTemplates>;
  routing: Record<Intent, RouteName>;
  onCall: OnCallRotation;
  /** 5-digit ZIP codes served; empty means no restriction. */
  serviceAreaZips: string[];
  faq: FaqEntry[];
  /** The public booking link (`{bookingLink}`), or null until booking is set up. */
  bookingLink: string | null;
  /** Ask callers to press 1 or say "emergency" before voicemail (issue 3, voice triage). */
  voiceTriage: boolean;
  /** Office hours, public holidays and blackout dates: when follow-ups and call tasks are due. */
  calendar: BusinessCalendar;
  /**
   * Minutes after a task's due time to notify, in order, its owner (the assignee, else whoever is on
   * call), the backup, then the manager (the rotation's owner). Default `[0, 15, 30]`.
   */
  overdueNotifyMinutes: number[];
  /** Customers' numbers (E.164) that get no automated messages at all; people may still text them. */
  doNotAutomateNumbers: string[];
  /** Follow-up cadences by id (`missed_call`, `after_hours`, `old_estimate`, `booked_unconfirmed`, …). */
  cadences: Record<string, Cadence>;
  /** Arrival windows, capacity, lead time, horizon, blackout dates and holds for bookings (issue 6). */
  availability: AvailabilityPolicy;
  /** When booking reminders go out, local `HH:MM` in the organization's zone; null turns one off. */
  bookingReminders: BookingReminders;
}

/**
 * Booking reminders: `eveningBefore` at this local time on the day before the arrival window (default
 * `18:00`), `morningOf` on the day itself (default off; skipped when it would not be before the window).
 */
export interface BookingReminders {
  eveningBefore: string | null;
  morningOf: string | null;
}

/**
 * Message templates. Variables: `{business}`, `{contactNumber}`, `{bookingLink}`. The text-back must
 * name the business and end with "Reply STOP to opt out" (CTIA Messaging Principles, first message).
 */
export interface MessageTemplates {
  textBack: string;
  optOutConfirmation: string;
  optInConfirmation: string;
  help: string;
  /** Gas smell: leave now, call 911 and the gas utility from outside (never from inside: sparks). */
  safetyGas: string;
  /** CO alarm: fresh air, call 911 (CPSC / NFPA guidance). */
  safetyCo: string;
  /** Sparks, smoke, burning smell, electrical hazard. */
  safetyElectrical: string;
  emergencyAck: string;
  bookingOffer: string;
  pricingInfo: string;
  outOfArea: string;
  /** Sent when a booking is made. Variables also `{window}` (e.g. "Tue 3/17 8-12"). */
  bookingConfirmation: string;
  /** Sent when a booking moves (`{window}` is the new one). */
  bookingRescheduled: string;
  /** Sent when a booking is canceled (`{window}` is the canceled one). */
  bookingCanceled: string;
  /** The reminder the evening before or the morning of (`{window}`). */
  bookingReminder: string;
  /** The slot the customer picked filled meanwhile; followed by a fresh offer or the link. */
  slotTaken: string;
}

const TEMPLATES_EN: MessageTemplates = {
  textBack:
    "Hi, this is {business}. Sorry we missed your call! How can we help? Reply here and we'll get right back to you. Reply STOP to opt out.",
  optOutConfirmation: '{business}: You are unsubscribed and will receive no more messages. Reply START to resubscribe.',
  optInConfirmation: '{business}: You are resubscribed to messages. Reply STOP to opt out.',
  help: '{business}: For help call {contactNumber}. Reply STOP to opt out.',
  safetyGas:
    '{business}: If you smell gas, leave the home now with everyone. Do not use switches, phones or flames inside. From outside, call 911 and your gas company. We are paging our on-call technician.',
  safetyCo:
    '{business}: A CO alarm means get everyone into fresh air now and call 911. Do not go back inside until responders say it is safe. We are paging our on-call technician.',
  safetyElectrical:
    '{business}: If you see sparks, smoke or smell burning, keep away from it, switch off the main breaker only if it is safe, and call 911 if there is fire or smoke. We are paging our on-call technician.',
  emergencyAck: "{business}: We're on it. Our on-call technician is being paged now and will call you shortly.",
  bookingOffer: '{business}: We can get you on the schedule. Pick a time here: {bookingLink} or reply with a day and time that works.',
  pricingInfo:
    "{business}: Pricing depends on the job, so we offer a free estimate. Reply with a good day and time and we'll set it up.",
  outOfArea: "{business}: Thanks for reaching out. Unfortunately that address is outside our service area, so we can't help with this one.",
  bookingConfirmation: "{business}: You're booked for {window}. Our technician will call when on the way. Reply here to change it. Reply STOP to opt out.",
  bookingRescheduled: '{business}: Your visit is moved to {window}. Reply here if that does not work.',
  bookingCanceled: '{business}: Your visit for {window} is canceled. Reply here to book another time.',
  bookingReminder: '{business}: Reminder: your visit is {window}. Reply here if you need to change it.',
  slotTaken: '{business}: Sorry, that time was just taken.',
};

const TEMPLATES_ES: Partial<MessageTemplates> = {
  optOutConfirmation: '{business}: Ya no recibirá más mensajes. Responda START para volver a suscribirse.',
  safetyGas:
    '{business}: Si huele a gas, salga de la casa ahora con todos. No use interruptores, teléfonos ni llamas adentro. Desde afuera, llame al 911 y a la compañía de gas. Estamos llamando a nuestro técnico de guardia.',
  safetyCo:
    '{business}: Una alarma de CO significa salir al aire libre ahora y llamar al 911. No vuelva a entrar hasta que lo indiquen. Estamos llamando a nuestro técnico de guardia.',
  safetyElectrical:
    '{business}: Si ve chispas, humo u olor a quemado, aléjese y llame al 911 si hay fuego o humo. Estamos llamando a nuestro técnico de guardia.',
  emergencyAck: '{business}: Estamos en ello. Nuestro técnico de guardia lo llamará pronto.',
  bookingOffer: '{business}: Podemos agendarle una visita. Elija un horario aquí: {bookingLink} o responda con el día y la hora.',
  pricingInfo: '{business}: El precio depende del trabajo; ofrecemos un presupuesto gratis. Responda con un día y hora.',
  outOfArea: '{business}: Gracias por escribirnos. Lamentablemente esa dirección está fuera de nuestra área de servicio.',
  bookingConfirmation: '{business}: Su visita quedó agendada para {window}. El técnico le llamará en camino. Responda aquí para cambiarla. Responda STOP para no recibir mensajes.',
  bookingRescheduled: '{business}: Su visita se cambió a {window}. Responda aquí si no le conviene.',
  bookingCanceled: '{business}: Su visita de {window} fue cancelada. Responda aquí para agendar otra.',
  bookingReminder: '{business}: Recordatorio: su visita es {window}. Responda aquí si necesita cambiarla.',
  slotTaken: '{business}: Lo sentimos, ese horario se acaba de ocupar.',
};

/** The policy a new organization starts with. */
export function defaultPolicy(input: { businessName: string; timeZone: string; contactNumberE164: string }): OrganizationPolicy {
  return {
    ...input,
    automatedMessagesPer24h: 3,
    callbackDueMinutes: 15,
    quietHoursReplyMinutes: 30,
    templates: { ...TEMPLATES_EN },
    templatesEs: { ...TEMPLATES_ES },
    routing: { ...DEFAULT_ROUTING },
    onCall: { timeZone: input.timeZone, shifts: [], owner: null, ackTimeoutMinutes: 5 },
    serviceAreaZips: [],
    faq: [],
    bookingLink: null,
    voiceTriage: true,
    calendar: { timeZone: input.timeZone, hours: DEFAULT_BUSINESS_HOURS, holidays: { country: 'US' }, blackoutDates: [] },
    cadences: { ...DEFAULT_CADENCES },
    doNotAutomateNumbers: [],
    overdueNotifyMinutes: [0, 15, 30],
    availability: DEFAULT_AVAILABILITY,
    bookingReminders: { eveningBefore: '18:00', morningOf: null },
  };
}

/** A stored policy with every field added since it was stored filled from the defaults. */
export function completePolicy(stored: Partial<OrganizationPolicy> & Pick<OrganizationPolicy, 'businessName' | 'timeZone' | 'contactNumberE164'>): OrganizationPolicy {
  const d = defaultPolicy(stored);
  return {
    ...d,
    ...stored,
    templates: { ...d.templates, ...stored.templates },
    templatesEs: { ...d.templatesEs, ...stored.templatesEs },
    routing: { ...d.routing, ...stored.routing },
    onCall: { ...d.onCall, ...stored.onCall },
    calendar: { ...d.calendar, ...stored.calendar },
    cadences: { ...d.cadences, ...stored.cadences },
    availability: completeAvailability(stored.availability),
    bookingReminders: { ...d.bookingReminders, ...stored.bookingReminders },
  };
}

/**
 * Fills `{business}`, `{contactNumber}`, `{bookingLink}` and any `extra` variables (`{window}`) in the template `name`, in Spanish when
 * `language` is `es` and a Spanish template exists. Unknown `{names}` are left as written.
 */
export function renderTemplate(policy: OrganizationPolicy, name: keyof MessageTemplates, language: 'en' | 'es' = 'en', extra: Record<string, string> = {}): string {
  const template = (language === 'es' ? policy.templatesEs[name] : undefined) ?? policy.templates[name];
  const vars: Record<string, string> = {
    business: policy.businessName,
    contactNumber: policy.contactNumberE164,
    bookingLink: policy.bookingLink ?? `(booking link coming soon: call ${policy.contactNumberE164})`,
    ...extra,
  };
  return template.replace(/\{(\w+)\}/g, (whole, v: string) => vars[v] ?? whole);
}
