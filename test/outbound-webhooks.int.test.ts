/**
 * Outbound webhooks (issue 6, item 8) on both databases: subscriptions through the API, lead and
 * booking events delivered to a local receiver signed per Standard Webhooks (checked with the
 * receiver's library, `standardwebhooks`), retries on the Svix schedule driven by the test clock,
 * the final `failed`, replay with the same webhook-id, filtering by type, and tenant isolation.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createOrganization, findOrganizationById } from '../src/app/organizations.ts';
import { recordLeadInput } from '../src/app/record-lead-input.ts';
import { webhookDeliveries, webhookSubscriptions } from '../src/db/schema.ts';
import { deliverDueWebhooks } from '../src/integrations/webhooks/deliver-due-webhooks.ts';
import { RETRY_DELAYS_SECONDS } from '../src/integrations/webhooks/retry-schedule.ts';
import type { TestRingback } from './support/harness.ts';
import { signIn } from './support/people.ts';
import { CALLER, missedCallWithTextBack, onlyLead, ringbackSuite, textFromCaller } from './support/suite.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Receiver {
  url: string;
  requests: Received[];
  /** Waits until `n` requests arrived (fails after 10 s). */
  waitFor(n: number): Promise<Received[]>;
  /** The status the next requests get. */
  answer(status: number, body?: string): void;
}
interface Subscription {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  secret?: string;
}
interface Delivery {
  id: string;
  subscriptionId: string;
  eventType: string;
  messageId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponse: string | null;
  deliveredAt: string | null;
  payload: { type: string; timestamp: string; data: Record<string, any> };
}
interface Problem {
  status: number;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
});

/** A receiver on 127.0.0.1 that records every request and answers `status` (200 unless told). */
async function startReceiver(status = 200): Promise<Receiver> {
  const requests: Received[] = [];
  let reply = { status, body: status >= 400 ? 'receiver error' : 'ok' };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/ringback`,
    requests,
    async waitFor(n) {
      const deadline = Date.now() + 10_000;
      while (requests.length < n) {
        if (Date.now() > deadline) throw new Error(`the receiver got ${requests.length} requests, expected ${n}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return requests;
    },
    answer(s, body = s >= 400 ? 'receiver error' : 'ok') {
      reply = { status: s, body };
    },
  };
}

/**
 * Verifies a received request with the receiver's library, as of the request's own
 * `webhook-timestamp` (the test clock is not the wall clock the library checks against); returns the
 * parsed body, or throws the library's `WebhookVerificationError`.
 */
function verify(secret: string, req: Pick<Received, 'headers' | 'body'>): unknown {
  vi.useFakeTimers({ toFake: ['Date'], now: Number(req.headers['webhook-timestamp']) * 1000 });
  try {
    return new Webhook(secret).verify(req.body, req.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

const post = (t: TestRingback, path: string, body: unknown = {}) => t.api(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const patch = (t: TestRingback, path: string, body: unknown) => t.api(path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
}

async function subscribe(t: TestRingback, url: string, eventTypes: string[], extra: Record<string, unknown> = {}): Promise<Subscription & { secret: string }> {
  return json(await post(t, '/api/v1/webhooks/subscriptions', { url, eventTypes, ...extra }), 201);
}

async function deliveries(t: TestRingback, query = ''): Promise<Delivery[]> {
  return json(await t.api(`/api/v1/webhooks/deliveries${query}`), 200);
}

/** One delivery step at the test clock's now (the background worker may have taken some already). */
const deliverNow = (t: TestRingback) => deliverDueWebhooks(t.rb.ctx, t.clock.now());

/** Waits until no delivery of the organization is pending at the test clock's now (the worker or a step sent it). */
async function settleDeliveries(t: TestRingback): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await deliverNow(t);
    const rows = await t.rb.database.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.organizationId, t.org.id));
    if (!rows.some((r) => r.status === 'pending' && r.nextAttemptAt! <= t.clock.now())) return;
    if (Date.now() > deadline) throw new Error('deliveries still due after 10 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const seconds = (t: TestRingback) => String(Math.floor(t.clock.now().getTime() / 1000));

describe('[WEBHOOKS] outbound webhooks', () => {
  const s = ringbackSuite();

  it('a missed call and a reply arrive as lead.created, lead.stage_changed and message.received, signed per Standard Webhooks', async () => {
    const t = await s.start();
    const receiver = await startReceiver();
    const sub = await subscribe(t, receiver.url, ['lead.created', 'lead.stage_changed', 'message.received'], { description: 'CRM' });
    expect(sub).toMatchObject({ url: receiver.url, description: 'CRM', eventTypes: ['lead.created', 'lead.stage_changed', 'message.received'], enabled: true });
    expect(sub.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);

    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'could you give me a call back this afternoon');
    await settleDeliveries(t);
    const requests = await receiver.waitFor(4);
    const lead = await onlyLead(t);

    const bodies = requests.map((r) => verify(sub.secret, r) as Delivery['payload']);
    expect(bodies.map((b) => b.type).sort()).toEqual(['lead.created', 'lead.stage_changed', 'lead.stage_changed', 'message.received']);
    for (const r of requests) {
      expect(r.method).toBe('POST');
      expect(r.url).toBe('/hooks/ringback');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.headers['user-agent']).toBe('Ringback-Webhooks/1');
      expect(r.headers['webhook-id']).toMatch(/^msg_[A-Za-z0-9_-]+$/);
      expect(r.headers['webhook-timestamp']).toBe(seconds(t));
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    }
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(4);
    const summary = { status: 'open', stage: 'customer_replied', intent: 'callback', phone: CALLER };
    const byType = (type: string) => bodies.filter((b) => b.type === type);
    expect(byType('lead.created')[0]).toMatchObject({ timestamp: t.clock.now().toISOString(), data: { organizationId: t.org.id, leadId: lead.id, stage: 'callback_needed', lead: { phone: CALLER } } });
    expect(byType('lead.stage_changed').map((b) => [b.data.from, b.data.to])).toEqual(expect.arrayContaining([['callback_needed', 'text_sent'], ['text_sent', 'customer_replied']]));
    expect(byType('message.received')[0]!.data).toMatchObject({ leadId: lead.id, body: 'could you give me a call back this afternoon', from: CALLER, lead: summary });

    // A body changed on the way (or a forged one) does not verify.
    const tampered = { ...requests[0]!, body: requests[0]!.body.replace(lead.id, crypto.randomUUID()) };
    expect(() => verify(sub.secret, tampered)).toThrow(/No matching signature/);

    const log = await deliveries(t);
    expect(log).toHaveLength(4);
    for (const d of log) expect(d).toMatchObject({ subscriptionId: sub.id, status: 'delivered', attempts: 1, lastStatusCode: 200, lastError: null, lastResponse: 'ok', nextAttemptAt: null });
    expect(log.map((d) => d.messageId).sort()).toEqual(requests.map((r) => r.headers['webhook-id']).sort());
  });

  it('only the subscribed types are sent; a disabled subscription gets nothing; a deleted one is gone with its log', async () => {
    const t = await s.start();
    const messagesOnly = await startReceiver();
    const disabled = await startReceiver();
    const a = await subscribe(t, messagesOnly.url, ['message.received']);
    const b = await subscribe(t, disabled.url, ['lead.created', 'message.received']);
    const off = await json<Subscription>(await patch(t, `/api/v1/webhooks/subscriptions/${b.id}`, { enabled: false }), 200);
    expect(off).toMatchObject({ id: b.id, enabled: false });
    expect(off).not.toHaveProperty('secret');

    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'could you give me a call back this afternoon');
    await settleDeliveries(t);
    const [only] = await messagesOnly.waitFor(1);
    expect((verify(a.secret, only!) as Delivery['payload']).type).toBe('message.received');
    expect(disabled.requests).toHaveLength(0);
    expect(await deliveries(t, `?subscriptionId=${b.id}`)).toEqual([]);
    expect((await deliveries(t)).map((d) => d.eventType)).toEqual(['message.received']);

    expect((await t.api(`/api/v1/webhooks/subscriptions/${a.id}`, { method: 'DELETE' })).status).toBe(204);
    await textFromCaller(t, 'are you still there?');
    await settleDeliveries(t);
    expect(messagesOnly.requests).toHaveLength(1);
    expect(await deliveries(t)).toEqual([]);
    expect((await json<Subscription[]>(await t.api('/api/v1/webhooks/subscriptions'), 200)).map((x) => x.id)).toEqual([b.id]);
  });

  it('a receiver answering 500 is retried 5 s later with the same webhook-id, and the log shows each answer', async () => {
    const t = await s.start();
    const receiver = await startReceiver(500);
    const sub = await subscribe(t, receiver.url, ['lead.created']);
    await missedCallWithTextBack(s, t);
    const failedAt = t.clock.now();
    await settleDeliveries(t);
    const [first] = await receiver.waitFor(1);
    let [d] = await deliveries(t);
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 500, lastError: 'HTTP 500', lastResponse: 'receiver error', deliveredAt: null });
    expect(Date.parse(d!.nextAttemptAt!) - failedAt.getTime()).toBe(5_000);

    t.clock.advance(4_000);
    expect(await deliverNow(t)).toBe(0); // not due yet
    expect(receiver.requests).toHaveLength(1);

    receiver.answer(200);
    t.clock.advance(1_000);
    await settleDeliveries(t);
    const [, second] = await receiver.waitFor(2);
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    expect(Number(second!.headers['webhook-timestamp']) - Number(first!.headers['webhook-timestamp'])).toBe(5);
    expect(second!.body).toBe(first!.body);
    verify(sub.secret, second!);
    [d] = await deliveries(t);
    expect(d).toMatchObject({ status: 'delivered', attempts: 2, lastStatusCode: 200, lastError: null, nextAttemptAt: null, deliveredAt: t.clock.now().toISOString() });
  });

  it('a receiver that keeps failing is tried 8 times over the growing schedule, then the delivery is failed; a replay sends it again with the same webhook-id', async () => {
    const t = await s.start();
    const receiver = await startReceiver(503);
    const sub = await subscribe(t, receiver.url, ['lead.created']);
    await missedCallWithTextBack(s, t);
    await settleDeliveries(t);
    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      await receiver.waitFor(attempt);
      const [d] = await deliveries(t);
      expect(d!.attempts).toBe(attempt);
      if (d!.status === 'failed') break;
      const wait = Date.parse(d!.nextAttemptAt!) - t.clock.now().getTime();
      waits.push(wait / 1000);
      t.clock.advance(wait);
      await settleDeliveries(t);
    }
    expect(waits).toEqual([...RETRY_DELAYS_SECONDS]);
    let [d] = await deliveries(t);
    expect(d).toMatchObject({ status: 'failed', attempts: 8, nextAttemptAt: null, lastStatusCode: 503 });
    t.clock.advance(24 * 60 * 60 * 1000);
    expect(await deliverNow(t)).toBe(0);
    expect(receiver.requests).toHaveLength(8);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);

    receiver.answer(200);
    t.clock.advance(60_000);
    d = await json<Delivery>(await post(t, `/api/v1/webhooks/deliveries/${d!.id}/replay`), 200);
    expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastStatusCode: 200, deliveredAt: t.clock.now().toISOString() });
    const replayed = receiver.requests[8]!;
    expect(replayed.headers['webhook-id']).toBe(receiver.requests[0]!.headers['webhook-id']);
    expect(replayed.headers['webhook-timestamp']).toBe(seconds(t));
    expect(replayed.headers['webhook-signature']).not.toBe(receiver.requests[7]!.headers['webhook-signature']);
    expect(verify(sub.secret, replayed)).toEqual(JSON.parse(receiver.requests[0]!.body));
  });

  it('a delivered message replays with the same webhook-id and body, a new timestamp and signature', async () => {
    const t = await s.start();
    const receiver = await startReceiver();
    const sub = await subscribe(t, receiver.url, ['lead.created']);
    await missedCallWithTextBack(s, t);
    await settleDeliveries(t);
    const [original] = await receiver.waitFor(1);
    const [d] = await deliveries(t);
    t.clock.advance(3_600_000);
    const replay = await json<Delivery>(await post(t, `/api/v1/webhooks/deliveries/${d!.id}/replay`), 200);
    expect(replay).toMatchObject({ id: d!.id, messageId: d!.messageId, status: 'delivered', lastStatusCode: 200 });
    const [, again] = await receiver.waitFor(2);
    expect(again!.headers['webhook-id']).toBe(original!.headers['webhook-id']);
    expect(again!.body).toBe(original!.body);
    expect(Number(again!.headers['webhook-timestamp']) - Number(original!.headers['webhook-timestamp'])).toBe(3600);
    expect(again!.headers['webhook-signature']).not.toBe(original!.headers['webhook-signature']);
    verify(sub.secret, again!);
    // The original signature does not fit the replay's timestamp.
    expect(() => verify(sub.secret, { body: again!.body, headers: { ...again!.headers, 'webhook-signature': original!.headers['webhook-signature'] } })).toThrow(/No matching signature/);
    expect((await json<Problem>(await post(t, `/api/v1/webhooks/deliveries/${crypto.randomUUID()}/replay`), 404)).code).toBe('RB_ERR_NOT_FOUND');
  });

  it('booking.created, booking.changed and booking.canceled follow a booking made, moved and canceled through the API', async () => {
    const t = await s.start(); // Wednesday 2026-11-18 10:00 in Chicago
    const receiver = await startReceiver();
    const sub = await subscribe(t, receiver.url, ['booking.created', 'booking.changed', 'booking.canceled']);
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const created = await json<{ id: string }>(
      await t.api('/api/v1/bookings', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ leadId: lead.id, start: '2026-11-19T14:00:00Z', end: '2026-11-19T18:00:00Z', jobType: 'Water heater', customerName: 'Pat Doe' }),
      }),
      201,
    );
    await json(await patch(t, `/api/v1/bookings/${created.id}`, { start: '2026-11-19T18:00:00Z', end: '2026-11-19T22:00:00Z' }), 200);
    await json(await t.api(`/api/v1/bookings/${created.id}`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'Fixed it myself' }) }), 200);
    await settleDeliveries(t);
    const requests = await receiver.waitFor(3);
    const bodies = requests.map((r) => verify(sub.secret, r) as Delivery['payload']);
    const byType = Object.fromEntries(bodies.map((b) => [b.type, b.data]));
    expect(Object.keys(byType).sort()).toEqual(['booking.canceled', 'booking.changed', 'booking.created']);
    expect(byType['booking.created']).toMatchObject({ leadId: lead.id, bookingId: created.id, start: '2026-11-19T14:00:00.000Z', end: '2026-11-19T18:00:00.000Z', jobType: 'Water heater', customerName: 'Pat Doe', source: 'api', lead: { phone: CALLER } });
    expect(byType['booking.changed']).toMatchObject({ bookingId: created.id, start: '2026-11-19T18:00:00.000Z', previous: { start: '2026-11-19T14:00:00.000Z' } });
    expect(byType['booking.canceled']).toMatchObject({ bookingId: created.id, reason: 'Fixed it myself' });
    // No lead.* type was asked for, so none was queued.
    expect((await deliveries(t)).map((d) => d.eventType).sort()).toEqual(['booking.canceled', 'booking.changed', 'booking.created']);
  });

  it('workers stepping at the same moment send each delivery once', async () => {
    const t = await s.start();
    const receiver = await startReceiver();
    await subscribe(t, receiver.url, ['lead.created', 'lead.stage_changed']);
    for (const phone of ['+15125550111', '+15125550112', '+15125550113']) await missedCallWithTextBack(s, t, phone);
    const steps = await Promise.all(Array.from({ length: 6 }, () => deliverNow(t)));
    await settleDeliveries(t);
    const expected = (await deliveries(t)).length;
    expect(expected).toBe(6); // per lead: lead.created and callback_needed → text_sent
    expect(steps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(expected);
    await receiver.waitFor(expected);
    await new Promise((resolve) => setTimeout(resolve, 1_200)); // one more worker interval: nothing is sent twice
    expect(receiver.requests).toHaveLength(expected);
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(expected);
  });

  it('refuses bad subscriptions and queries with the field at fault', async () => {
    const t = await s.start();
    const receiver = await startReceiver();
    const bad: Array<[unknown, string]> = [
      [{ url: 'ftp://example.com/hook', eventTypes: ['lead.created'] }, 'url'],
      [{ url: '/relative/hook', eventTypes: ['lead.created'] }, 'url'],
      [{ url: 'https://user:pw@example.com/hook', eventTypes: ['lead.created'] }, 'url'],
      [{ url: 'https://example.com/hook', eventTypes: ['lead.deleted'] }, 'eventTypes.0'],
      [{ url: 'https://example.com/hook', eventTypes: [] }, 'eventTypes'],
      [{ url: 'https://example.com/hook' }, 'eventTypes'],
      [{ url: 'https://example.com/hook', eventTypes: ['lead.created'], colour: 'red' }, 'colour'],
    ];
    for (const [body, path] of bad) {
      const res = await post(t, '/api/v1/webhooks/subscriptions', body);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const p = await json<Problem>(res, 400);
      expect(p.code).toBe('RB_ERR_VALIDATION');
      expect(p.errors!.map((e) => e.path), JSON.stringify(body)).toContain(path);
    }
    const sub = await subscribe(t, receiver.url, ['lead.created']);
    expect((await json<Problem>(await patch(t, `/api/v1/webhooks/subscriptions/${sub.id}`, { url: 'mailto:ops@example.com' }), 400)).errors![0]!.path).toBe('url');
    expect((await json<Problem>(await t.api('/api/v1/webhooks/deliveries?status=lost'), 400)).errors![0]!.path).toBe('status');
    expect((await json<Problem>(await t.api('/api/v1/webhooks/deliveries?subscriptionId=nope'), 400)).errors![0]!.path).toBe('subscriptionId');
    expect((await json<Problem>(await t.api('/api/v1/webhooks/deliveries?limit=0'), 400)).errors![0]!.path).toBe('limit');
    expect((await json<Problem>(await patch(t, `/api/v1/webhooks/subscriptions/${crypto.randomUUID()}`, { enabled: false }), 404)).code).toBe('RB_ERR_NOT_FOUND');
  });

  it('the secret is shown once, stored encrypted, and rotates; a test message is signed with the new one and is not retried', async () => {
    const t = await s.start();
    const receiver = await startReceiver();
    const sub = await subscribe(t, receiver.url, ['lead.created']);
    const listed = await t.api('/api/v1/webhooks/subscriptions');
    expect(await listed.text()).not.toContain(sub.secret.slice(6));
    const [row] = await t.rb.database.db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, sub.id));
    expect(row!.secretEnc).not.toContain(sub.secret.slice(6));
    expect(t.rb.ctx.cipher.decrypt(row!.secretEnc)).toBe(sub.secret);

    const rotated = await json<Subscription & { secret: string }>(await post(t, `/api/v1/webhooks/subscriptions/${sub.id}/rotate-secret`), 200);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(sub.secret);
    const test = await json<Delivery>(await post(t, `/api/v1/webhooks/subscriptions/${sub.id}/test`), 200);
    expect(test).toMatchObject({ eventType: 'webhook.test', status: 'delivered', attempts: 1, lastStatusCode: 200 });
    const [ping] = await receiver.waitFor(1);
    expect(verify(rotated.secret, ping!)).toMatchObject({ type: 'webhook.test', data: { subscriptionId: sub.id } });
    expect(() => verify(sub.secret, ping!)).toThrow(/No matching signature/);

    // A test message to a receiver that fails is failed at once (no retries), with the reason.
    receiver.answer(404, 'no such hook');
    const failed = await json<Delivery>(await post(t, `/api/v1/webhooks/subscriptions/${sub.id}/test`), 200);
    expect(failed).toMatchObject({ status: 'failed', nextAttemptAt: null, lastStatusCode: 404, lastError: 'HTTP 404', lastResponse: 'no such hook' });
    await json(await patch(t, `/api/v1/webhooks/subscriptions/${sub.id}`, { enabled: false }), 200);
    expect((await json<Problem>(await post(t, `/api/v1/webhooks/subscriptions/${sub.id}/test`), 409)).code).toBe('RB_ERR_CONFLICT');

    // Create, rotate and disable are in the settings audit, without either secret.
    const auditRes = await t.api('/api/v1/settings/audit');
    const auditText = await auditRes.text();
    const audit = JSON.parse(auditText) as Array<{ field: string; before: any; after: any }>;
    expect(audit.filter((a) => a.field === 'webhooks').map((a) => [a.before?.enabled ?? a.before?.secret ?? null, a.after?.enabled ?? a.after?.secret])).toEqual([
      [true, false],
      ['previous', 'rotated'],
      [null, true],
    ]);
    expect(auditText).not.toContain(sub.secret.slice(6));
    expect(auditText).not.toContain(rotated.secret.slice(6));
  });

  it('managers (like owners and API keys) manage webhooks; dispatchers and technicians may not', async () => {
    const t = await s.start();
    const receiver = await startReceiver();
    const manager = await signIn(t, 'manager');
    const created = await json<Subscription>(await manager.send('POST', '/api/v1/webhooks/subscriptions', { url: receiver.url, eventTypes: ['lead.created'] }), 201);
    expect((await json<Subscription[]>(await manager.fetch('/api/v1/webhooks/subscriptions'), 200)).map((x) => x.id)).toEqual([created.id]);
    for (const role of ['dispatcher', 'technician'] as const) {
      const person = await signIn(t, role);
      expect((await person.fetch('/api/v1/webhooks/subscriptions')).status).toBe(403);
      expect((await person.fetch('/api/v1/webhooks/deliveries')).status).toBe(403);
      expect((await person.send('POST', '/api/v1/webhooks/subscriptions', { url: receiver.url, eventTypes: ['lead.created'] })).status).toBe(403);
    }
  });

  it("another organization sees none of this organization's subscriptions or deliveries and gets none of its events", async () => {
    const t = await s.start();
    const receiverA = await startReceiver();
    const subA = await subscribe(t, receiverA.url, ['lead.created']);
    await missedCallWithTextBack(s, t);
    await settleDeliveries(t);
    await receiverA.waitFor(1);
    const [deliveryA] = await deliveries(t);

    const db = t.rb.database.db;
    const orgB = await createOrganization(db, t.rb.ctx.cipher, { name: 'Bravo Electric', timeZone: 'America/Denver', number: '+17205550100', forwardTo: ['+17205550199'] });
    const asB = (path: string, init: RequestInit = {}) =>
      fetch(t.baseUrl + path, { ...init, headers: { authorization: `Bearer ${orgB.apiKey}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) } });
    expect(await json(await asB('/api/v1/webhooks/subscriptions'), 200)).toEqual([]);
    expect(await json(await asB('/api/v1/webhooks/deliveries'), 200)).toEqual([]);
    expect(await json(await asB(`/api/v1/webhooks/deliveries?subscriptionId=${subA.id}`), 200)).toEqual([]);
    for (const [method, path, body] of [
      ['PATCH', `/api/v1/webhooks/subscriptions/${subA.id}`, { url: 'https://evil.example/hook' }],
      ['DELETE', `/api/v1/webhooks/subscriptions/${subA.id}`, undefined],
      ['POST', `/api/v1/webhooks/subscriptions/${subA.id}/rotate-secret`, {}],
      ['POST', `/api/v1/webhooks/subscriptions/${subA.id}/test`, {}],
      ['POST', `/api/v1/webhooks/deliveries/${deliveryA!.id}/replay`, {}],
    ] as const) {
      const res = await asB(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(receiverA.requests).toHaveLength(1);

    // B's own subscription hears B's lead; A's receiver hears nothing of it.
    const receiverB = await startReceiver();
    await json(await asB('/api/v1/webhooks/subscriptions', { method: 'POST', body: JSON.stringify({ url: receiverB.url, eventTypes: ['lead.created'] }) }), 201);
    const orgBRow = (await findOrganizationById(db, orgB.id))!;
    await recordLeadInput(t.rb.ctx.recordDeps, orgBRow, { by: 'phone', phoneE164: '+17205550123', source: { numberE164: '+17205550100', leadSource: null } }, { type: 'call_missed', callSid: `CA${'b'.repeat(32)}`, from: '+17205550123', to: '+17205550100', dialCallStatus: 'no-answer' }, { now: t.clock.now() });
    await settleDeliveries(t);
    const [fromB] = await receiverB.waitFor(1);
    expect(JSON.parse(fromB!.body)).toMatchObject({ type: 'lead.created', data: { organizationId: orgB.id } });
    expect(receiverA.requests).toHaveLength(1);
    const [stillA] = await deliveries(t);
    expect(stillA).toMatchObject({ id: deliveryA!.id, status: 'delivered', attempts: 1 });
    const [rowA] = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.id, subA.id));
    expect(rowA).toMatchObject({ url: receiverA.url, enabled: true });
    expect(t.rb.ctx.cipher.decrypt(rowA!.secretEnc)).toBe(subA.secret);
  });
});
