/**
 * Calendar feeds (issue 6, item 7): secret ICS URLs of the organization's bookings and of one
 * technician's, read back with ical.js as a calendar app would. Bookings are inserted as rows (what
 * the booking service stores); leads come from real missed calls.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { upsertMembership } from '../src/app/memberships.ts';
import { createOrganization } from '../src/app/organizations.ts';
import { bookings, contacts, leads, organizationChanges, users } from '../src/db/schema.ts';
import { dialStatus, PUBLIC_URL, sid, type TestRingback } from './support/harness.ts';
import { signIn, type Person } from './support/people.ts';
import { CALLER, DIAL_STATUS, ringbackSuite } from './support/suite.ts';

const SECOND_CALLER = '+15125550124';

interface FeedEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  summary: string;
  location: string | null;
  description: string;
  url: string | null;
  status: string | null;
}
interface CreatedFeed {
  id: string;
  scope: 'organization' | 'me';
  userId: string | null;
  createdAt: string;
  url: string;
  webcalUrl: string;
}

/** The two leads of two missed calls: `[first caller's, second caller's]`, each with its contact id. */
async function twoLeads(t: TestRingback): Promise<Array<{ id: string; contactId: string }>> {
  const answers = await Promise.all([CALLER, SECOND_CALLER].map((from) => t.twilio(DIAL_STATUS, dialStatus(sid('CA'), from, 'no-answer'))));
  expect(answers.map((a) => a.status)).toEqual([200, 200]);
  await t.settle();
  const rows = await t.rb.database.db.select().from(leads).where(eq(leads.organizationId, t.org.id));
  expect(rows).toHaveLength(2);
  const phones = await t.rb.database.db.select({ id: contacts.id, phone: contacts.phoneE164 }).from(contacts).where(eq(contacts.organizationId, t.org.id));
  const leadOf = (phone: string) => rows.find((l) => l.contactId === phones.find((p) => p.phone === phone)!.id)!;
  return [leadOf(CALLER), leadOf(SECOND_CALLER)].map((l) => ({ id: l.id, contactId: l.contactId }));
}

/** Inserts one booking row for `lead` in organization `t.org` (defaults: booked, version 1, dispatcher). */
async function insertBooking(t: TestRingback, lead: { id: string; contactId: string }, row: Partial<typeof bookings.$inferInsert> & { startAt: Date; endAt: Date }): Promise<string> {
  const id = randomUUID();
  await t.rb.database.db.insert(bookings).values({
    id,
    organizationId: t.org.id,
    leadId: lead.id,
    contactId: lead.contactId,
    status: 'booked',
    source: 'dispatcher',
    createdBy: 'user:test',
    createdAt: new Date('2026-11-18T15:00:00Z'),
    updatedAt: new Date('2026-11-18T15:00:00Z'),
    ...row,
  });
  return id;
}

async function makeFeed(person: Person, scope: 'organization' | 'me'): Promise<CreatedFeed> {
  const res = await person.send('POST', '/api/v1/calendar-feeds', { scope });
  expect(res.status, await res.clone().text()).toBe(201);
  expect(res.headers.get('cache-control')).toBe('no-store');
  return (await res.json()) as CreatedFeed;
}

/** GETs the feed at `url` (a `PUBLIC_URL` address) from the test server. */
const fetchFeed = (t: TestRingback, url: string) => fetch(t.baseUrl + new URL(url).pathname);

/** Fetches and parses the feed with ical.js (asserting 200 and `text/calendar`); events by start. */
async function readFeed(t: TestRingback, url: string): Promise<{ name: string; events: FeedEvent[] }> {
  const res = await fetchFeed(t, url);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
    const e = new ICAL.Event(vevent);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      summary: e.summary,
      location: e.location ?? null,
      description: e.description,
      url: (vevent.getFirstPropertyValue('url') as string | null) ?? null,
      status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
  return { name: String(calendar.getFirstPropertyValue('x-wr-calname')), events: events.sort((a, b) => a.start.localeCompare(b.start)) };
}

const uidsOf = (feed: { events: FeedEvent[] }) => feed.events.map((e) => e.uid);

describe('[calendar feeds] secret ICS feeds of bookings', () => {
  const s = ringbackSuite();

  /**
   * A technician of the test organization who cannot sign in (a user row and a membership, no
   * password): enough to be assigned bookings, and much cheaper than `signIn`'s password hashing.
   */
  async function technicianRow(t: TestRingback, name: string): Promise<Person> {
    const id = randomUUID();
    await t.rb.database.db.insert(users).values({ id, name, email: `${id}@acme.test` });
    await upsertMembership(t.rb.database.db, t.org.id, id, 'technician');
    const cannot = () => Promise.reject(new Error(`${name} is not signed in`));
    return { id, name, email: `${id}@acme.test`, role: 'technician', cookie: '', csrfToken: '', fetch: cannot, send: cannot };
  }

  /**
   * Organization A with two technicians' bookings: live, canceled, unassigned and long past. The
   * technicians are signed in unless `signedInTechnicians` is false.
   */
  async function bookedShop(signedInTechnicians = true) {
    const t = await s.start(); // the clock reads 2026-11-18T16:00Z
    const technician = (name: string) => (signedInTechnicians ? signIn(t, 'technician', { name }) : technicianRow(t, name));
    const [[dana, lee], owner, tom, tina] = await Promise.all([twoLeads(t), signIn(t, 'owner', { name: 'Olga Owner' }), technician('Tom Tech'), technician('Tina Tech')]);
    const ids = {
      furnace: await insertBooking(t, dana!, {
        startAt: new Date('2026-11-19T14:00:00Z'),
        endAt: new Date('2026-11-19T18:00:00Z'),
        jobType: 'Furnace repair',
        customerName: 'Dana Smith',
        address: '12 Oak St, Austin, TX',
        zip: '78701',
        problem: 'No heat, pilot light out',
        notes: 'Gate code 4411',
        technicianId: tom.id,
        version: 2,
      }),
      visit: await insertBooking(t, lee!, { startAt: new Date('2026-11-20T18:00:00Z'), endAt: new Date('2026-11-20T22:00:00Z'), technicianId: tina.id }),
      canceled: await insertBooking(t, lee!, {
        startAt: new Date('2026-11-23T14:00:00Z'),
        endAt: new Date('2026-11-23T18:00:00Z'),
        jobType: 'Drain cleaning',
        customerName: 'Lee Park',
        technicianId: tom.id,
        status: 'canceled',
        canceledAt: new Date('2026-11-18T15:30:00Z'),
        version: 3,
      }),
      unassigned: await insertBooking(t, dana!, { startAt: new Date('2026-11-24T14:00:00Z'), endAt: new Date('2026-11-24T18:00:00Z'), jobType: 'Tune-up', customerName: 'Dana Smith' }),
      // Two months ago: outside the feed's 30 days of history.
      longPast: await insertBooking(t, dana!, { startAt: new Date('2026-09-15T14:00:00Z'), endAt: new Date('2026-09-15T18:00:00Z'), technicianId: tom.id }),
    };
    return { t, owner, tom, tina, dana: dana!, lee: lee!, ids };
  }

  it('the organization feed has one event per booking: stable UID, SEQUENCE, the arrival window, summary, address, phone and a link to the lead', async () => {
    const { t, owner, dana, lee, ids } = await bookedShop(false);
    const feed = await makeFeed(owner, 'organization');
    expect(feed).toMatchObject({ scope: 'organization', userId: null, id: expect.any(String) });
    expect(feed.url).toMatch(new RegExp(`^${PUBLIC_URL}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
    expect(feed.webcalUrl).toBe(feed.url.replace(/^https:/, 'webcal:'));

    const { name, events } = await readFeed(t, feed.url);
    expect(name).toBe('Acme Plumbing – bookings');
    expect(uidsOf({ events })).toEqual([`${ids.furnace}@ringback`, `${ids.visit}@ringback`, `${ids.canceled}@ringback`, `${ids.unassigned}@ringback`]);
    const [furnace, visit, canceled, unassigned] = events;
    expect(furnace).toMatchObject({
      sequence: 2,
      start: '2026-11-19T14:00:00.000Z',
      end: '2026-11-19T18:00:00.000Z',
      summary: 'Furnace repair – Dana Smith',
      location: '12 Oak St, Austin, TX 78701',
      url: `${PUBLIC_URL}/leads/${dana.id}`,
      status: 'CONFIRMED',
    });
    expect(furnace!.description.split('\n')).toEqual([
      `Phone: ${CALLER}`,
      'Problem: No heat, pilot light out',
      'Notes: Gate code 4411',
      'Technician: Tom Tech',
      `Lead: ${PUBLIC_URL}/leads/${dana.id}`,
    ]);
    // No job type and no name: a plain "Service visit"; the second caller's phone.
    expect(visit).toMatchObject({ summary: 'Service visit', location: null, sequence: 1, url: `${PUBLIC_URL}/leads/${lee.id}` });
    expect(visit!.description).toContain(`Phone: ${SECOND_CALLER}`);
    expect(visit!.description).toContain('Technician: Tina Tech');
    expect(canceled).toMatchObject({ status: 'CANCELLED', summary: 'Canceled: Drain cleaning – Lee Park', sequence: 3 });
    expect(unassigned!.description).toContain('Technician: unassigned');

    // A reschedule (new window, version 3) keeps the UID: calendars move the event.
    await t.rb.database.db
      .update(bookings)
      .set({ startAt: new Date('2026-11-19T18:00:00Z'), endAt: new Date('2026-11-19T22:00:00Z'), version: 3, updatedAt: new Date('2026-11-18T16:00:00Z') })
      .where(eq(bookings.id, ids.furnace));
    const moved = (await readFeed(t, feed.url)).events.find((e) => e.uid === `${ids.furnace}@ringback`);
    expect(moved).toMatchObject({ start: '2026-11-19T18:00:00.000Z', end: '2026-11-19T22:00:00.000Z', sequence: 3 });

    // The API says the feed exists, never its URL.
    const list = (await (await owner.fetch('/api/v1/calendar-feeds')).json()) as Record<string, unknown>;
    expect(list).toEqual({ me: null, organization: { id: feed.id, scope: 'organization', userId: null, createdAt: '2026-11-18T16:00:00.000Z' }, canManageOrganizationFeed: true });
    expect(JSON.stringify(list)).not.toContain('/calendar/');
  });

  it("a technician's own feed carries only the bookings assigned to them; only owners and managers make the organization's", async () => {
    const { t, tom, tina, ids } = await bookedShop();
    const tomsFeed = await makeFeed(tom, 'me');
    expect(tomsFeed).toMatchObject({ scope: 'me', userId: tom.id });
    const toms = await readFeed(t, tomsFeed.url);
    expect(toms.name).toBe('Acme Plumbing – Tom Tech');
    expect(uidsOf(toms)).toEqual([`${ids.furnace}@ringback`, `${ids.canceled}@ringback`]);
    expect(toms.events[1]!.status).toBe('CANCELLED');
    expect(toms.events[0]!.description).not.toContain('Technician:');

    const tinas = await readFeed(t, (await makeFeed(tina, 'me')).url);
    expect(uidsOf(tinas)).toEqual([`${ids.visit}@ringback`]);

    const refused = await tom.send('POST', '/api/v1/calendar-feeds', { scope: 'organization' });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('RB_ERR_FORBIDDEN');
    expect(await (await tom.fetch('/api/v1/calendar-feeds')).json()).toEqual({
      me: { id: tomsFeed.id, scope: 'me', userId: tom.id, createdAt: expect.any(String) },
      organization: null,
      canManageOrganizationFeed: false,
    });

    const manager = await signIn(t, 'manager');
    expect((await makeFeed(manager, 'organization')).scope).toBe('organization');

    // API keys have no calendar; a bad scope is a 400 naming the field.
    const byKey = await t.api('/api/v1/calendar-feeds', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ scope: 'organization' }) });
    expect(byKey.status).toBe(403);
    const bad = await tom.send('POST', '/api/v1/calendar-feeds', { scope: 'everyone' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['scope']);
  });

  it('making a feed again rotates it (the old URL answers 404); revoking turns it off; a person removed from the team loses theirs', async () => {
    const { t, owner, tom, tina } = await bookedShop();
    const first = await makeFeed(owner, 'organization');
    expect((await fetchFeed(t, first.url)).status).toBe(200);
    const second = await makeFeed(owner, 'organization');
    expect(second.url).not.toBe(first.url);
    const old = await fetchFeed(t, first.url);
    expect(old.status).toBe(404);
    expect(old.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await readFeed(t, second.url)).events).toHaveLength(4);
    expect(((await (await owner.fetch('/api/v1/calendar-feeds')).json()) as { organization: { id: string } }).organization.id).toBe(second.id);

    // A technician may not turn off the organization's feed; the owner may.
    expect((await tom.send('DELETE', `/api/v1/calendar-feeds/${second.id}`)).status).toBe(403);
    const revoked = await owner.send('DELETE', `/api/v1/calendar-feeds/${second.id}`);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ id: second.id, revokedAt: '2026-11-18T16:00:00.000Z' });
    expect((await fetchFeed(t, second.url)).status).toBe(404);
    expect(((await (await owner.fetch('/api/v1/calendar-feeds')).json()) as { organization: unknown }).organization).toBeNull();

    // Tom turns his own off; Tina's ends when she leaves the team.
    const toms = await makeFeed(tom, 'me');
    expect((await tom.send('DELETE', `/api/v1/calendar-feeds/${toms.id}`)).status).toBe(200);
    expect((await fetchFeed(t, toms.url)).status).toBe(404);
    const tinas = await makeFeed(tina, 'me');
    expect((await fetchFeed(t, tinas.url)).status).toBe(200);
    expect((await owner.send('DELETE', `/api/v1/team/${tina.id}`)).status).toBe(204);
    expect((await fetchFeed(t, tinas.url)).status).toBe(404);

    // Unknown and malformed tokens, and a path without .ics, are plain 404s.
    for (const path of [`/calendar/${'A'.repeat(43)}.ics`, '/calendar/short.ics', `/calendar/${new URL(toms.url).pathname.slice(10, -4)}`]) {
      expect((await fetch(t.baseUrl + path)).status, path).toBe(404);
    }

    // Every change is in the settings audit, without the token.
    const audited = await t.rb.database.db.select().from(organizationChanges).where(and(eq(organizationChanges.organizationId, t.org.id), eq(organizationChanges.field, 'calendar_feeds')));
    // Organization feed: made, rotated (old revoked + new made), revoked; Tom's: made, revoked; Tina's: made.
    expect(audited).toHaveLength(4 + 2 + 1);
    expect(JSON.stringify(audited)).not.toContain(new URL(second.url).pathname.slice(10, -4));
  });

  it("another organization's people cannot list, revoke or read this organization's feeds, and its own feed carries none of these bookings", async () => {
    const { t, owner, tom } = await bookedShop();
    const orgFeed = await makeFeed(owner, 'organization');
    const tomsFeed = await makeFeed(tom, 'me');

    const orgB = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Bravo Electric', timeZone: 'America/Denver', number: '+17205550100', forwardTo: ['+17205550199'] });
    const ownerB = await signIn(t, 'owner', { name: 'Bob Owner', organizationId: orgB.id });
    for (const id of [orgFeed.id, tomsFeed.id]) expect((await ownerB.send('DELETE', `/api/v1/calendar-feeds/${id}`)).status).toBe(404);
    const asA = await ownerB.fetch('/api/v1/calendar-feeds', { headers: { 'x-ringback-organization': t.org.id } });
    expect(asA.status).toBe(404);
    expect(await (await ownerB.fetch('/api/v1/calendar-feeds')).json()).toEqual({ me: null, organization: null, canManageOrganizationFeed: true });

    const bravo = await readFeed(t, (await makeFeed(ownerB, 'organization')).url);
    expect(bravo.name).toBe('Bravo Electric – bookings');
    expect(bravo.events).toEqual([]);
    // A's feeds still work.
    expect((await readFeed(t, orgFeed.url)).events).toHaveLength(4);
    expect((await readFeed(t, tomsFeed.url)).events).toHaveLength(2);
  });
});
