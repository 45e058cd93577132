/**
 * The public booking link `/b/<token>` (issue 6, item 3) on both databases: a customer opens the
 * link, picks a window (held while they type), confirms with name, address, ZIP and problem, and is
 * booked (the booking API shows it, the lead closes as booked, the confirmation is texted). Also the
 * refusals, each a page that says what to do: a ZIP outside the service area, missing fields, a window
 * that filled meanwhile, an expired or unknown link, a second confirm, and the rate limit.
 */
import { describe, expect, it } from 'vitest';
import { issueBookingLink } from '../src/app/booking-links.ts';
import { findOrganizationById, updateOrganizationPolicy } from '../src/app/organizations.ts';
import type { OrganizationPolicy } from '../src/core/lead/policy.ts';
import { BOOKING_PAGE_LIMIT_PER_MINUTE } from '../src/http/public/booking-page-routes.ts';
import { testClock, type TestRingback } from './support/harness.ts';
import { CALLER, eventsOf, getLead, missedCallWithTextBack, ringbackSuite, textFromCaller, type Suite } from './support/suite.ts';

/** Wednesday 2026-11-18 10:00 in Chicago: with the 2 h lead time, today's 12–4 is the first opening. */
const WED_10AM = '2026-11-18T16:00:00Z';
const WED_PM = '2026-11-18T18:00:00.000Z/2026-11-18T22:00:00.000Z';
const THU_AM = '2026-11-19T14:00:00.000Z/2026-11-19T18:00:00.000Z';
const OTHER = '+15125550177';
const DETAILS = { name: 'Maria Lopez', address: '12 Oak St, Austin TX', zip: '78701', problem: 'Water heater leaking in the garage' };

interface Booking {
  id: string;
  leadId: string;
  status: string;
  start: string;
  end: string;
  source: string;
  customerName: string | null;
  address: string | null;
  zip: string | null;
  problem: string | null;
}

/** A missed call from `phone` (its text-back sent); returns the lead id. */
async function leadFor(s: Suite, t: TestRingback, phone = CALLER): Promise<string> {
  await missedCallWithTextBack(s, t, phone);
  const leads = (await (await t.api('/api/v1/leads')).json()) as Array<{ id: string; contact: { phone: string } }>;
  return leads.find((l) => l.contact.phone === phone)!.id;
}

/** Issues a booking link for the lead, as the SMS offer does; returns its path `/b/<token>`. */
async function linkFor(t: TestRingback, leadId: string): Promise<string> {
  const link = await issueBookingLink(t.rb.database.db, { id: t.org.id }, leadId, t.clock.now(), t.publicUrl);
  return new URL(link.url).pathname;
}

async function getPage(t: TestRingback, path: string): Promise<{ status: number; html: string; type: string | null }> {
  const res = await fetch(t.baseUrl + path, { redirect: 'manual' });
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
}

/** Posts an HTML form (`application/x-www-form-urlencoded`), as the page's forms do. */
async function postForm(t: TestRingback, path: string, fields: Record<string, string>): Promise<{ status: number; html: string; type: string | null }> {
  const res = await fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });
  await t.settle();
  return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
}

/** The windows a page offers, as the radio buttons' values, in page order. */
const offered = (html: string) => [...html.matchAll(/name="slot" value="([^"]+)"/g)].map((m) => m[1]!);

async function bookingsOf(t: TestRingback): Promise<Booking[]> {
  const res = await t.api('/api/v1/bookings?from=2026-11-01T00:00:00Z&to=2026-12-31T00:00:00Z');
  expect(res.status).toBe(200);
  return (await res.json()) as Booking[];
}

async function setPolicy(t: TestRingback, patch: (policy: OrganizationPolicy) => Partial<OrganizationPolicy>): Promise<void> {
  const org = (await findOrganizationById(t.rb.database.db, t.org.id))!;
  await updateOrganizationPolicy(t.rb.database.db, org.id, patch(org.policy), 'test');
}

describe('[BOOKING LINK] a customer books through the link', () => {
  const s = ringbackSuite();

  it('an issued link shows the openings by local day, under the business name, with its phone', async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    const path = await linkFor(t, await leadFor(s, t));
    const page = await getPage(t, path);
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/^text\/html/);
    expect(page.html).toContain('<header><p>Acme Plumbing</p></header>');
    expect(page.html).toContain('<legend>Wed, Nov 18</legend>');
    expect(page.html).toContain('<legend>Thu, Nov 19</legend>');
    expect(page.html).toContain('<span>12 PM – 4 PM</span>');
    // Today's morning is within the lead time; weekend days have no windows.
    expect(offered(page.html).slice(0, 3)).toEqual([WED_PM, THU_AM, '2026-11-19T18:00:00.000Z/2026-11-19T22:00:00.000Z']);
    expect(page.html).not.toContain('Sat, Nov 21');
    expect(page.html).toContain('href="tel:+15125550100"');
  });

  it('hold then confirm books the lead: the booking in the API, the lead booked, the confirmation texted', async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    const leadId = await leadFor(s, t);
    const path = await linkFor(t, leadId);

    const held = await postForm(t, `${path}/hold`, { slot: WED_PM });
    expect(held.status).toBe(200);
    expect(held.html).toContain('<dd data-testid="held-window">Wed, Nov 18 · 12 PM – 4 PM</dd>');
    expect(held.html).toContain('Held for you for <strong data-hold-seconds="600">10 minutes</strong>');
    expect(held.html).toContain(`action="${path}/confirm"`);

    const before = s.fake.messages.length;
    const confirmed = await postForm(t, `${path}/confirm`, { slot: WED_PM, ...DETAILS });
    expect(confirmed.status).toBe(200);
    expect(confirmed.html).toContain("<h1>You&#x27;re booked!</h1>");
    expect(confirmed.html).toContain('<dd>Wed, Nov 18 · 12 PM – 4 PM</dd>');
    expect(confirmed.html).toContain('<dd>12 Oak St, Austin TX 78701</dd>');
    expect(confirmed.html).toContain('(512) 555-0100');

    const [booking, ...more] = await bookingsOf(t);
    expect(more).toEqual([]);
    expect(booking).toMatchObject({
      leadId,
      status: 'booked',
      start: '2026-11-18T18:00:00.000Z',
      end: '2026-11-18T22:00:00.000Z',
      source: 'link',
      customerName: 'Maria Lopez',
      address: '12 Oak St, Austin TX',
      zip: '78701',
      problem: 'Water heater leaking in the garage',
    });
    const lead = await getLead(t, leadId);
    expect(lead).toMatchObject({ status: 'closed', stage: 'booked', outcome: 'booked' });
    expect(eventsOf(lead, 'booking_created')).toEqual([expect.objectContaining({ actor: 'customer', data: expect.objectContaining({ bookingId: booking!.id, source: 'link', zip: '78701' }) })]);

    const [confirmation] = (await s.fake.waitForMessages(before + 1)).slice(before);
    expect(confirmation).toMatchObject({ to: CALLER, body: expect.stringContaining("You're booked for Wed 11/18 12-4") });

    // Opening the link again shows the booking, not the openings.
    const again = await getPage(t, path);
    expect(again.status).toBe(200);
    expect(again.html).toContain('<h1>You&#x27;re already booked</h1>');
    expect(offered(again.html)).toEqual([]);
  });

  it('a ZIP outside the service area is refused with the form as typed; a served ZIP then books', async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    await setPolicy(t, () => ({ serviceAreaZips: ['78701', '78702'] }));
    const path = await linkFor(t, await leadFor(s, t));
    await postForm(t, `${path}/hold`, { slot: WED_PM });

    const refused = await postForm(t, `${path}/confirm`, { slot: WED_PM, ...DETAILS, zip: '10001' });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("Sorry, we don&#x27;t serve ZIP code 10001. Please call us to ask.");
    for (const kept of ['value="Maria Lopez"', 'value="12 Oak St, Austin TX"', 'value="10001"', '>Water heater leaking in the garage</textarea>', `value="${WED_PM}"`]) {
      expect(refused.html).toContain(kept);
    }
    expect(await bookingsOf(t)).toEqual([]);

    const booked = await postForm(t, `${path}/confirm`, { slot: WED_PM, ...DETAILS, zip: '78702' });
    expect(booked.status).toBe(200);
    expect((await bookingsOf(t)).map((b) => b.zip)).toEqual(['78702']);
  });

  it('missing fields or no window picked: the page again with what to fix, never a 500', async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    const path = await linkFor(t, await leadFor(s, t));

    const noPick = await postForm(t, `${path}/hold`, {});
    expect(noPick.status).toBe(422);
    expect(noPick.html).toContain('Please pick a time.');
    expect(offered(noPick.html)[0]).toBe(WED_PM);
    const garbage = await postForm(t, `${path}/hold`, { slot: '<script>alert(1)</script>' });
    expect(garbage.status).toBe(422);
    expect(garbage.html).not.toContain('<script>alert(1)');

    const empty = await postForm(t, `${path}/confirm`, { slot: WED_PM, name: 'Maria', zip: '7870' });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('Please check the fields marked below.');
    for (const message of ['Please enter the address where we should come.', 'Please enter a 5-digit ZIP code.', 'Please tell us briefly what needs fixing.']) {
      expect(empty.html).toContain(message);
    }
    expect(empty.html).toContain('value="Maria"');
    expect(empty.html).not.toContain('Please enter your name.');
    const noSlot = await postForm(t, `${path}/confirm`, DETAILS);
    expect(noSlot.status).toBe(422);
    expect(noSlot.html).toContain('Please pick a time.');
    expect(await bookingsOf(t)).toEqual([]);

    // A refresh after a post lands on the page itself.
    const refresh = await getPage(t, `${path}/confirm`);
    expect(refresh.status).toBe(303);
  });

  it('an expired link answers 410 with the business phone and books nothing; an unknown one 404', async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    const path = await linkFor(t, await leadFor(s, t));
    t.clock.advance(8 * 24 * 60 * 60_000); // links last 7 days
    const expired = await getPage(t, path);
    expect(expired.status).toBe(410);
    expect(expired.type).toMatch(/^text\/html/);
    expect(expired.html).toContain('This booking link has expired');
    expect(expired.html).toContain('<header><p>Acme Plumbing</p></header>');
    expect(expired.html).toContain('(512) 555-0100');
    const late = await postForm(t, `${path}/confirm`, { slot: '2026-11-30T14:00:00.000Z/2026-11-30T18:00:00.000Z', ...DETAILS });
    expect(late.status).toBe(410);
    expect(await bookingsOf(t)).toEqual([]);

    for (const token of ['nope', 'AAAAAAAAAAAAAAAAAAAAAA', '..%2F..%2Fetc']) {
      const unknown = await getPage(t, `/b/${token}`);
      expect(unknown.status).toBe(404);
      expect(unknown.html).toContain('This booking link doesn&#x27;t work');
    }
  });

  it('a second confirm, one after the other or at once, shows the booking and never books twice', async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    const path = await linkFor(t, await leadFor(s, t));
    await postForm(t, `${path}/hold`, { slot: WED_PM });
    const before = s.fake.messages.length;
    const both = await Promise.all([postForm(t, `${path}/confirm`, { slot: WED_PM, ...DETAILS }), postForm(t, `${path}/confirm`, { slot: WED_PM, ...DETAILS })]);
    expect(both.map((p) => p.status)).toEqual([200, 200]);
    expect(both.filter((p) => p.html.includes('booked!')).length).toBe(1);
    const again = await postForm(t, `${path}/confirm`, { slot: THU_AM, ...DETAILS, name: 'Someone Else' });
    expect(again.status).toBe(200);
    expect(again.html).toContain('<h1>You&#x27;re already booked</h1>');
    expect(again.html).toContain('<dd>Maria Lopez</dd>');
    expect((await bookingsOf(t)).map((b) => [b.start, b.customerName])).toEqual([['2026-11-18T18:00:00.000Z', 'Maria Lopez']]);
    await s.fake.waitForMessages(before + 1);
    await t.settle();
    expect(s.fake.messages.slice(before).filter((m) => m.body.includes("You're booked"))).toHaveLength(1);
  });

  it('a hold counts against capacity: with capacity 1 another lead is not offered the held window', async () => {
    // Wednesday 08:00 in Chicago: the 12–4 window stays bookable for longer than a hold lasts.
    const t = await s.start({ clock: testClock('2026-11-18T14:00:00Z') });
    await setPolicy(t, (p) => ({ availability: { ...p.availability, capacity: 1 } }));
    const mine = await linkFor(t, await leadFor(s, t));
    const theirs = await linkFor(t, await leadFor(s, t, OTHER));
    expect(offered((await getPage(t, theirs)).html)[0]).toBe(WED_PM);

    expect((await postForm(t, `${mine}/hold`, { slot: WED_PM })).status).toBe(200);
    expect(offered((await getPage(t, theirs)).html)[0]).toBe(THU_AM);
    // The customer holding it still sees it (their own hold does not count against them).
    expect(offered((await getPage(t, mine)).html)[0]).toBe(WED_PM);
    const refused = await postForm(t, `${theirs}/hold`, { slot: WED_PM });
    expect(refused.status).toBe(409);
    expect(refused.html).toContain('Sorry, that time was just taken. Please pick another one.');
    expect(offered(refused.html)[0]).toBe(THU_AM);

    // The hold lapses; the other customer takes the window; the first one's confirm is sent back to the openings.
    t.clock.advance(11 * 60_000);
    expect((await postForm(t, `${theirs}/hold`, { slot: WED_PM })).status).toBe(200);
    expect((await postForm(t, `${theirs}/confirm`, { slot: WED_PM, ...DETAILS, name: 'Other Customer' })).status).toBe(200);
    const late = await postForm(t, `${mine}/confirm`, { slot: WED_PM, ...DETAILS });
    expect(late.status).toBe(409);
    expect(late.html).toContain('Sorry, that time was just taken.');
    expect(offered(late.html)[0]).toBe(THU_AM);
    expect((await bookingsOf(t)).map((b) => b.customerName)).toEqual(['Other Customer']);
  });

  it('speaks Spanish to a customer who writes in Spanish', async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    const leadId = await leadFor(s, t);
    await textFromCaller(t, 'Hola, necesito que alguien venga a revisar mi calentador de agua, por favor');
    const page = await getPage(t, await linkFor(t, leadId));
    expect(page.html).toContain('<html lang="es">');
    expect(page.html).toContain('<h1>Elija un horario de llegada</h1>');
    expect(page.html).toMatch(/<legend>mié, 18 de nov\.?<\/legend>/);
  });

  it(`limits each client address to ${BOOKING_PAGE_LIMIT_PER_MINUTE} requests a minute`, async () => {
    const t = await s.start({ clock: testClock(WED_10AM) });
    const statuses: number[] = [];
    for (let i = 0; i <= BOOKING_PAGE_LIMIT_PER_MINUTE; i++) statuses.push((await getPage(t, '/b/AAAAAAAAAAAAAAAAAAAAAA')).status);
    expect(statuses.slice(0, BOOKING_PAGE_LIMIT_PER_MINUTE).every((status) => status === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
