/** How a lead is named in lists: the contact's name, else their formatted phone; the source, else the number called. */
import type { LeadSummary } from '../api/types';
import { formatPhone } from '../format/format-phone';

export function callerName(lead: Pick<LeadSummary, 'contact'>): string {
  return lead.contact.name?.trim() || formatPhone(lead.contact.phone);
}

export function sourceName(lead: Pick<LeadSummary, 'source'>): string {
  return lead.source.leadSource?.trim() || formatPhone(lead.source.number);
}

/** The phone to show beside a name; null when the caller is already named by their phone. */
export function callerPhoneIfNamed(lead: Pick<LeadSummary, 'contact'>): string | null {
  return lead.contact.name?.trim() ? formatPhone(lead.contact.phone) : null;
}
