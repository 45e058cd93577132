/**
 * The public booking link (issue 6, item 3): `GET /b/<token>` shows the lead's openings;
 * `POST /b/<token>/hold` holds the picked window (`holdSlot`) and shows the details form;
 * `POST /b/<token>/confirm` books it (`createBooking`, source `link`, actor `customer`) and shows the
 * booking. No sign-in: the token is the secret (128 random bits, `src/app/booking-links.ts`), so every
 * route is rate-limited per client address. Answers are HTML pages, never problem documents: a window
 * that filled meanwhile (409), a missing or refused field (422) or a dead link (410 expired, 404
 * unknown) each get a page that says what to do, with what the customer typed kept.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createBooking, holdSlot, listOpenings, liveBookingOfLead, type BookingView } from '../../app/bookings.ts';
import { findOrganizationById, type OrganizationRow } from '../../app/organizations.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../context.ts';
import { bookingLinkState, bookingPageCustomer, currentHold } from './booking-page-lead.ts';
import { bookingPageText } from './booking-page-text.ts';
import { formField, readBookingForm, type BookingFormErrors, type BookingFormValues } from './booking-form.ts';
import { renderBookedPage, renderDetailsPage, renderLinkGonePage, renderOpeningsPage, type PageFrame } from './booking-page-view.ts';
import { groupOpeningsByDay, parseSlotValue, slotValue, windowLabel, type SlotChoice } from './opening-days.ts';

/** Requests per minute per client address on each booking page route (a customer needs a handful). */
export const BOOKING_PAGE_LIMIT_PER_MINUTE = 60;

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** An open link: its organization (policy completed), lead, and the page's frame. */
interface OpenLink {
  org: OrganizationRow;
  leadId: string;
  frame: PageFrame;
  customer: { name: string | null; zip: string | null };
}

/** Registers the booking page routes (hidden from the OpenAPI document: they serve people, not programs). */
export function registerBookingPageRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;
  const opts = {
    schema: { hide: true },
    config: { rateLimit: { max: BOOKING_PAGE_LIMIT_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (request: FastifyRequest) => request.ip } },
  } as const;
  const tokenOf = (request: FastifyRequest) => (request.params as { token: string }).token;

  const sendPage = (reply: FastifyReply, status: number, page: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').header('x-robots-tag', 'noindex').send(page);

  /** The link's lead, or the page for a dead link already sent (returns null then). */
  const open = async (request: FastifyRequest, reply: FastifyReply, now: Date): Promise<OpenLink | null> => {
    const token = tokenOf(request);
    const link = await bookingLinkState(db, token, now);
    const org = link.state === 'unknown' ? null : await findOrganizationById(db, link.organizationId);
    if (link.state === 'unknown' || !org) {
      await sendPage(reply, 404, renderLinkGonePage('unknown', null));
      return null;
    }
    const customer = await bookingPageCustomer(db, org.id, link.leadId);
    const business = { name: org.policy.businessName, phoneE164: org.policy.contactNumberE164 || null };
    if (link.state === 'expired') {
      await sendPage(reply, 410, renderLinkGonePage('expired', business, customer.language));
      return null;
    }
    return { org, leadId: link.leadId, frame: { business, language: customer.language, token }, customer };
  };

  const openingsPage = async (link: OpenLink, now: Date, message: string | null) => {
    const openings = await listOpenings(db, link.org, {
      from: now.toISOString(),
      to: new Date(now.getTime() + (link.org.policy.availability.horizonDays + 1) * MS_PER_DAY).toISOString(),
      now,
      exceptHoldsOfLeadId: link.leadId,
    });
    return renderOpeningsPage(link.frame, groupOpeningsByDay(openings, link.org.policy.timeZone, link.frame.language), message);
  };

  const bookedPage = (link: OpenLink, booking: BookingView, fresh: boolean) =>
    renderBookedPage(
      link.frame,
      { windowLabel: windowLabel(booking, link.org.policy.timeZone, link.frame.language), customerName: booking.customerName, address: booking.address, zip: booking.zip, problem: booking.problem },
      fresh,
    );

  const detailsPage = async (link: OpenLink, slot: SlotChoice, now: Date, values: BookingFormValues, errors: BookingFormErrors = {}) => {
    const hold = await currentHold(db, link.org.id, link.leadId);
    const held = hold && Date.parse(hold.start) === Date.parse(slot.start) && Date.parse(hold.end) === Date.parse(slot.end);
    const secondsLeft = held ? (hold.expiresAt.getTime() - now.getTime()) / 1000 : 0;
    const label = windowLabel(slot, link.org.policy.timeZone, link.frame.language);
    return renderDetailsPage(link.frame, { value: slotValue(slot), label }, { secondsLeft }, values, errors);
  };

  app.get('/b/:token', opts, async (request, reply) => {
    const now = ctx.clock();
    const link = await open(request, reply, now);
    if (!link) return reply;
    const booking = await liveBookingOfLead(db, link.org.id, link.leadId);
    if (booking) return sendPage(reply, 200, bookedPage(link, booking, false));
    return sendPage(reply, 200, await openingsPage(link, now, null));
  });

  app.post('/b/:token/hold', opts, async (request, reply) => {
    const now = ctx.clock();
    const link = await open(request, reply, now);
    if (!link) return reply;
    const text = bookingPageText(link.frame.language);
    const booking = await liveBookingOfLead(db, link.org.id, link.leadId);
    if (booking) return sendPage(reply, 200, bookedPage(link, booking, false));
    const slot = parseSlotValue(formField(request.body, 'slot'));
    if (!slot) return sendPage(reply, 422, await openingsPage(link, now, text.pickOne));
    try {
      await holdSlot(ctx.recordDeps, link.org, { leadId: link.leadId, start: slot.start, end: slot.end }, now);
    } catch (err) {
      if (err instanceof AppError && err.code === 'RB_ERR_SLOT_UNAVAILABLE') {
        return sendPage(reply, 409, await openingsPage(link, now, text.slotTaken));
      }
      throw err;
    }
    const values: BookingFormValues = { name: link.customer.name ?? '', address: '', zip: link.customer.zip ?? '', problem: '' };
    return sendPage(reply, 200, await detailsPage(link, slot, now, values));
  });

  app.post('/b/:token/confirm', opts, async (request, reply) => {
    const now = ctx.clock();
    const link = await open(request, reply, now);
    if (!link) return reply;
    const text = bookingPageText(link.frame.language);
    const existing = await liveBookingOfLead(db, link.org.id, link.leadId);
    if (existing) return sendPage(reply, 200, bookedPage(link, existing, false));
    const slot = parseSlotValue(formField(request.body, 'slot'));
    if (!slot) return sendPage(reply, 422, await openingsPage(link, now, text.pickOne));
    const form = readBookingForm(request.body, link.org.policy.serviceAreaZips, text);
    if (!form.ok) return sendPage(reply, 422, await detailsPage(link, slot, now, form.values, form.errors));
    try {
      const { booking } = await createBooking(
        ctx.recordDeps,
        link.org,
        { leadId: link.leadId, start: slot.start, end: slot.end, ...form.details, source: 'link', actor: 'customer' },
        now,
      );
      return sendPage(reply, 200, bookedPage(link, booking, true));
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'RB_ERR_SLOT_UNAVAILABLE') return sendPage(reply, 409, await openingsPage(link, now, text.slotTaken));
      if (err.code === 'RB_ERR_OUT_OF_SERVICE_AREA') return sendPage(reply, 422, await detailsPage(link, slot, now, form.values, { zip: text.zipOutside(form.details.zip) }));
      if (err.code === 'RB_ERR_LEAD_ALREADY_BOOKED') {
        // A second submit that raced the first: show the booking the first one made.
        const booking = await liveBookingOfLead(db, link.org.id, link.leadId);
        if (booking) return sendPage(reply, 200, bookedPage(link, booking, false));
      }
      throw err;
    }
  });

  // A refresh or a shared link after a post: back to the page itself.
  for (const step of ['hold', 'confirm']) {
    app.get(`/b/:token/${step}`, opts, async (request, reply) => reply.redirect(`/b/${encodeURIComponent(tokenOf(request))}`, 303));
  }
}
