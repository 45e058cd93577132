/**
 * Field-service pushes (issue 6, item 9) end to end on both databases: a booking made through the
 * booking API is pushed once into ServiceTitan, Housecall Pro or Jobber (fakes that check what each
 * vendor's API docs require), transient failures are retried on the test clock, a vendor's validation
 * error fails at once with its message on the lead (the booking and the lead stay booked), a person's
 * Retry re-queues, and the connection's credentials are write-only.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { fsmConnections, fsmPushes, organizationChanges } from '../src/db/schema.ts';
import { runDueFsmPushes } from '../src/integrations/fsm/run-due-fsm-pushes.ts';
import { startFakeHousecallPro, HCP_API_KEY, type FakeHousecallPro } from './support/fake-housecall-pro.ts';
import { startFakeJobber, JOBBER_ACCESS_TOKEN, JOBBER_CLIENT_ID, JOBBER_CLIENT_SECRET, JOBBER_REFRESH_TOKEN, type FakeJobber } from './support/fake-jobber.ts';
import { startFakeServiceTitan, ST_APP_KEY, ST_BOOKING_PROVIDER, ST_CLIENT_ID, ST_CLIENT_SECRET, ST_TENANT, type FakeServiceTitan } from './support/fake-servicetitan.ts';
import type { TestRingback } from './support/harness.ts';
import { signIn } from './support/people.ts';
import { CALLER, getLead, missedCallWithTextBack, ringbackSuite, textFromCaller, type Suite } from './support/suite.ts';

const s = ringbackSuite();
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function fakeServiceTitan() {
  const fake = await startFakeServiceTitan();
  closers.push(fake.close);
  return fake;
}
async function fakeHousecallPro() {
  const fake = await startFakeHousecallPro();
  closers.push(fake.close);
  return fake;
}
async function fakeJobber() {
  const fake = await startFakeJobber();
  closers.push(fake.close);
  return fake;
}

interface Integration {
  id: string;
  provider: string;
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  externalId: string | null;
  lastError: string | null;
  updatedAt: string;
}
interface LeadWithIntegrations {
  stage: string;
  outcome: string | null;
  integrations: Integration[];
}

const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({ method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

/** Connects the test organization (API key: `settings:write`) and asserts 200. */
async function connect(t: TestRingback, body: Record<string, unknown>) {
  const res = await t.api('/api/v1/settings/fsm', json('PUT', body));
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { connection: Record<string, unknown> };
}

const serviceTitan = (fake: FakeServiceTitan) => ({
  provider: 'servicetitan',
  config: { tenantId: ST_TENANT, bookingProviderId: ST_BOOKING_PROVIDER, campaignId: '501', businessUnitId: '601', jobTypeId: '701', apiBaseUrl: fake.url, authBaseUrl: fake.url },
  credentials: { clientId: ST_CLIENT_ID, clientSecret: ST_CLIENT_SECRET, appKey: ST_APP_KEY },
});
const housecallPro = (fake: FakeHousecallPro, pushOn = 'booked') => ({ provider: 'housecall_pro', pushOn, config: { apiBaseUrl: fake.url }, credentials: { apiKey: HCP_API_KEY } });
const jobber = (fake: FakeJobber) => ({
  provider: 'jobber',
  config: { apiBaseUrl: fake.url },
  credentials: { clientId: JOBBER_CLIENT_ID, clientSecret: JOBBER_CLIENT_SECRET, accessToken: JOBBER_ACCESS_TOKEN, refreshToken: JOBBER_REFRESH_TOKEN },
});

const BOOKING = { jobType: 'Water heater repair', customerName: 'Jane Q Doe', address: '123 Main St, Austin, TX', zip: '78701', problem: 'No hot water since last night', notes: 'Gate code 4321' };

/** A missed call from `phone`, then a booking of the first opening through the booking API: the lead and booking ids. */
async function bookedLead(suite: Suite, t: TestRingback, phone = CALLER): Promise<{ leadId: string; bookingId: string; start: string }> {
  await missedCallWithTextBack(suite, t, phone);
  const leads = (await (await t.api('/api/v1/leads')).json()) as Array<{ id: string; contact: { phone: string } }>;
  const leadId = leads.find((l) => l.contact.phone === phone)!.id;
  const from = t.clock.now().toISOString();
  const to = new Date(t.clock.now().getTime() + 7 * 86_400_000).toISOString();
  const [opening] = (await (await t.api(`/api/v1/availability?from=${from}&to=${to}`)).json()) as Array<{ start: string; end: string }>;
  const res = await t.api('/api/v1/bookings', json('POST', { leadId, start: opening!.start, end: opening!.end, ...BOOKING }, { 'idempotency-key': crypto.randomUUID() }));
  expect(res.status, await res.clone().text()).toBe(201);
  const booking = (await res.json()) as { id: string };
  await t.settle();
  return { leadId, bookingId: booking.id, start: opening!.start };
}

/** Runs the pushes due now, as the worker does. */
const runPushes = (t: TestRingback) => runDueFsmPushes({ database: t.rb.database, cipher: t.rb.ctx.cipher }, t.clock.now());

async function integrationsOf(t: TestRingback, leadId: string): Promise<Integration[]> {
  return ((await getLead(t, leadId)) as unknown as LeadWithIntegrations).integrations;
}

describe('[FSM] a booking reaches the field-service system once', () => {
  it('ServiceTitan: client-credentials token, then one booking with the app key, the customer, window and configured ids', async () => {
    const fake = await fakeServiceTitan();
    const t = await s.start();
    await connect(t, serviceTitan(fake));
    const { leadId, bookingId, start } = await bookedLead(s, t);
    await runPushes(t);
    await runPushes(t);

    const [token, booking, ...more] = fake.requests;
    expect(more).toEqual([]);
    expect(token).toMatchObject({ method: 'POST', path: '/connect/token', body: { grant_type: 'client_credentials', client_id: ST_CLIENT_ID, client_secret: ST_CLIENT_SECRET } });
    expect(booking!.path).toBe(`/crm/v2/tenant/${ST_TENANT}/booking-provider/${ST_BOOKING_PROVIDER}/bookings`);
    expect(booking!.headers).toMatchObject({ authorization: 'Bearer st-token-1', 'st-app-key': ST_APP_KEY, 'content-type': 'application/json' });
    expect(booking!.body).toMatchObject({
      source: 'Ringback',
      name: 'Jane Q Doe',
      address: { street: '123 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'US' },
      contacts: [{ type: 'MobilePhone', value: '5125550123' }],
      start,
      campaignId: 501,
      businessUnitId: 601,
      jobTypeId: 701,
      priority: 'Normal',
      externalId: bookingId,
      isFirstTimeClient: true,
      isSendConfirmationEmail: false,
    });
    expect(String(booking!.body.summary)).toContain('Problem: No hot water since last night');
    expect(String(booking!.body.summary)).toContain('Notes: Gate code 4321');

    const [push] = await integrationsOf(t, leadId);
    expect(push).toMatchObject({ provider: 'servicetitan', status: 'succeeded', attempts: 1, externalId: '90002', lastError: null });
  });

  it('Housecall Pro: one lead with the API key as Token, the customer, address, lead source and a note', async () => {
    const fake = await fakeHousecallPro();
    const t = await s.start();
    await connect(t, housecallPro(fake));
    const { leadId } = await bookedLead(s, t);
    await runPushes(t);
    await runPushes(t);

    expect(fake.requests).toHaveLength(1);
    const [lead] = fake.requests;
    expect(lead).toMatchObject({ method: 'POST', path: '/leads', headers: { authorization: `Token ${HCP_API_KEY}` } });
    expect(lead!.body).toMatchObject({
      customer: { first_name: 'Jane', last_name: 'Q Doe', mobile_number: '5125550123', lead_source: 'Ringback' },
      address: { street: '123 Main St', city: 'Austin', state: 'TX', zip: '78701', country: 'US' },
      lead_source: 'Ringback',
    });
    expect(String(lead!.body.note)).toContain('Job type: Water heater repair');

    const [push] = await integrationsOf(t, leadId);
    expect(push).toMatchObject({ provider: 'housecall_pro', status: 'succeeded', attempts: 1, externalId: 'lead_00000001' });
  });

  it('Jobber: clientCreate with phone, billing address and property, then requestCreate for them, with the version header', async () => {
    const fake = await fakeJobber();
    const t = await s.start();
    await connect(t, jobber(fake));
    const { leadId } = await bookedLead(s, t);
    await runPushes(t);
    await runPushes(t);

    const mutations = fake.mutations;
    expect(mutations.map((m) => m.field)).toEqual(['clientCreate', 'requestCreate']);
    for (const m of mutations) expect(m.headers).toMatchObject({ authorization: `Bearer ${JOBBER_ACCESS_TOKEN}`, 'x-jobber-graphql-version': expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 'content-type': 'application/json' });
    const address = { street1: '123 Main St', city: 'Austin', province: 'TX', postalCode: '78701', country: 'United States' };
    expect(mutations[0]!.variables).toEqual({ input: { firstName: 'Jane', lastName: 'Q Doe', phones: [{ number: '(512) 555-0123', primary: true, description: 'MOBILE' }], billingAddress: address, properties: [{ address }] } });
    const request = mutations[1]!.variables.input as Record<string, unknown>;
    expect(request).toMatchObject({ clientId: expect.any(String), propertyId: expect.any(String), title: expect.stringMatching(/^Water heater repair - /) });

    const [push] = await integrationsOf(t, leadId);
    expect(push).toMatchObject({ provider: 'jobber', status: 'succeeded', attempts: 1, externalId: expect.any(String) });
  });

  it('without a connection a booking queues no push', async () => {
    const t = await s.start();
    const { leadId } = await bookedLead(s, t);
    expect(await runPushes(t)).toBe(0);
    expect(await integrationsOf(t, leadId)).toEqual([]);
  });
});

describe('[FSM] retries', () => {
  const vendors = [
    { name: 'ServiceTitan', start: fakeServiceTitan, settings: serviceTitan },
    { name: 'Housecall Pro', start: fakeHousecallPro, settings: (f: FakeHousecallPro) => housecallPro(f) },
    { name: 'Jobber', start: fakeJobber, settings: jobber },
  ] as const;

  it.each(vendors)('$name: two 503s are retried with backoff on the clock, then the push succeeds', async ({ start, settings }) => {
    const fake = await (start as () => Promise<FakeServiceTitan & FakeHousecallPro & FakeJobber>)();
    const t = await s.start();
    await connect(t, (settings as (f: unknown) => Record<string, unknown>)(fake));
    fake.failNext(2, 503);
    const { leadId } = await bookedLead(s, t);

    await runPushes(t);
    let [push] = await integrationsOf(t, leadId);
    expect(push).toMatchObject({ status: 'pending', attempts: 1, externalId: null });
    expect(push!.lastError).toContain('503');
    await runPushes(t); // not due yet: nothing more
    expect((await integrationsOf(t, leadId))[0]!.attempts).toBe(1);

    t.clock.advance(30_000);
    await runPushes(t);
    [push] = await integrationsOf(t, leadId);
    expect(push).toMatchObject({ status: 'pending', attempts: 2 });

    t.clock.advance(60_000);
    await runPushes(t);
    [push] = await integrationsOf(t, leadId);
    expect(push).toMatchObject({ status: 'succeeded', attempts: 3, lastError: null, externalId: expect.any(String) });
  });

  it("honours a 429's Retry-After", async () => {
    const fake = await fakeHousecallPro();
    const t = await s.start();
    await connect(t, housecallPro(fake));
    fake.failNext(1, 429, { 'retry-after': '300' });
    const { leadId } = await bookedLead(s, t);
    await runPushes(t);
    t.clock.advance(120_000);
    await runPushes(t);
    expect(fake.requests).toHaveLength(1);
    expect((await integrationsOf(t, leadId))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    t.clock.advance(180_000);
    await runPushes(t);
    expect(fake.requests).toHaveLength(2);
    expect((await integrationsOf(t, leadId))[0]).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it("a validation error fails at once with the vendor's message; the booking and the lead stay booked; Retry re-queues", async () => {
    const fake = await fakeServiceTitan();
    const t = await s.start();
    await connect(t, serviceTitan(fake));
    fake.rejectNext({ JobTypeId: ['Job type 701 is inactive.'] });
    const { leadId, bookingId } = await bookedLead(s, t);
    await runPushes(t);

    const lead = (await getLead(t, leadId)) as unknown as LeadWithIntegrations;
    expect(lead.integrations).toHaveLength(1);
    expect(lead.integrations[0]).toMatchObject({ status: 'failed', attempts: 1, externalId: null });
    expect(lead.integrations[0]!.lastError).toContain('ServiceTitan answered 400');
    expect(lead.integrations[0]!.lastError).toContain('JobTypeId: Job type 701 is inactive.');
    expect(lead.stage).toBe('booked');
    expect(lead.outcome).toBe('booked');
    const booking = (await (await t.api(`/api/v1/bookings/${bookingId}`)).json()) as { status: string };
    expect(booking.status).toBe('booked');
    t.clock.advance(3_600_000);
    await runPushes(t);
    expect(fake.bookings).toHaveLength(1); // failed pushes wait for a person

    // A dispatcher retries from the lead page.
    const dispatcher = await signIn(t, 'dispatcher');
    const pushId = lead.integrations[0]!.id;
    const retried = await dispatcher.send('POST', `/api/v1/fsm-pushes/${pushId}/retry`);
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id: pushId, status: 'pending', attempts: 0 });
    await runPushes(t);
    expect(fake.bookings).toHaveLength(2);
    expect((await integrationsOf(t, leadId))[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastError: null });

    const again = await dispatcher.send('POST', `/api/v1/fsm-pushes/${pushId}/retry`);
    expect(again.status).toBe(409);
    const technician = await signIn(t, 'technician');
    expect((await technician.send('POST', `/api/v1/fsm-pushes/${pushId}/retry`)).status).toBe(403);
  });

  it('ServiceTitan: a 401 on the booking fetches a new token and tries once more', async () => {
    const fake = await fakeServiceTitan();
    const t = await s.start();
    await connect(t, serviceTitan(fake));
    const first = await bookedLead(s, t);
    await runPushes(t);
    fake.revokeTokens();
    const second = await bookedLead(s, t, '+15125550124');
    await runPushes(t);
    expect(fake.requests.map((r) => r.path.replace(/\/crm.*/, '/bookings'))).toEqual(['/connect/token', '/bookings', '/bookings', '/connect/token', '/bookings']);
    expect((await integrationsOf(t, first.leadId))[0]!.status).toBe('succeeded');
    expect((await integrationsOf(t, second.leadId))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
  });

  it('Jobber: an expired access token is refreshed once and both rotated tokens are stored encrypted', async () => {
    const fake = await fakeJobber();
    const t = await s.start();
    await connect(t, jobber(fake));
    fake.expireAccessToken();
    const { leadId } = await bookedLead(s, t);
    await runPushes(t);
    expect((await integrationsOf(t, leadId))[0]).toMatchObject({ status: 'succeeded', attempts: 1 });
    const refresh = fake.requests.find((r) => r.path === '/api/oauth/token');
    expect(refresh!.body).toEqual({ client_id: JOBBER_CLIENT_ID, client_secret: JOBBER_CLIENT_SECRET, grant_type: 'refresh_token', refresh_token: JOBBER_REFRESH_TOKEN });
    const [row] = await t.rb.database.db.select().from(fsmConnections).where(eq(fsmConnections.organizationId, t.org.id));
    expect(row!.credentialsEnc).not.toContain(fake.tokens.accessToken);
    expect(JSON.parse(t.rb.ctx.cipher.decrypt(row!.credentialsEnc))).toMatchObject(fake.tokens);
  });

  it('Jobber: a retry after requestCreate failed reuses the client and property already created', async () => {
    const fake = await fakeJobber();
    const t = await s.start();
    await connect(t, jobber(fake));
    fake.failNext(1, 503, {}, 'requestCreate');
    const { leadId } = await bookedLead(s, t);
    await runPushes(t);
    expect((await integrationsOf(t, leadId))[0]).toMatchObject({ status: 'pending', attempts: 1, externalId: null });
    t.clock.advance(30_000);
    await runPushes(t);
    expect(fake.mutations.map((m) => m.field)).toEqual(['clientCreate', 'requestCreate', 'requestCreate']);
    const [firstTry, secondTry] = fake.mutations.slice(1).map((m) => m.variables.input);
    expect(secondTry).toEqual(firstTry);
    expect((await integrationsOf(t, leadId))[0]).toMatchObject({ status: 'succeeded', attempts: 2, externalId: expect.any(String) });
  });

  it('Jobber: a userError fails the push with its message and path', async () => {
    const fake = await fakeJobber();
    const t = await s.start();
    await connect(t, jobber(fake));
    fake.userErrorNext('clientCreate', 'Phone number is not valid', ['clientCreate', 'input', 'phones']);
    const { leadId } = await bookedLead(s, t);
    await runPushes(t);
    const [push] = await integrationsOf(t, leadId);
    expect(push).toMatchObject({ status: 'failed', attempts: 1 });
    expect(push!.lastError).toBe('Jobber clientCreate: clientCreate.input.phones: Phone number is not valid');
  });
});

describe('[FSM] pushOn qualified', () => {
  it('pushes the lead without a booking as soon as it asks for a visit, once', async () => {
    const fake = await fakeHousecallPro();
    const t = await s.start();
    await connect(t, housecallPro(fake, 'qualified'));
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'Can someone come out to look at my water heater? Need to book a visit');
    await runPushes(t);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.body).toMatchObject({ customer: { mobile_number: '5125550123' } });
    expect(fake.requests[0]!.body).not.toHaveProperty('address');
    expect(String(fake.requests[0]!.body.note)).toContain('Asked for a visit (not booked yet).');
    const pushes = await t.rb.database.db.select().from(fsmPushes).where(eq(fsmPushes.organizationId, t.org.id));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.bookingId).toBeNull();
  });
});

describe('[FSM] connection settings', () => {
  it('credentials are write-only: GET says which are set, never their values; changes are audited without secrets', async () => {
    const fake = await fakeServiceTitan();
    const t = await s.start();
    await connect(t, serviceTitan(fake));
    const owner = await signIn(t, 'owner');
    const res = await owner.fetch('/api/v1/settings/fsm');
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const secret of [ST_CLIENT_SECRET, ST_APP_KEY, ST_CLIENT_ID]) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({
      connection: { provider: 'servicetitan', pushOn: 'booked', enabled: true, config: { tenantId: ST_TENANT, bookingProviderId: ST_BOOKING_PROVIDER }, credentials: { clientId: true, clientSecret: true, appKey: true } },
    });

    // Changing the config keeps stored credentials; a new app key replaces only that one.
    const changed = await owner.send('PUT', '/api/v1/settings/fsm', { provider: 'servicetitan', pushOn: 'qualified', config: { ...serviceTitan(fake).config, priority: 'High' }, credentials: { appKey: 'ak1.rotated' } });
    expect(changed.status).toBe(200);
    const [row] = await t.rb.database.db.select().from(fsmConnections).where(eq(fsmConnections.organizationId, t.org.id));
    expect(JSON.parse(t.rb.ctx.cipher.decrypt(row!.credentialsEnc))).toEqual({ clientId: ST_CLIENT_ID, clientSecret: ST_CLIENT_SECRET, appKey: 'ak1.rotated' });

    const audit = await t.rb.database.db.select().from(organizationChanges).where(and(eq(organizationChanges.organizationId, t.org.id), eq(organizationChanges.field, 'fsm')));
    expect(audit).toHaveLength(2);
    const auditText = JSON.stringify(audit);
    for (const secret of [ST_CLIENT_SECRET, ST_APP_KEY, 'ak1.rotated']) expect(auditText).not.toContain(secret);
    expect(auditText).toContain('"credentialsChanged":["appKey"]');

    // Read-only roles may look but not change; a technician may not look.
    const dispatcher = await signIn(t, 'dispatcher');
    expect((await dispatcher.send('PUT', '/api/v1/settings/fsm', serviceTitan(fake))).status).toBe(403);
    expect((await (await signIn(t, 'technician')).fetch('/api/v1/settings/fsm')).status).toBe(403);

    expect((await owner.send('DELETE', '/api/v1/settings/fsm')).status).toBe(204);
    expect(await (await owner.fetch('/api/v1/settings/fsm')).json()).toEqual({ connection: null });
    expect((await owner.send('DELETE', '/api/v1/settings/fsm')).status).toBe(404);
  });

  it('refuses bad settings with field paths: unknown fields, missing credentials, a malformed id or URL', async () => {
    const t = await s.start();
    const res = await t.api('/api/v1/settings/fsm', json('PUT', { provider: 'servicetitan', config: { tenantId: 'abc', bookingProviderId: '1', apiBaseUrl: 'not a url', colour: 'red' }, credentials: { clientId: 'x' } }));
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: Array<{ path: string; message: string }> };
    expect(problem.code).toBe('RB_ERR_VALIDATION');
    const paths = problem.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['config.tenantId', 'config.apiBaseUrl', 'config.colour', 'credentials.clientSecret', 'credentials.appKey']));
    expect((await t.api('/api/v1/settings/fsm', json('PUT', { provider: 'fieldedge', config: {} }))).status).toBe(400);
    expect(await (await t.api('/api/v1/settings/fsm')).json()).toEqual({ connection: null });
  });
});
