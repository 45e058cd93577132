/**
 * Tenant isolation (issue 5): every `/api/v1` route, driven with a second organization's API key and
 * a second organization's signed-in owner against the first organization's ids, reads and writes
 * nothing of the first (404, or 403 where the caller's role stops it first; never another tenant's
 * data). The route list comes from the OpenAPI document, so a new route without a case here fails.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../src/app/organizations.ts';
import { apiKeys, calendarFeeds, fsmPushes, invitations, leads, phoneNumbers, webhookDeliveries, webhookSubscriptions } from '../src/db/schema.ts';
import { dialStatus, sid } from './support/harness.ts';
import { signIn } from './support/people.ts';
import { CALLER, DIAL_STATUS, ringbackSuite } from './support/suite.ts';

const suite = ringbackSuite();

/** How each path parameter is filled with the first organization's ids; a new kind must be added. */
type Ids = { leadId: string; numberId: string; apiKeyId: string; userId: string; invitationId: string; bookingId: string; calendarFeedId: string; webhookSubscriptionId: string; webhookDeliveryId: string; fsmPushId: string };
const PARAM_FOR: Record<string, (ids: Ids) => string> = {
  '/api/v1/leads/{id}': (i) => i.leadId,
  '/api/v1/settings/numbers/{id}': (i) => i.numberId,
  '/api/v1/settings/api-keys/{id}': (i) => i.apiKeyId,
  '/api/v1/team/{userId}': (i) => i.userId,
  '/api/v1/team/invitations/{id}': (i) => i.invitationId,
  '/api/v1/bookings/{id}': (i) => i.bookingId,
  '/api/v1/calendar-feeds/{id}': (i) => i.calendarFeedId,
  '/api/v1/webhooks/subscriptions/{id}': (i) => i.webhookSubscriptionId,
  '/api/v1/webhooks/deliveries/{id}': (i) => i.webhookDeliveryId,
  '/api/v1/fsm-pushes/{id}': (i) => i.fsmPushId,
};
/** Public routes keyed by a secret token rather than an id (the token is the authorization). */
const PUBLIC = ['/api/v1/invitations/{token}'];
/** Plausible bodies, so a route cannot hide behind a validation error. */
function bodyFor(method: string, path: string, ids: Ids): unknown {
  if (method === 'get' || method === 'delete') return undefined;
  if (path.endsWith('/messages') || path.endsWith('/messages/preview') || path.endsWith('/notes')) return { body: 'Checking in about your visit' };
  if (path.endsWith('/automation')) return { state: 'paused' };
  if (path.endsWith('/calls')) return {};
  if (path === '/api/v1/leads/{id}') return { stage: 'customer_replied', ownerId: ids.userId };
  if (path === '/api/v1/settings/policy') return { serviceAreaZips: ['78701'] };
  if (path === '/api/v1/settings/profile') return { name: 'Renamed' };
  if (path === '/api/v1/settings/numbers') return { e164: '+15125550177', forwardTo: ['+15125550178'] };
  if (path === '/api/v1/settings/numbers/{id}') return { leadSource: 'Hijacked' };
  if (path === '/api/v1/team/{userId}') return { role: 'technician' };
  if (path === '/api/v1/team/invitations') return { email: 'someone@else.test', role: 'dispatcher' };
  if (path === '/api/v1/calendar-feeds') return { scope: 'organization' };
  if (path === '/api/v1/bookings') return { leadId: ids.leadId, start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z' };
  if (path === '/api/v1/bookings/{id}') return { technicianId: ids.userId };
  if (path === '/api/v1/webhooks/subscriptions') return { url: 'https://hooks.example/b', eventTypes: ['lead.created'] };
  if (path === '/api/v1/webhooks/subscriptions/{id}') return { url: 'https://evil.example/hook', enabled: false };
  if (path === '/api/v1/settings/fsm') return { provider: 'housecall_pro', config: { apiBaseUrl: 'https://evil.example' }, credentials: { apiKey: 'stolen' } };
  if (path === '/api/v1/me') return { name: 'Same person' };
  return {};
}

describe('tenant isolation', () => {
  it("no route reads or writes another organization's data with that organization's ids", async () => {
    const t = await suite.start();
    const db = t.rb.database.db;
    // Organization A (the harness's) with a lead, a person, an invitation; organization B with its own key and owner.
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    await t.settle();
    const ownerA = await signIn(t, 'owner', { name: 'Alice Owner', phoneE164: '+15125550161' });
    expect((await ownerA.send('POST', '/api/v1/team/invitations', { email: 'new.hire@a.test', role: 'dispatcher' })).status).toBe(201);
    const feedA = await ownerA.send('POST', '/api/v1/calendar-feeds', { scope: 'organization' });
    expect(feedA.status).toBe(201);
    const calendarFeedA = (await feedA.json()) as { id: string; url: string };
    // A webhook subscription of A's (to a closed port: its deliveries stay pending) that the booking below queues a delivery for.
    const hookA = await t.api('/api/v1/webhooks/subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'http://127.0.0.1:9/hook', eventTypes: ['booking.created'] }) });
    expect(hookA.status).toBe(201);
    const webhookA = (await hookA.json()) as { id: string; secret: string };
    // A field-service connection of A's (to a closed port): the booking below queues a push for it.
    const fsmA = await t.api('/api/v1/settings/fsm', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'housecall_pro', config: { apiBaseUrl: 'http://127.0.0.1:9', leadSource: 'Acme yard signs' }, credentials: { apiKey: 'hcp-key-of-acme' } }) });
    expect(fsmA.status).toBe(200);
    const [lead] = await db.select().from(leads).where(eq(leads.organizationId, t.org.id));
    const bookingA = await t.api('/api/v1/bookings', { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': 'a-1' }, body: JSON.stringify({ leadId: lead!.id, start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z' }) });
    expect(bookingA.status).toBe(201);
    const bookingIdA = ((await bookingA.json()) as { id: string }).id;
    await t.settle(); // the booking's confirmation text goes out before A's lead is snapshotted
    const [number] = await db.select().from(phoneNumbers).where(eq(phoneNumbers.organizationId, t.org.id));
    const [key] = await db.select().from(apiKeys).where(eq(apiKeys.organizationId, t.org.id));
    const [invitation] = await db.select().from(invitations).where(eq(invitations.organizationId, t.org.id));
    const [deliveryA] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.organizationId, t.org.id));
    // The push failed (as after a vendor's refusal), so no worker run changes the lead during the sweep; only a Retry could.
    const [pushA] = await db.update(fsmPushes).set({ status: 'failed', lastError: 'refused in test', nextAttemptAt: null }).where(eq(fsmPushes.organizationId, t.org.id)).returning();
    const ids: Ids = { leadId: lead!.id, numberId: number!.id, apiKeyId: key!.id, userId: ownerA.id, invitationId: invitation!.id, bookingId: bookingIdA, calendarFeedId: calendarFeedA.id, webhookSubscriptionId: webhookA.id, webhookDeliveryId: deliveryA!.id, fsmPushId: pushA!.id };
    const secretsOfA = [lead!.id, number!.id, key!.id, ownerA.id, invitation!.id, CALLER, number!.e164, 'Alice Owner', 'new.hire@a.test', calendarFeedA.id, bookingIdA, webhookA.id, deliveryA!.id, webhookA.secret, pushA!.id, 'Acme yard signs', 'hcp-key-of-acme'];
    const before = await (await t.api(`/api/v1/leads/${lead!.id}`)).text();

    const orgB = await createOrganization(db, t.rb.ctx.cipher, { name: 'Bravo Electric', timeZone: 'America/Denver', number: '+17205550100', forwardTo: ['+17205550199'] });
    const ownerB = await signIn(t, 'owner', { name: 'Bob Owner', organizationId: orgB.id });

    const doc = t.rb.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/v1/') && path !== '/api/v1/stream' && !PUBLIC.includes(path) && !path.startsWith('/api/v1/invitations/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ method, path })));
    expect(routes.length).toBeGreaterThan(25);

    const callers = {
      'B API key': (method: string, url: string, body: unknown) =>
        fetch(t.baseUrl + url, { method, headers: { authorization: `Bearer ${orgB.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) }),
      "B's owner": (method: string, url: string, body: unknown) => ownerB.send(method.toUpperCase(), url, body),
      "B's owner asking for A": (method: string, url: string, body: unknown) =>
        ownerB.fetch(url, { method: method.toUpperCase(), headers: { 'x-ringback-organization': t.org.id }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
    };

    const leaks: string[] = [];
    for (const { method, path } of routes) {
      const hasParam = path.includes('{');
      const template = path.match(/^.*?\{[^}]+\}/)?.[0];
      const fill = template ? PARAM_FOR[template] : undefined;
      if (hasParam && (!fill || (path.match(/\{/g) ?? []).length > 1)) throw new Error(`${method} ${path}: add its path parameter to the tenant sweep`);
      const url = fill ? path.replace(/\{[^}]+\}/, fill(ids)) : path;
      for (const [who, call] of Object.entries(callers)) {
        if (path === '/api/v1/me' && who !== "B's owner asking for A") continue; // about the caller only
        const res = await call(method.toUpperCase(), url, bodyFor(method, path, ids));
        const text = await res.text();
        const asksForA = who === "B's owner asking for A" && path !== '/api/v1/me';
        if (hasParam || asksForA) {
          if (![403, 404].includes(res.status)) leaks.push(`${who}: ${method.toUpperCase()} ${url} → ${res.status}`);
        } else if (res.status >= 500) leaks.push(`${who}: ${method.toUpperCase()} ${url} → ${res.status}`);
        // A 404 may repeat the id the caller sent; anything else of A's is a leak.
        for (const secret of secretsOfA) if (!url.includes(secret) && text.includes(secret)) leaks.push(`${who}: ${method.toUpperCase()} ${url} answered with A's ${secret}`);
      }
    }
    expect(leaks).toEqual([]);

    // A's data is as it was.
    expect(await (await t.api(`/api/v1/leads/${lead!.id}`)).text()).toBe(before);
    const settings = (await (await ownerA.fetch('/api/v1/settings')).json()) as { organization: { name: string }; numbers: Array<{ id: string; leadSource: string | null }>; policy: { serviceAreaZips: string[] } };
    expect(settings.organization.name).toBe('Acme Plumbing');
    expect(settings.numbers.map((n) => n.id)).toEqual([number!.id]);
    expect(settings.numbers[0]!.leadSource).not.toBe('Hijacked');
    expect(settings.policy.serviceAreaZips).toEqual([]);
    const [keyAfter] = await db.select().from(apiKeys).where(eq(apiKeys.id, key!.id));
    expect(keyAfter!.revokedAt).toBeNull();
    const [invitationAfter] = await db.select().from(invitations).where(eq(invitations.id, invitation!.id));
    expect(invitationAfter!.revokedAt).toBeNull();
    const [webhookAfter] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, webhookA.id));
    expect(webhookAfter).toMatchObject({ url: 'http://127.0.0.1:9/hook', enabled: true });
    expect(t.rb.ctx.cipher.decrypt(webhookAfter!.secretEnc)).toBe(webhookA.secret);
    const [feedAfter] = await db.select().from(calendarFeeds).where(eq(calendarFeeds.id, calendarFeedA.id));
    expect(feedAfter!.revokedAt).toBeNull();
    expect((await fetch(t.baseUrl + new URL(calendarFeedA.url).pathname)).status).toBe(200);
    const bookingAfter = (await (await t.api(`/api/v1/bookings/${bookingIdA}`)).json()) as { status: string; version: number; technicianId: string | null };
    expect(bookingAfter).toMatchObject({ status: 'booked', version: 1, technicianId: null });
    const [pushAfter] = await db.select().from(fsmPushes).where(eq(fsmPushes.id, pushA!.id));
    expect(pushAfter).toMatchObject({ status: 'failed', attempts: pushA!.attempts });
    expect(await (await t.api('/api/v1/settings/fsm')).json()).toMatchObject({ connection: { provider: 'housecall_pro', config: { apiBaseUrl: 'http://127.0.0.1:9', leadSource: 'Acme yard signs' } } });
    const team = (await (await ownerA.fetch('/api/v1/team')).json()) as Array<{ userId: string; role: string }>;
    expect(team).toEqual([expect.objectContaining({ userId: ownerA.id, role: 'owner' })]);
    expect(suite.fake.calls).toHaveLength(0);
  });

  it("another organization's live stream never carries this organization's leads", async () => {
    const t = await suite.start();
    const orgB = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Bravo Electric', timeZone: 'America/Denver', number: '+17205550100', forwardTo: ['+17205550199'] });
    const ownerB = await signIn(t, 'owner', { organizationId: orgB.id });
    const denied = await ownerB.fetch(`/api/v1/stream?organizationId=${t.org.id}`, { headers: { 'x-ringback-organization': '' } });
    expect(denied.status).toBe(404);
    const controller = new AbortController();
    const stream = await ownerB.fetch(`/api/v1/stream?organizationId=${orgB.id}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    const received: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of stream.body!) received.push(decoder.decode(chunk as Uint8Array));
      } catch {
        /* aborted */
      }
    })();
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    await t.settle();
    await new Promise((r) => setTimeout(r, 500));
    controller.abort();
    await reading;
    expect(received.join('')).not.toContain('event: lead');
  });
});
