/**
 * A lead's public booking page, `/b/<token>`: tokens are random (128 bits, base64url), only their
 * SHA-256 is stored, and a link expires `BOOKING_LINK_TTL_DAYS` after it was last sent.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecretToken } from '../crypto/credentials.ts';
import { eq } from 'drizzle-orm';
import { nextOpenings } from '../core/booking/openings.ts';
import type { BookingContext } from '../core/lead/inputs.ts';
import type { OrganizationPolicy } from '../core/lead/policy.ts';
import type { Db, Tx } from '../db/client.ts';
import { bookingLinks } from '../db/schema.ts';
import { loadCapacityUse } from './booking-capacity.ts';

/** How long a booking link works after it was sent (days). */
export const BOOKING_LINK_TTL_DAYS = 7;
/** How many openings the booking context carries (enough to answer "thursday afternoon" two weeks out). */
const CONTEXT_OPENINGS = 40;

/** A new link token and its path (`/b/<token>`); nothing is stored until `storeBookingLink`. */
export function newBookingLinkToken(): { token: string; path: string } {
  const token = randomBytes(16).toString('base64url');
  return { token, path: `/b/${token}` };
}


/** Stores the link (its hash) for the lead, valid `BOOKING_LINK_TTL_DAYS` from `now`. */
export async function storeBookingLink(tx: Tx | Db, org: { id: string }, leadId: string, link: { token: string }, now: Date): Promise<Date> {
  const expiresAt = new Date(now.getTime() + BOOKING_LINK_TTL_DAYS * 24 * 60 * 60 * 1000);
  await tx.insert(bookingLinks).values({ id: randomUUID(), organizationId: org.id, leadId, tokenHash: hashSecretToken(link.token), expiresAt, createdAt: now });
  return expiresAt;
}

/**
 * Issues a fresh booking link for the lead (e.g. for a person to send, or a test): `url` is
 * `${publicUrl}/b/<token>`; the token is shown only here.
 */
export async function issueBookingLink(db: Db | Tx, org: { id: string }, leadId: string, now: Date, publicUrl: string): Promise<{ token: string; url: string; expiresAt: string }> {
  const link = newBookingLinkToken();
  const expiresAt = await storeBookingLink(db, org, leadId, link, now);
  return { token: link.token, url: `${publicUrl}${link.path}`, expiresAt: expiresAt.toISOString() };
}

/** The booking context for a customer's message: the next openings (default job type) and `link`. */
export async function bookingContextFor(tx: Tx | Db, org: { id: string; policy: OrganizationPolicy }, now: Date, link: string | null): Promise<BookingContext> {
  const use = await loadCapacityUse(tx, org.id, now, { horizonDays: org.policy.availability.horizonDays });
  const openings = nextOpenings(org.policy.availability, org.policy.timeZone, { now: now.toISOString(), booked: use.booked, holds: use.holds, count: CONTEXT_OPENINGS });
  return { openings, link };
}

/** The lead behind a booking link token (`expired: true` once past `expiresAt` at `now`, so the page can say "expired" rather than "unknown"), or null for an unknown token. */
export async function findBookingLink(db: Db | Tx, token: string, now: Date): Promise<{ organizationId: string; leadId: string; expiresAt: string; expired: boolean } | null> {
  if (!/^[A-Za-z0-9_-]{10,64}$/.test(token)) return null;
  const [row] = await db
    .select({ organizationId: bookingLinks.organizationId, leadId: bookingLinks.leadId, expiresAt: bookingLinks.expiresAt })
    .from(bookingLinks)
    .where(eq(bookingLinks.tokenHash, hashSecretToken(token)));
  return row ? { organizationId: row.organizationId, leadId: row.leadId, expiresAt: row.expiresAt.toISOString(), expired: row.expiresAt <= now } : null;
}
