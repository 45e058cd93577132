/**
 * Booking (issue 6) end to end on both databases: the SMS slot offer and the reply that books, the
 * booking API (availability, idempotency, capacity under 50 parallel requests, move, cancel), and the
 * confirmation and reminders that follow the booking through every change and stop at an opt-out.
 */
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findOrganizationById, updateOrganizationPolicy } from '../src/app/organizations.ts';
import { recordLeadInput } from '../src/app/record-lead-input.ts';
import type { ScheduleTimer } from '../src/core/lead/effects.ts';
import { bookings, effects } from '../src/db/schema.ts';
import { testClock, type TestRingback } from './support/harness.ts';
import { CALLER, eventsOf, getLead, missedCallWithTextBack, onlyLead, ringbackSuite, textFromCaller, type Suite } from './support/suite.ts';

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

interface Booking {
  id: string;
  leadId: string;
  status: string;
  start: string;
  end: string;
  version: number;
  source: string;
  phone: string;
}

/** The booking reminders the lead's decisions asked for, oldest first. */
async function reminderTimers(t: TestRingback): Promise<ScheduleTimer[]> {
  const rows = await t.rb.database.db.select({ payload: effects.payload }).from(effects).where(and(eq(effects.organizationId, t.org.id), eq(effects.type, 'schedule_timer')));
  return rows.map((r) => r.payload as unknown as ScheduleTimer).filter((e) => e.timer.kind === 'booking_notice');
}

/** Moves the clock to the timer's due time and fires it, as the timer worker does. */
async function fire(t: TestRingback, leadId: string, timer: ScheduleTimer): Promise<void> {
  t.clock.set(timer.fireAt);
  const org = (await findOrganizationById(t.rb.database.db, t.org.id))!;
  await recordLeadInput(t.rb.ctx.recordDeps, org, { by: 'lead', leadId }, { type: 'timer_fired', timerId: timer.timerId, timer: timer.timer }, { now: t.clock.now() });
  await t.settle();
}

/** A missed call from `phone` (its text-back sent): returns the lead id. */
async function leadFor(s: Suite, t: TestRingback, phone = CALLER): Promise<string> {
  await missedCallWithTextBack(s, t, phone);
  const res = await t.api(`/api/v1/leads?limit=200`);
  const leads = (await res.json()) as Array<{ id: string; contact: { phone: string } }>;
  return leads.find((l) => l.contact.phone === phone)!.id;
}

async function book(t: TestRingback, body: Record<string, unknown>, key: string = crypto.randomUUID()): Promise<Response> {
  return t.api('/api/v1/bookings', json(body, { 'idempotency-key': key }));
}

const bodiesTo = (s: Suite, phone = CALLER) => s.fake.messages.filter((m) => m.to === phone).map((m) => m.body);

describe('[BOOKING] booking by text', () => {
  const s = ringbackSuite();

  it('offers the next openings, books the one the customer picks, stops the cadence and confirms', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') }); // Wednesday 10:00 in Chicago
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'Can someone come out to look at my water heater? Need to book a visit');
    await s.fake.waitForMessages(2);
    const offer = s.fake.messages[1]!.body;
    // 10:00 + 2 h lead time: today's 12-4 is the first opening, then Thursday morning.
    expect(offer).toMatch(/^Acme Plumbing: Reply 1 for Wed 12-4, 2 for Thu 8-12/);
    expect(offer).toMatch(/https:\/\/ringback\.test\/b\/[A-Za-z0-9_-]{20,}/);
    let lead = await onlyLead(t);
    expect(lead.stage).toBe('appointment_requested');
    expect(eventsOf(lead, 'slot_offered')).toHaveLength(1);

    await textFromCaller(t, '2');
    await s.fake.waitForMessages(3);
    lead = await onlyLead(t);
    expect(lead.status).toBe('closed');
    expect(lead.outcome).toBe('booked');
    expect(lead.stage).toBe('booked');
    expect(eventsOf(lead, 'booking_created')[0]!.data).toMatchObject({ start: '2026-11-19T14:00:00.000Z', end: '2026-11-19T18:00:00.000Z', source: 'sms' });
    expect(eventsOf(lead, 'booking_created')[0]!.actor).toBe('customer');
    expect(eventsOf(lead, 'cadence_stopped').map((e) => e.data.reason)).toContain('customer_replied');
    expect(s.fake.messages[2]!.body).toBe("Acme Plumbing: You're booked for Thu 11/19 8-12. Our technician will call when on the way. Reply here to change it. Reply STOP to opt out.");

    const res = await t.api(`/api/v1/bookings?from=2026-11-18T00:00:00Z&to=2026-11-25T00:00:00Z`);
    const list = (await res.json()) as Booking[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ leadId: lead.id, status: 'booked', source: 'sms', phone: CALLER });
    const detail = (await (await t.api(`/api/v1/leads/${lead.id}`)).json()) as { booking: Booking | null };
    expect(detail.booking?.id).toBe(list[0]!.id);
    // Reminder: the evening before (Wednesday 18:00 Chicago).
    expect((await reminderTimers(t)).map((r) => r.fireAt)).toEqual(['2026-11-19T00:00:00.000Z']);
  });

  it('a pick that filled meanwhile gets an apology and a fresh offer, never an overbooking', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') });
    const org = (await findOrganizationById(t.rb.database.db, t.org.id))!;
    await updateOrganizationPolicy(t.rb.database.db, org.id, { availability: { ...org.policy.availability, capacity: 1 } }, 'test');
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'I need to schedule a plumber to come out');
    await s.fake.waitForMessages(2);
    expect(s.fake.messages[1]!.body).toMatch(/Reply 1 for Wed 12-4, 2 for Thu 8-12/);
    // Someone else takes Wednesday 12-4 through the API.
    const other = await leadFor(s, t, '+15125550177');
    const taken = await book(t, { leadId: other, start: '2026-11-18T18:00:00Z', end: '2026-11-18T22:00:00Z' });
    expect(taken.status).toBe(201);
    const before = s.fake.messages.length;
    await textFromCaller(t, '1');
    await s.fake.waitForMessages(before + 1);
    const sorry = bodiesTo(s).at(-1)!;
    expect(sorry).toMatch(/^Acme Plumbing: Sorry, that time was just taken\. Reply 1 for Thu 8-12, 2 for Thu 12-4/);
    const mine = ((await (await t.api('/api/v1/leads')).json()) as Array<{ id: string; contact: { phone: string } }>).find((l) => l.contact.phone === CALLER)!;
    const lead = await getLead(t, mine.id);
    expect(lead.status).toBe('open');
    expect(eventsOf(lead, 'slot_unavailable')).toHaveLength(1);
    const rows = await t.rb.database.db.select().from(bookings).where(eq(bookings.organizationId, t.org.id));
    expect(rows).toHaveLength(1);
  });
});

describe('[BOOKING] the booking API', () => {
  const s = ringbackSuite();

  it('lists availability in the contract shape, and books with an Idempotency-Key exactly once', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') });
    const leadId = await leadFor(s, t);
    const avail = (await (await t.api('/api/v1/availability?from=2026-11-18T00:00:00Z&to=2026-11-20T00:00:00Z')).json()) as Array<Record<string, unknown>>;
    expect(avail).toEqual([
      { start: '2026-11-18T18:00:00.000Z', end: '2026-11-18T22:00:00.000Z', remaining: 2 },
      { start: '2026-11-19T14:00:00.000Z', end: '2026-11-19T18:00:00.000Z', remaining: 2 },
      { start: '2026-11-19T18:00:00.000Z', end: '2026-11-19T22:00:00.000Z', remaining: 2 },
    ]);
    const body = { leadId, start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z', jobType: 'Water heater', notes: 'Gate code 1234' };
    const first = await book(t, body, 'key-1');
    expect(first.status).toBe(201);
    const created = (await first.json()) as Booking;
    const again = await book(t, body, 'key-1');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(((await again.json()) as Booking).id).toBe(created.id);
    const reused = await book(t, { ...body, notes: 'different' }, 'key-1');
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as { code: string }).code).toBe('RB_ERR_IDEMPOTENCY_KEY_REUSED');
    const second = await book(t, body, 'key-2');
    expect(second.status).toBe(409);
    expect(((await second.json()) as { code: string }).code).toBe('RB_ERR_LEAD_ALREADY_BOOKED');
    const rows = await t.rb.database.db.select().from(bookings).where(eq(bookings.organizationId, t.org.id));
    expect(rows).toHaveLength(1);
    const after = (await (await t.api('/api/v1/availability?from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z')).json()) as Array<{ remaining: number }>;
    expect(after[0]!.remaining).toBe(1);
    // Without a key, an API key's request is refused (a retry would book twice).
    const noKey = await t.api('/api/v1/bookings', json(body));
    expect(noKey.status).toBe(400);
  });

  it('50 parallel bookings of one window (capacity 2) book exactly 2', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') });
    const org = (await findOrganizationById(t.rb.database.db, t.org.id))!;
    const leadIds: string[] = [];
    for (let i = 0; i < 50; i++) {
      const phone = `+1512555${String(1000 + i)}`;
      const result = await recordLeadInput(t.rb.ctx.recordDeps, org, { by: 'phone', phoneE164: phone, source: { numberE164: '+15125550100', leadSource: null } }, { type: 'call_missed', callSid: `CA${String(i).padStart(32, '0')}`, from: phone, to: '+15125550100', dialCallStatus: 'no-answer' }, { now: t.clock.now() });
      leadIds.push(result.leadId!);
    }
    await t.settle();
    const window = { start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z' };
    const responses = await Promise.all(leadIds.map((leadId) => book(t, { leadId, ...window })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((c) => c === 201)).toHaveLength(2);
    expect(statuses.filter((c) => c === 409)).toHaveLength(48);
    for (const r of responses.filter((x) => x.status === 409)) expect(((await r.json()) as { code: string }).code).toBe('RB_ERR_SLOT_UNAVAILABLE');
    const rows = await t.rb.database.db.select().from(bookings).where(and(eq(bookings.organizationId, t.org.id), eq(bookings.status, 'booked')));
    expect(rows).toHaveLength(2);
    const booked = await Promise.all(rows.map((r) => getLead(t, r.leadId)));
    expect(booked.map((l) => l.outcome)).toEqual(['booked', 'booked']);
  });

  it('refuses closed and unknown windows, out-of-area ZIPs, and a booked outcome without a booking', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') });
    const org = (await findOrganizationById(t.rb.database.db, t.org.id))!;
    await updateOrganizationPolicy(t.rb.database.db, org.id, { serviceAreaZips: ['78701', '78702'] }, 'test');
    const leadId = await leadFor(s, t);
    const patch = await t.api(`/api/v1/leads/${leadId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'booked' }) });
    expect(patch.status).toBe(422);
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [{ start: '2026-11-26T14:00:00Z', end: '2026-11-26T18:00:00Z' }, 409, 'RB_ERR_SLOT_UNAVAILABLE'], // Thanksgiving
      [{ start: '2026-11-21T14:00:00Z', end: '2026-11-21T18:00:00Z' }, 409, 'RB_ERR_SLOT_UNAVAILABLE'], // Saturday
      [{ start: '2026-11-18T14:00:00Z', end: '2026-11-18T18:00:00Z' }, 409, 'RB_ERR_SLOT_UNAVAILABLE'], // this morning: past
      [{ start: '2026-11-19T15:00:00Z', end: '2026-11-19T18:00:00Z' }, 409, 'RB_ERR_SLOT_UNAVAILABLE'], // not a window
      [{ start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z', zip: '90210' }, 422, 'RB_ERR_OUT_OF_SERVICE_AREA'],
      [{ start: 'tomorrow', end: '2026-11-19T18:00:00Z' }, 400, 'RB_ERR_VALIDATION'],
    ];
    for (const [window, status, code] of cases) {
      const res = await book(t, { leadId, ...window });
      expect(res.status, JSON.stringify(window)).toBe(status);
      expect(((await res.json()) as { code: string }).code).toBe(code);
    }
    const unknown = await book(t, { leadId: crypto.randomUUID(), start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z' });
    expect(unknown.status).toBe(404);
    expect((await getLead(t, leadId)).outcome).toBeNull();
  });
});

describe('[BOOKING] confirmations and reminders follow the booking', () => {
  const s = ringbackSuite();

  it('a move resyncs the reminder: the old one sends nothing, the new one names the new window', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') });
    const leadId = await leadFor(s, t);
    const created = (await (await book(t, { leadId, start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z' })).json()) as Booking;
    await s.fake.waitForMessages(2);
    expect(bodiesTo(s).at(-1)).toMatch(/You're booked for Thu 11\/19 8-12/);
    const [old] = await reminderTimers(t);
    expect(old!.fireAt).toBe('2026-11-19T00:00:00.000Z');

    const moved = await t.api(`/api/v1/bookings/${created.id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start: '2026-11-20T18:00:00Z', end: '2026-11-20T22:00:00Z' }) });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as Booking).version).toBe(2);
    await s.fake.waitForMessages(3);
    expect(bodiesTo(s).at(-1)).toBe('Acme Plumbing: Your visit is moved to Fri 11/20 12-4. Reply here if that does not work.');
    const timers = await reminderTimers(t);
    const fresh = timers.find((x) => x.timer.kind === 'booking_notice' && x.timer.version === 2)!;
    expect(fresh.fireAt).toBe('2026-11-20T00:00:00.000Z');

    const count = s.fake.messages.length;
    await fire(t, leadId, old!);
    expect(s.fake.messages.length).toBe(count);
    await fire(t, leadId, fresh);
    await s.fake.waitForMessages(count + 1);
    expect(bodiesTo(s).at(-1)).toBe('Acme Plumbing: Reminder: your visit is Fri 11/20 12-4. Reply here if you need to change it.');
    const lead = await getLead(t, leadId);
    expect(eventsOf(lead, 'booking_changed')[0]!.data).toMatchObject({ previous: { start: '2026-11-19T14:00:00.000Z' }, start: '2026-11-20T18:00:00.000Z', version: 2 });
  });

  it('a cancel removes the reminder, frees the window and reopens the lead', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') });
    const leadId = await leadFor(s, t);
    const created = (await (await book(t, { leadId, start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z' })).json()) as Booking;
    await s.fake.waitForMessages(2);
    const [reminder] = await reminderTimers(t);
    const res = await t.api(`/api/v1/bookings/${created.id}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'customer fixed it' }) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Booking).status).toBe('canceled');
    await s.fake.waitForMessages(3);
    expect(bodiesTo(s).at(-1)).toBe('Acme Plumbing: Your visit for Thu 11/19 8-12 is canceled. Reply here to book another time.');
    const lead = await getLead(t, leadId);
    expect(lead.status).toBe('open');
    expect(lead.outcome).toBeNull();
    expect(lead.nextAction).toMatchObject({ type: 'call_back' });
    const count = s.fake.messages.length;
    await fire(t, leadId, reminder!);
    expect(s.fake.messages.length).toBe(count);
    const avail = (await (await t.api('/api/v1/availability?from=2026-11-19T00:00:00Z&to=2026-11-19T23:00:00Z')).json()) as Array<{ remaining: number }>;
    expect(avail[0]!.remaining).toBe(2);
  });

  it('an opted-out customer gets no reminder', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') });
    const leadId = await leadFor(s, t);
    await book(t, { leadId, start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z' });
    await s.fake.waitForMessages(2);
    await textFromCaller(t, 'STOP');
    await s.fake.waitForMessages(3);
    const [reminder] = await reminderTimers(t);
    const count = s.fake.messages.length;
    await fire(t, leadId, reminder!);
    expect(s.fake.messages.length).toBe(count);
    const lead = await getLead(t, leadId);
    expect(eventsOf(lead, 'message_blocked').some((e) => e.data.purpose === 'booking_notice' && e.data.reason === 'opted_out')).toBe(true);
  });
});
