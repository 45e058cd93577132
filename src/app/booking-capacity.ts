/**
 * What takes capacity right now: the organization's live bookings and unexpired holds, read for the
 * pure slot math in `src/core/booking/openings.ts`, and the lock that makes booking one at a time.
 */
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { BookedSlot, SlotHold } from '../core/booking/openings.ts';
import type { Db, Tx } from '../db/client.ts';
import { bookingHolds, bookings } from '../db/schema.ts';

/** Live bookings and holds of an organization, in the shapes `openings` takes. */
export interface CapacityUse {
  booked: BookedSlot[];
  holds: SlotHold[];
}

/**
 * Loads the live bookings ending after `now` (and, with `horizonDays`, starting before the horizon's
 * end) and the holds unexpired at `now`. `exceptLeadId` leaves that lead's holds out (a customer's own hold does not count against their booking); `exceptBookingId`
 * leaves one booking out (the one being moved).
 */
export async function loadCapacityUse(
  db: Db | Tx,
  organizationId: string,
  now: Date,
  opts: { exceptLeadId?: string; exceptBookingId?: string; horizonDays?: number } = {},
): Promise<CapacityUse> {
  // Openings end at the horizon (`openings` never offers a later window): later bookings cannot matter.
  const until = opts.horizonDays === undefined ? null : new Date(now.getTime() + (opts.horizonDays + 2) * 24 * 60 * 60 * 1000);
  const bookedRows = await db
    .select({ start: bookings.startAt, end: bookings.endAt, jobType: bookings.jobType })
    .from(bookings)
    .where(
      and(
        eq(bookings.organizationId, organizationId),
        eq(bookings.status, 'booked'),
        gt(bookings.endAt, now),
        until ? lt(bookings.startAt, until) : undefined,
        opts.exceptBookingId ? ne(bookings.id, opts.exceptBookingId) : undefined,
      ),
    );
  const holdRows = await db
    .select({ start: bookingHolds.startAt, end: bookingHolds.endAt, jobType: bookingHolds.jobType, expiresAt: bookingHolds.expiresAt })
    .from(bookingHolds)
    .where(
      and(
        eq(bookingHolds.organizationId, organizationId),
        gt(bookingHolds.expiresAt, now),
        opts.exceptLeadId ? ne(bookingHolds.leadId, opts.exceptLeadId) : undefined,
      ),
    );
  return {
    booked: bookedRows.map((r) => ({ start: r.start.toISOString(), end: r.end.toISOString(), jobType: r.jobType })),
    holds: holdRows.map((r) => ({ start: r.start.toISOString(), end: r.end.toISOString(), jobType: r.jobType, expiresAt: r.expiresAt.toISOString() })),
  };
}

/**
 * Takes the organization's booking lock until the transaction ends (a PostgreSQL transaction-level
 * advisory lock): every booking, hold, move and cancel of one organization runs one at a time, so the
 * capacity read and the insert that follows it cannot interleave with another's (docs/decisions/0007).
 */
export async function lockBookingCapacity(tx: Tx, organizationId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ringback:booking:${organizationId}`}, 0))`);
}
