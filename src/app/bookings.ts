/**
 * The booking service (issue 6): openings, holds, booking, moving and canceling, each in one
 * transaction under the organization's booking lock, and each recorded on the lead through `decide`
 * (`booking_recorded`) in that same transaction, so a lead is `booked` exactly when a booking row is.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import { openingAt, openings, type Opening } from '../core/booking/openings.ts';
import type { BookingRecorded, BookingSnapshot } from '../core/lead/inputs.ts';
import type { OrganizationPolicy } from '../core/lead/policy.ts';
import type { Db, Tx } from '../db/client.ts';
import { bookingHolds, bookings, contacts, leads, memberships, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { loadCapacityUse, lockBookingCapacity } from './booking-capacity.ts';
import { announceRecorded, LeadNotFoundError, recordLeadInputInTransaction, type RecordedInTransaction, type RecordLeadInputDeps } from './record-lead-input.ts';

type Org = { id: string; policy: OrganizationPolicy };
type BookingRow = typeof bookings.$inferSelect;

/** A booking as the API and the app show it. Instants are ISO-8601 UTC; `phone` is E.164. */
export interface BookingView {
  id: string;
  leadId: string;
  status: 'booked' | 'canceled';
  start: string;
  end: string;
  jobType: string | null;
  technicianId: string | null;
  technicianName: string | null;
  customerName: string | null;
  phone: string;
  address: string | null;
  zip: string | null;
  problem: string | null;
  notes: string | null;
  source: 'sms' | 'link' | 'dispatcher' | 'api';
  version: number;
  createdAt: string;
  updatedAt: string;
  canceledAt: string | null;
}

/** What a booking request carries (API, dispatcher, booking page, a slot reply). */
export interface CreateBookingRequest {
  leadId: string;
  /** The arrival window, ISO-8601 instants; it must be one of the openings. */
  start: string;
  end: string;
  jobType?: string | null;
  notes?: string | null;
  technicianId?: string | null;
  customerName?: string | null;
  address?: string | null;
  /** 5-digit ZIP; checked against `policy.serviceAreaZips` when that is not empty. */
  zip?: string | null;
  problem?: string | null;
  source: BookingView['source'];
  /** `customer`, `user:<id>` or `api_key:<prefix>`. */
  actor: string;
  /** The `Idempotency-Key`: the same key and request return the same booking. */
  idempotencyKey?: string | null;
}

/** Options for the service's writes: `extra` runs inside the transaction (e.g. marking an outbox row done). */
export interface BookingWriteOptions {
  extra?: (tx: Tx) => Promise<void>;
}

/**
 * The bookable openings in `[from, to)` (ISO instants) for `jobType`, from the organization's policy and
 * its live bookings and holds. `includeFull` also returns full windows (`remaining: 0`).
 * Throws `RangeError` for malformed instants (see `openings`).
 */
export async function listOpenings(
  db: Db | Tx,
  org: Org,
  query: { from: string; to: string; now: Date; jobType?: string | null; includeFull?: boolean; exceptHoldsOfLeadId?: string },
): Promise<Opening[]> {
  const use = await loadCapacityUse(db, org.id, query.now, { exceptLeadId: query.exceptHoldsOfLeadId });
  return openings(org.policy.availability, org.policy.timeZone, {
    from: query.from,
    to: query.to,
    now: query.now.toISOString(),
    jobType: query.jobType ?? null,
    booked: use.booked,
    holds: use.holds,
    includeFull: query.includeFull ?? false,
  });
}

/**
 * Holds the window `[start, end)` for the lead while the customer confirms on the booking page
 * (`policy.availability.holdMinutes`), replacing the lead's earlier holds. Throws `AppError`
 * `RB_ERR_SLOT_UNAVAILABLE` when the window cannot be booked now, `LeadNotFoundError` for an unknown lead.
 */
export async function holdSlot(deps: Pick<RecordLeadInputDeps, 'database'>, org: Org, req: { leadId: string; start: string; end: string; jobType?: string | null }, now: Date): Promise<{ start: string; end: string; expiresAt: string }> {
  return deps.database.db.transaction(async (tx) => {
    await lockBookingCapacity(tx, org.id);
    await requireLead(tx, org.id, req.leadId);
    const opening = await checkOpening(tx, org, { ...req, now, exceptLeadId: req.leadId });
    await tx.delete(bookingHolds).where(and(eq(bookingHolds.organizationId, org.id), eq(bookingHolds.leadId, req.leadId)));
    const expiresAt = new Date(now.getTime() + org.policy.availability.holdMinutes * 60_000);
    await tx.insert(bookingHolds).values({
      id: randomUUID(),
      organizationId: org.id,
      leadId: req.leadId,
      startAt: new Date(opening.start),
      endAt: new Date(opening.end),
      jobType: req.jobType ?? null,
      expiresAt,
      createdAt: now,
    });
    return { start: opening.start, end: opening.end, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * Books the lead into an opening. In one transaction under the organization's booking lock: the
 * idempotency key is looked up (same key and request → the stored booking, `replayed: true`; same key,
 * different request → `RB_ERR_IDEMPOTENCY_KEY_REUSED`), the window is checked against capacity (the
 * lead's own hold does not count), the row is inserted and the lead records `booking_recorded`
 * (confirmation, reminders, outcome `booked`); the lead's holds are released.
 * Throws `AppError` `RB_ERR_SLOT_UNAVAILABLE` (409), `RB_ERR_LEAD_ALREADY_BOOKED` (409),
 * `RB_ERR_OUT_OF_SERVICE_AREA` (422), `RB_ERR_VALIDATION` (technician not in the organization),
 * `RB_ERR_IDEMPOTENCY_KEY_REUSED` (422); `LeadNotFoundError` for an unknown lead.
 */
export async function createBooking(deps: RecordLeadInputDeps, org: Org, req: CreateBookingRequest, now: Date, opts: BookingWriteOptions = {}): Promise<{ booking: BookingView; replayed: boolean }> {
  const requestHash = hashRequest(req);
  const db = deps.database.db;
  const result = await db.transaction(async (tx) => {
    await lockBookingCapacity(tx, org.id);
    if (req.idempotencyKey) {
      const [existing] = await tx.select().from(bookings).where(and(eq(bookings.organizationId, org.id), eq(bookings.idempotencyKey, req.idempotencyKey)));
      if (existing) {
        if (existing.requestHash !== requestHash) {
          throw new AppError('RB_ERR_IDEMPOTENCY_KEY_REUSED', `Idempotency-Key "${req.idempotencyKey}" was used for a different booking request.`);
        }
        await opts.extra?.(tx);
        return { row: existing, recorded: null as RecordedInTransaction | null };
      }
    }
    const lead = await requireLead(tx, org.id, req.leadId);
    if (lead.state.status !== 'none' && lead.state.booking?.status === 'booked') {
      throw new AppError('RB_ERR_LEAD_ALREADY_BOOKED', `Lead ${req.leadId} is already booked (booking ${lead.state.booking.id}): move or cancel that booking.`, { bookingId: lead.state.booking.id });
    }
    checkServiceArea(org, req.zip);
    if (req.technicianId) await requireTechnician(tx, org.id, req.technicianId);
    const opening = await checkOpening(tx, org, { start: req.start, end: req.end, jobType: req.jobType, now, exceptLeadId: req.leadId });
    const [row] = await tx
      .insert(bookings)
      .values({
        id: randomUUID(),
        organizationId: org.id,
        leadId: req.leadId,
        contactId: lead.contactId,
        startAt: new Date(opening.start),
        endAt: new Date(opening.end),
        jobType: clean(req.jobType),
        status: 'booked',
        technicianId: req.technicianId ?? null,
        customerName: clean(req.customerName),
        address: clean(req.address),
        zip: clean(req.zip),
        problem: clean(req.problem),
        notes: clean(req.notes),
        source: req.source,
        createdBy: req.actor,
        version: 1,
        idempotencyKey: req.idempotencyKey ?? null,
        requestHash,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('booking insert returned nothing');
    await tx.delete(bookingHolds).where(and(eq(bookingHolds.organizationId, org.id), eq(bookingHolds.leadId, req.leadId)));
    const recorded = await record(tx, deps, org, row, { type: 'booking_recorded', change: 'created', actor: req.actor, booking: snapshotOf(row) }, now);
    await opts.extra?.(tx);
    return { row, recorded };
  });
  if (result.recorded) await announceRecorded(deps, org, { type: 'booking_recorded' }, result.recorded);
  return { booking: (await viewsOf(db, org.id, [result.row]))[0]!, replayed: result.recorded === null };
}

/**
 * Moves and/or reassigns a live booking: `start`/`end` (together) to another opening (checked against
 * capacity without the booking itself), `technicianId` (null unassigns), `notes`. A change of window or
 * technician bumps `version` and records `booking_changed` on the lead (a moved window texts the
 * customer and reschedules the reminders). Throws `AppError` `RB_ERR_NOT_FOUND`, `RB_ERR_CONFLICT`
 * (canceled), `RB_ERR_SLOT_UNAVAILABLE`, `RB_ERR_VALIDATION`.
 */
export async function rescheduleBooking(
  deps: RecordLeadInputDeps,
  org: Org,
  bookingId: string,
  change: { start?: string; end?: string; technicianId?: string | null; notes?: string | null; actor: string },
  now: Date,
): Promise<BookingView> {
  const db = deps.database.db;
  const result = await db.transaction(async (tx) => {
    await lockBookingCapacity(tx, org.id);
    const current = await requireBooking(tx, org.id, bookingId);
    if (current.status !== 'booked') throw new AppError('RB_ERR_CONFLICT', `Booking ${bookingId} is canceled; book a new window instead.`);
    let startAt = current.startAt;
    let endAt = current.endAt;
    if (change.start !== undefined || change.end !== undefined) {
      if (change.start === undefined || change.end === undefined) throw new AppError('RB_ERR_VALIDATION', 'start and end move together: send both.');
      const moved = Date.parse(change.start) !== current.startAt.getTime() || Date.parse(change.end) !== current.endAt.getTime();
      if (moved) {
        const opening = await checkOpening(tx, org, { start: change.start, end: change.end, jobType: current.jobType, now, exceptLeadId: current.leadId, exceptBookingId: current.id });
        startAt = new Date(opening.start);
        endAt = new Date(opening.end);
      }
    }
    const technicianId = change.technicianId === undefined ? current.technicianId : change.technicianId;
    if (technicianId && technicianId !== current.technicianId) await requireTechnician(tx, org.id, technicianId);
    const significant = startAt.getTime() !== current.startAt.getTime() || endAt.getTime() !== current.endAt.getTime() || technicianId !== current.technicianId;
    const [row] = await tx
      .update(bookings)
      .set({ startAt, endAt, technicianId, notes: change.notes === undefined ? current.notes : clean(change.notes), version: significant ? current.version + 1 : current.version, updatedAt: now })
      .where(and(eq(bookings.organizationId, org.id), eq(bookings.id, bookingId)))
      .returning();
    if (!row) throw new Error('booking update returned nothing');
    const recorded = significant
      ? await record(tx, deps, org, row, {
          type: 'booking_recorded',
          change: 'changed',
          actor: change.actor,
          booking: snapshotOf(row),
          previous: { start: current.startAt.toISOString(), end: current.endAt.toISOString(), technicianId: current.technicianId },
        }, now)
      : null;
    return { row, recorded };
  });
  if (result.recorded) await announceRecorded(deps, org, { type: 'booking_recorded' }, result.recorded);
  return (await viewsOf(db, org.id, [result.row]))[0]!;
}

/**
 * Cancels a live booking (canceling a canceled one returns it unchanged): the row keeps its history
 * (`status: canceled`), its capacity frees at once, pending reminders send nothing, and the lead reopens
 * with a call-back task. Throws `AppError` `RB_ERR_NOT_FOUND`.
 */
export async function cancelBooking(deps: RecordLeadInputDeps, org: Org, bookingId: string, req: { actor: string; reason?: string | null }, now: Date): Promise<BookingView> {
  const db = deps.database.db;
  const result = await db.transaction(async (tx) => {
    await lockBookingCapacity(tx, org.id);
    const current = await requireBooking(tx, org.id, bookingId);
    if (current.status === 'canceled') return { row: current, recorded: null };
    const [row] = await tx
      .update(bookings)
      .set({ status: 'canceled', canceledAt: now, updatedAt: now, version: current.version + 1 })
      .where(and(eq(bookings.organizationId, org.id), eq(bookings.id, bookingId)))
      .returning();
    if (!row) throw new Error('booking update returned nothing');
    const recorded = await record(tx, deps, org, row, { type: 'booking_recorded', change: 'canceled', actor: req.actor, booking: snapshotOf(row), reason: clean(req.reason) }, now);
    return { row, recorded };
  });
  if (result.recorded) await announceRecorded(deps, org, { type: 'booking_recorded' }, result.recorded);
  return (await viewsOf(db, org.id, [result.row]))[0]!;
}

/** Bookings whose window starts in `[from, to)`, soonest first; filters by technician and status when given. */
export async function listBookings(
  db: Db,
  organizationId: string,
  query: { from: Date; to: Date; technicianId?: string; status?: 'booked' | 'canceled' },
): Promise<BookingView[]> {
  const rows = await db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.organizationId, organizationId),
        gte(bookings.startAt, query.from),
        lt(bookings.startAt, query.to),
        query.technicianId ? eq(bookings.technicianId, query.technicianId) : undefined,
        query.status ? eq(bookings.status, query.status) : undefined,
      ),
    )
    .orderBy(asc(bookings.startAt), asc(bookings.createdAt))
    .limit(2000);
  return viewsOf(db, organizationId, rows);
}

/** One booking of the organization, or null. */
export async function getBooking(db: Db, organizationId: string, bookingId: string): Promise<BookingView | null> {
  const [row] = await db.select().from(bookings).where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)));
  return row ? ((await viewsOf(db, organizationId, [row]))[0] ?? null) : null;
}

/** The lead's live booking, or null. */
export async function liveBookingOfLead(db: Db, organizationId: string, leadId: string): Promise<BookingView | null> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.organizationId, organizationId), eq(bookings.leadId, leadId), eq(bookings.status, 'booked')));
  return row ? ((await viewsOf(db, organizationId, [row]))[0] ?? null) : null;
}

// ---------------------------------------------------------------------------------------------------

async function record(tx: Tx, deps: RecordLeadInputDeps, org: Org, row: BookingRow, input: BookingRecorded, now: Date): Promise<RecordedInTransaction> {
  const recorded = await recordLeadInputInTransaction(tx, deps, org, { by: 'lead', leadId: row.leadId }, input, { now });
  const refused = recorded.decision?.refused;
  if (refused?.reason === 'already_booked') throw new AppError('RB_ERR_LEAD_ALREADY_BOOKED', refused.detail);
  if (refused) throw new AppError('RB_ERR_LEAD_ACTION_REFUSED', refused.detail, { reason: refused.reason });
  return recorded;
}

async function requireLead(tx: Tx, organizationId: string, leadId: string) {
  const [lead] = await tx.select({ id: leads.id, contactId: leads.contactId, state: leads.state }).from(leads).where(and(eq(leads.organizationId, organizationId), eq(leads.id, leadId)));
  if (!lead) throw new LeadNotFoundError(`No lead ${leadId} in this organization`);
  return lead;
}

async function requireBooking(tx: Tx, organizationId: string, bookingId: string): Promise<BookingRow> {
  const [row] = await tx.select().from(bookings).where(and(eq(bookings.organizationId, organizationId), eq(bookings.id, bookingId)));
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No booking ${bookingId} in this organization.`);
  return row;
}

async function requireTechnician(tx: Tx, organizationId: string, userId: string): Promise<void> {
  const [m] = await tx.select({ role: memberships.role }).from(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  if (!m) throw new AppError('RB_ERR_VALIDATION', `technicianId: ${userId} is not a member of this organization`, { errors: [{ path: 'technicianId', message: 'not a member of this organization' }] });
}

/** The opening exactly at `[start, end)`, or `RB_ERR_SLOT_UNAVAILABLE`. */
async function checkOpening(
  tx: Tx,
  org: Org,
  q: { start: string; end: string; jobType?: string | null; now: Date; exceptLeadId?: string; exceptBookingId?: string },
): Promise<Opening> {
  const startMs = Date.parse(q.start);
  const endMs = Date.parse(q.end);
  if (Number.isNaN(startMs) || Number.isNaN(endMs) || endMs <= startMs) {
    throw new AppError('RB_ERR_VALIDATION', 'start and end must be ISO-8601 instants with end after start.', { errors: [{ path: 'start', message: 'not a valid window' }] });
  }
  const use = await loadCapacityUse(tx, org.id, q.now, { exceptLeadId: q.exceptLeadId, exceptBookingId: q.exceptBookingId });
  const opening = openingAt(org.policy.availability, org.policy.timeZone, {
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    now: q.now.toISOString(),
    jobType: q.jobType ?? null,
    booked: use.booked,
    holds: use.holds,
  });
  if (!opening) {
    throw new AppError('RB_ERR_SLOT_UNAVAILABLE', `${new Date(startMs).toISOString()}–${new Date(endMs).toISOString()} cannot be booked: it is full, closed, too soon or not one of the arrival windows. GET /api/v1/availability lists what can be booked.`);
  }
  return opening;
}

function checkServiceArea(org: Org, zip: string | null | undefined): void {
  const z = clean(zip);
  if (z === null) return;
  if (!/^\d{5}$/.test(z)) throw new AppError('RB_ERR_VALIDATION', `zip: "${z}" is not a 5-digit ZIP`, { errors: [{ path: 'zip', message: 'must be a 5-digit ZIP' }] });
  const area = org.policy.serviceAreaZips;
  if (area.length > 0 && !area.includes(z)) throw new AppError('RB_ERR_OUT_OF_SERVICE_AREA', `ZIP ${z} is outside the service area.`, { zip: z });
}

function clean(v: string | null | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function hashRequest(req: CreateBookingRequest): string {
  const canonical = [req.leadId, Date.parse(req.start), Date.parse(req.end), req.jobType ?? null, req.notes ?? null, req.technicianId ?? null, req.customerName ?? null, req.address ?? null, req.zip ?? null, req.problem ?? null];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

function snapshotOf(row: BookingRow): BookingSnapshot {
  return {
    id: row.id,
    start: row.startAt.toISOString(),
    end: row.endAt.toISOString(),
    jobType: row.jobType,
    technicianId: row.technicianId,
    version: row.version,
    source: row.source,
    customerName: row.customerName,
    address: row.address,
    zip: row.zip,
    problem: row.problem,
    notes: row.notes,
  };
}

async function viewsOf(db: Db | Tx, organizationId: string, rows: BookingRow[]): Promise<BookingView[]> {
  if (rows.length === 0) return [];
  const phones = await db
    .select({ id: contacts.id, phone: contacts.phoneE164 })
    .from(contacts)
    .where(and(eq(contacts.organizationId, organizationId), inArray(contacts.id, [...new Set(rows.map((r) => r.contactId))])));
  const techIds = [...new Set(rows.map((r) => r.technicianId).filter((id): id is string => id !== null))];
  const techs = techIds.length > 0 ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, techIds)) : [];
  const phoneOf = new Map(phones.map((p) => [p.id, p.phone]));
  const nameOf = new Map(techs.map((t) => [t.id, t.name]));
  return rows.map((r) => ({
    id: r.id,
    leadId: r.leadId,
    status: r.status,
    start: r.startAt.toISOString(),
    end: r.endAt.toISOString(),
    jobType: r.jobType,
    technicianId: r.technicianId,
    technicianName: r.technicianId ? (nameOf.get(r.technicianId) ?? null) : null,
    customerName: r.customerName,
    phone: phoneOf.get(r.contactId) ?? '',
    address: r.address,
    zip: r.zip,
    problem: r.problem,
    notes: r.notes,
    source: r.source,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    canceledAt: r.canceledAt?.toISOString() ?? null,
  }));
}
