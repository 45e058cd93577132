/**
 * Templates a person can start a reply from (issue 5, the lead thread's composer): the
 * organization's message templates in English and Spanish, rendered for one lead. Pure.
 */
import type { MessageTemplates, OrganizationPolicy } from './policy.ts';

/** One ready-to-edit reply. `id` is `<language>.<template name>`, e.g. `es.bookingOffer`. */
export interface ReplyTemplate {
  id: string;
  label: string;
  language: 'en' | 'es';
  body: string;
}

/** What the variables of a reply stand for, besides the organization's own. */
export interface ReplyVariables {
  /** The customer's name as stored (the first word is used), or null when unknown. */
  contactName: string | null;
  /** Who replies: the signed-in person's name (`{agentName}`). */
  agentName: string;
}

/** Templates that confirm a customer's own keyword: sent by Ringback itself, never offered to people. */
/** Messages only Ringback sends: keyword confirmations, and booking notices (they name a booking's window). */
const KEYWORD_REPLIES: ReadonlySet<string> = new Set(['optOutConfirmation', 'optInConfirmation', 'bookingConfirmation', 'bookingRescheduled', 'bookingCanceled', 'bookingReminder', 'slotTaken']);

const LABELS: Partial<Record<keyof MessageTemplates, string>> = {
  textBack: 'Missed-call text-back',
  help: 'Help',
  safetyGas: 'Safety: gas smell',
  safetyCo: 'Safety: CO alarm',
  safetyElectrical: 'Safety: electrical hazard',
  emergencyAck: 'Emergency: on our way',
  bookingOffer: 'Booking offer',
  pricingInfo: 'Pricing: free estimate',
  outOfArea: 'Outside our service area',
};

/** `bookingOffer` → `Booking offer`, for templates added after this table. */
function humanize(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Fills `{firstName}`, `{business}` / `{businessName}`, `{bookingLink}`, `{agentName}` and
 * `{contactNumber}`. Without a customer name, `{firstName}` is "there" in English and left out in
 * Spanish (with the space or comma before it tidied). Unknown `{names}` are left as written.
 */
export function renderReply(template: string, policy: OrganizationPolicy, language: 'en' | 'es', vars: ReplyVariables): string {
  const firstName = vars.contactName?.trim().split(/\s+/)[0] || (language === 'en' ? 'there' : '');
  const values: Record<string, string> = {
    firstName,
    business: policy.businessName,
    businessName: policy.businessName,
    bookingLink: policy.bookingLink ?? `(booking link coming soon: call ${policy.contactNumberE164})`,
    agentName: vars.agentName,
    contactNumber: policy.contactNumberE164,
  };
  return template
    .replace(/\{(\w+)\}/g, (whole, v: string) => values[v] ?? whole)
    .replace(/ +([,.!?])/g, '$1')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * The organization's templates rendered for a lead: every English template, then every Spanish one
 * the organization has (a missing Spanish template is not listed; the English one serves), minus the
 * keyword confirmations (opt-out / opt-in) and the booking notices, which only Ringback sends.
 */
export function replyTemplates(policy: OrganizationPolicy, vars: ReplyVariables): ReplyTemplate[] {
  const out: ReplyTemplate[] = [];
  const add = (language: 'en' | 'es', templates: Partial<MessageTemplates>) => {
    for (const [name, template] of Object.entries(templates)) {
      if (KEYWORD_REPLIES.has(name) || typeof template !== 'string' || !template.trim()) continue;
      const label = LABELS[name as keyof MessageTemplates] ?? humanize(name);
      out.push({ id: `${language}.${name}`, label: language === 'es' ? `${label} (Spanish)` : label, language, body: renderReply(template, policy, language, vars) });
    }
  };
  add('en', policy.templates);
  add('es', policy.templatesEs);
  return out;
}
