/**
 * The bookings a calendar feed carries: those of the organization (or assigned to one person) whose
 * arrival window overlaps the feed's window, live and canceled alike (a canceled one is sent with
 * `STATUS:CANCELLED` so subscribed calendars remove it), with the customer's phone and the
 * technician's name.
 */
import { and, asc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { bookings, contacts, users } from '../../db/schema.ts';
import { MAX_HORIZON_DAYS } from '../../core/booking/availability-policy.ts';

/** How far back a feed reaches (days): last month's visits stay on the calendar for reference. */
export const FEED_PAST_DAYS = 30;
/**
 * How far ahead a feed reaches (days): the longest booking horizon an organization may set, so every
 * bookable window is covered, and so are bookings made before the horizon was shortened.
 */
export const FEED_FUTURE_DAYS = MAX_HORIZON_DAYS;
/** A bound on one feed's size: far above a year of a busy shop's visits for one calendar. */
const MAX_FEED_EVENTS = 5000;

/** One booking as a feed shows it. Instants are `Date`s (UTC); `phoneE164` is the contact's. */
export interface FeedBooking {
  id: string;
  leadId: string;
  status: 'booked' | 'canceled';
  startAt: Date;
  endAt: Date;
  jobType: string | null;
  customerName: string | null;
  phoneE164: string;
  address: string | null;
  zip: string | null;
  problem: string | null;
  notes: string | null;
  technicianName: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** The window a feed served at `now` covers: `[now − FEED_PAST_DAYS, now + FEED_FUTURE_DAYS)`. */
export function feedWindow(now: Date): { from: Date; to: Date } {
  const day = 24 * 60 * 60 * 1000;
  return { from: new Date(now.getTime() - FEED_PAST_DAYS * day), to: new Date(now.getTime() + FEED_FUTURE_DAYS * day) };
}

/**
 * The organization's bookings (only `technicianId`'s when given) whose window overlaps `[from, to)`,
 * earliest first, at most `MAX_FEED_EVENTS`. The customer's name falls back to the contact's.
 */
export async function loadFeedBookings(db: Db, organizationId: string, window: { from: Date; to: Date }, technicianId: string | null): Promise<FeedBooking[]> {
  const rows = await db
    .select({
      id: bookings.id,
      leadId: bookings.leadId,
      status: bookings.status,
      startAt: bookings.startAt,
      endAt: bookings.endAt,
      jobType: bookings.jobType,
      customerName: bookings.customerName,
      contactName: contacts.name,
      phoneE164: contacts.phoneE164,
      address: bookings.address,
      zip: bookings.zip,
      problem: bookings.problem,
      notes: bookings.notes,
      technicianName: users.name,
      version: bookings.version,
      createdAt: bookings.createdAt,
      updatedAt: bookings.updatedAt,
    })
    .from(bookings)
    .innerJoin(contacts, and(eq(contacts.id, bookings.contactId), eq(contacts.organizationId, bookings.organizationId)))
    .leftJoin(users, eq(users.id, bookings.technicianId))
    .where(
      and(
        eq(bookings.organizationId, organizationId),
        lt(bookings.startAt, window.to),
        gt(bookings.endAt, window.from),
        technicianId === null ? undefined : eq(bookings.technicianId, technicianId),
      ),
    )
    .orderBy(asc(bookings.startAt), asc(bookings.id))
    .limit(MAX_FEED_EVENTS);
  return rows.map(({ contactName, ...r }) => ({ ...r, customerName: r.customerName ?? contactName }));
}
