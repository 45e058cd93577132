/**
 * What the public booking page reads about a link and its lead, beyond the booking service
 * (`src/app/bookings.ts`): whether a token is live, expired or unknown, the customer's language and
 * what we already know of them (to fill the form in), and the lead's current hold.
 */
import { and, desc, eq } from 'drizzle-orm';
import { findBookingLink } from '../../app/booking-links.ts';
import type { Db } from '../../db/client.ts';
import { bookingHolds, contacts, events, leads } from '../../db/schema.ts';
import type { BookingPageLanguage } from './booking-page-text.ts';

/** A token's state at `now`: `live` (the lead behind it), `expired` (whose it was), or `unknown`. */
export type BookingLinkState =
  | { state: 'live'; organizationId: string; leadId: string; expiresAt: string }
  | { state: 'expired'; organizationId: string; leadId: string; expiresAt: string }
  | { state: 'unknown' };

/**
 * Looks `token` up at `now`; an expired link is told apart from an unknown one, so its page can name
 * the business and its phone.
 */
export async function bookingLinkState(db: Db, token: string, now: Date): Promise<BookingLinkState> {
  const link = await findBookingLink(db, token, now);
  if (!link) return { state: 'unknown' };
  const { expired, ...rest } = link;
  return { state: expired ? 'expired' : 'live', ...rest };
}

/**
 * The customer behind the lead as the page greets them: `language` from the lead's last classified
 * message (`classified` events carry triage's `language`; none → `'en'`), and the contact's stored
 * `name` and `zip` (null when unknown) to fill the form in.
 */
export async function bookingPageCustomer(db: Db, organizationId: string, leadId: string): Promise<{ language: BookingPageLanguage; name: string | null; zip: string | null }> {
  const [contact] = await db
    .select({ name: contacts.name, zip: contacts.zip })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(eq(leads.organizationId, organizationId), eq(leads.id, leadId)));
  const [classified] = await db
    .select({ data: events.data })
    .from(events)
    .where(and(eq(events.organizationId, organizationId), eq(events.leadId, leadId), eq(events.type, 'classified')))
    .orderBy(desc(events.id))
    .limit(1);
  const language = classified?.data.language === 'es' ? 'es' : 'en';
  return { language, name: contact?.name ?? null, zip: contact?.zip ?? null };
}

/** The lead's hold (holds replace each other, so at most one), or null; expired holds included (the page says so). */
export async function currentHold(db: Db, organizationId: string, leadId: string): Promise<{ start: string; end: string; expiresAt: Date } | null> {
  const [hold] = await db
    .select({ start: bookingHolds.startAt, end: bookingHolds.endAt, expiresAt: bookingHolds.expiresAt })
    .from(bookingHolds)
    .where(and(eq(bookingHolds.organizationId, organizationId), eq(bookingHolds.leadId, leadId)))
    .orderBy(desc(bookingHolds.expiresAt))
    .limit(1);
  return hold ? { start: hold.start.toISOString(), end: hold.end.toISOString(), expiresAt: hold.expiresAt } : null;
}
