/**
 * The booking API (DESIGN.md §6, issue 6): availability, and booking, moving and canceling arrival
 * windows. Reads need `leads:read` (a technician sees only bookings assigned to them), writes
 * `leads:work`. `POST /api/v1/bookings` takes an `Idempotency-Key` (required with an API key): the same
 * key and body return the same booking (`Idempotency-Replayed: true`), the same key with another body
 * is a 422. Errors are problem details.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { cancelBooking, createBooking, getBooking, listBookings, listOpenings, rescheduleBooking, type BookingView } from '../../../app/bookings.ts';
import { isLeadVisible } from '../../../app/lead-views.ts';
import { LeadNotFoundError } from '../../../app/record-lead-input.ts';
import { isUuid } from '../../../db/ids.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Access } from './access.ts';
import { leadScope } from './lead-routes.ts';

const security = [{ apiKey: [] }];
const DAY_MS = 24 * 60 * 60 * 1000;
/** The widest range one availability or bookings request may ask for (days). */
const MAX_RANGE_DAYS = 92;

const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().max(max).nullable().optional();

const availabilityQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    jobType: z.string().min(1).max(80).optional(),
    includeFull: z.enum(['true', 'false']).optional(),
  })
  .strict();
const bookingsQuery = z
  .object({
    from: instant.optional(),
    to: instant.optional(),
    technicianId: z.string().min(1).max(80).optional(),
    status: z.enum(['booked', 'canceled']).optional(),
  })
  .strict();
const createBody = z
  .object({
    leadId: z.string().refine(isUuid, 'must be a lead id (UUID)'),
    start: instant,
    end: instant,
    jobType: text(80),
    notes: text(2000),
    technicianId: z.string().min(1).max(80).nullable().optional(),
    customerName: text(120),
    address: text(300),
    zip: text(10),
    problem: text(2000),
  })
  .strict();
const patchBody = z
  .object({ start: instant.optional(), end: instant.optional(), technicianId: z.string().min(1).max(80).nullable().optional(), notes: text(2000) })
  .strict()
  .refine((b) => (b.start === undefined) === (b.end === undefined), { message: 'start and end move together: send both', path: ['end'] });
const cancelBody = z.object({ reason: text(500) }).strict().optional();
const idempotencyKey = z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

const openingSchema = {
  type: 'object',
  properties: {
    start: { type: 'string', format: 'date-time' },
    end: { type: 'string', format: 'date-time' },
    remaining: { type: 'integer', description: 'bookings this window still takes' },
  },
} as const;
const bookingSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    leadId: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['booked', 'canceled'] },
    start: { type: 'string', format: 'date-time', description: 'arrival window start' },
    end: { type: 'string', format: 'date-time', description: 'arrival window end' },
    jobType: { type: ['string', 'null'] },
    technicianId: { type: ['string', 'null'] },
    technicianName: { type: ['string', 'null'] },
    customerName: { type: ['string', 'null'] },
    phone: { type: 'string', description: 'E.164' },
    address: { type: ['string', 'null'] },
    zip: { type: ['string', 'null'] },
    problem: { type: ['string', 'null'] },
    notes: { type: ['string', 'null'] },
    source: { type: 'string', enum: ['sms', 'link', 'dispatcher', 'api'] },
    version: { type: 'integer', description: 'grows on every move or reassignment' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    canceledAt: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } } as const;
/** zod validates (with field paths); the JSON schemas document. */
const docsOnly = { validatorCompiler: () => () => true } as const;

const notFound = (id: string) => new AppError('RB_ERR_NOT_FOUND', `No booking ${id} in this organization.`);

function range(from: string | undefined, to: string | undefined, now: Date, defaultDays: number): { from: Date; to: Date } {
  const start = from ? new Date(from) : now;
  const end = to ? new Date(to) : new Date(start.getTime() + defaultDays * DAY_MS);
  if (end < start) throw new AppError('RB_ERR_VALIDATION', 'to: is before from', { errors: [{ path: 'to', message: 'is before from' }] });
  if (end.getTime() - start.getTime() > MAX_RANGE_DAYS * DAY_MS) {
    throw new AppError('RB_ERR_VALIDATION', `to: at most ${MAX_RANGE_DAYS} days after from`, { errors: [{ path: 'to', message: `at most ${MAX_RANGE_DAYS} days after from` }] });
  }
  return { from: start, to: end };
}

/** The booking when `access` may see it (a technician: only their own), else 404. */
async function visibleBooking(ctx: AppContext, access: Access, id: string): Promise<BookingView> {
  if (!isUuid(id)) throw notFound(id);
  const booking = await getBooking(ctx.database.db, access.org.id, id);
  if (!booking || (!access.seesAllLeads && booking.technicianId !== access.userId)) throw notFound(id);
  return booking;
}

/** Registers `/api/v1/availability` and `/api/v1/bookings*`. */
export function registerBookingRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get(
    '/api/v1/availability',
    {
      schema: {
        summary: 'Bookable arrival windows',
        description:
          "Arrival windows in `[from, to)` (default: the next 14 days) that can take one more booking, from the organization's availability policy (windows, capacity, lead time, horizon, holidays, blackout dates) minus live bookings and holds. `includeFull=true` also lists full windows with `remaining: 0`.",
        security,
        querystring: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, jobType: { type: 'string' }, includeFull: { type: 'string', enum: ['true', 'false'] } } },
        response: { 200: { type: 'array', items: openingSchema } },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      const q = availabilityQuery.parse(request.query);
      const now = ctx.clock();
      const r = range(q.from, q.to, now, 14);
      return listOpenings(db, access.org, { from: r.from.toISOString(), to: r.to.toISOString(), now, jobType: q.jobType ?? null, includeFull: q.includeFull === 'true' });
    },
  );

  app.get(
    '/api/v1/bookings',
    {
      schema: {
        summary: 'Bookings whose window starts in [from, to)',
        description: 'Default: from now for 14 days. A technician sees only the bookings assigned to them.',
        security,
        querystring: { type: 'object', properties: { from: { type: 'string', format: 'date-time' }, to: { type: 'string', format: 'date-time' }, technicianId: { type: 'string' }, status: { type: 'string', enum: ['booked', 'canceled'] } } },
        response: { 200: { type: 'array', items: bookingSchema } },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      const q = bookingsQuery.parse(request.query);
      const r = range(q.from, q.to, ctx.clock(), 14);
      const technicianId = access.seesAllLeads ? q.technicianId : (access.userId ?? '');
      return listBookings(db, access.org.id, { from: r.from, to: r.to, technicianId, status: q.status });
    },
  );

  app.get(
    '/api/v1/bookings/:id',
    { schema: { summary: 'One booking', security, params: idParams, response: { 200: bookingSchema } }, ...docsOnly },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      return visibleBooking(ctx, access, (request.params as { id: string }).id);
    },
  );

  app.post(
    '/api/v1/bookings',
    {
      schema: {
        summary: 'Book a lead into an arrival window',
        description:
          'The window must be one `GET /api/v1/availability` offers (409 `RB_ERR_SLOT_UNAVAILABLE` otherwise). Capacity is enforced in the database, so parallel requests never overbook. The lead becomes booked (outcome `booked`), its follow-ups stop, the customer gets a confirmation and a reminder the evening before. `Idempotency-Key` (required with an API key): a retry with the same key and body returns the same booking with 200 and `Idempotency-Replayed: true`.',
        security,
        headers: { type: 'object', properties: { 'idempotency-key': { type: 'string', maxLength: 255 } } },
        body: {
          type: 'object',
          required: ['leadId', 'start', 'end'],
          properties: {
            leadId: { type: 'string', format: 'uuid' },
            start: { type: 'string', format: 'date-time' },
            end: { type: 'string', format: 'date-time' },
            jobType: { type: ['string', 'null'] },
            notes: { type: ['string', 'null'] },
            technicianId: { type: ['string', 'null'] },
            customerName: { type: ['string', 'null'] },
            address: { type: ['string', 'null'] },
            zip: { type: ['string', 'null'], description: '5-digit ZIP; must be in the service area when one is set' },
            problem: { type: ['string', 'null'] },
          },
        },
        response: { 200: bookingSchema, 201: bookingSchema },
      },
      ...docsOnly,
    },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const rawKey = request.headers['idempotency-key'];
      const key = rawKey === undefined ? null : idempotencyKey.safeParse(rawKey);
      if (key && !key.success) throw new AppError('RB_ERR_VALIDATION', 'Idempotency-Key: printable ASCII without spaces, at most 255 characters', { errors: [{ path: 'Idempotency-Key', message: 'invalid' }] });
      if (!key && access.role === 'api_key') {
        throw new AppError('RB_ERR_VALIDATION', 'Idempotency-Key: required with an API key, so a retried request books once', { errors: [{ path: 'Idempotency-Key', message: 'required' }] });
      }
      const body = createBody.parse(request.body);
      const scope = leadScope(access);
      // Never echo an id from the body: it may be another organization's (the 404 says nothing of it).
      if (!(await isLeadVisible(db, scope, body.leadId))) throw new AppError('RB_ERR_NOT_FOUND', 'leadId: no such lead in this organization.');
      try {
        const { booking, replayed } = await createBooking(
          ctx.recordDeps,
          access.org,
          { ...body, source: access.role === 'api_key' ? 'api' : 'dispatcher', actor: access.actor, idempotencyKey: key ? key.data : null },
          ctx.clock(),
        );
        if (replayed) reply.header('idempotency-replayed', 'true');
        return reply.code(replayed ? 200 : 201).send(booking);
      } catch (err) {
        if (err instanceof LeadNotFoundError) throw new AppError('RB_ERR_NOT_FOUND', 'leadId: no such lead in this organization.');
        throw err;
      }
    },
  );

  app.patch(
    '/api/v1/bookings/:id',
    {
      schema: {
        summary: 'Move or reassign a booking',
        description: 'A new window (`start` and `end` together) must have room (409 otherwise); the customer is told and the reminders follow. `technicianId` assigns (null unassigns).',
        security,
        params: idParams,
        body: { type: 'object', properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, technicianId: { type: ['string', 'null'] }, notes: { type: ['string', 'null'] } } },
        response: { 200: bookingSchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const booking = await visibleBooking(ctx, access, (request.params as { id: string }).id);
      const body = patchBody.parse(request.body ?? {});
      return rescheduleBooking(ctx.recordDeps, access.org, booking.id, { ...body, actor: access.actor }, ctx.clock());
    },
  );

  app.delete(
    '/api/v1/bookings/:id',
    {
      schema: {
        summary: 'Cancel a booking',
        description: 'Frees the window at once; pending reminders send nothing; the customer is told and the lead reopens with a call-back task. Canceling a canceled booking returns it unchanged.',
        security,
        params: idParams,
        response: { 200: bookingSchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const booking = await visibleBooking(ctx, access, (request.params as { id: string }).id);
      const body = cancelBody.parse(request.body ?? undefined);
      return cancelBooking(ctx.recordDeps, access.org, booking.id, { actor: access.actor, reason: body?.reason ?? null }, ctx.clock());
    },
  );
}
