/**
 * Shared wiring for the integration tests: one fake Twilio per file, a fresh Ringback per test
 * (closed after it), and small readers of the public API.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { events, webhookRequests } from '../../src/db/schema.ts';
import { startFakeTwilio, type FakeTwilio } from './fake-twilio.ts';
import { dialStatus, inboundSms, sid, startTestRingback, type TestClock, type TestRingback } from './harness.ts';

export const CALLER = '+15125550123';
export const DIAL_STATUS = '/webhooks/twilio/voice/dial-status';
export const SMS = '/webhooks/twilio/sms';
export const SMS_STATUS = '/webhooks/twilio/sms/status';

export interface Suite {
  readonly fake: FakeTwilio;
  start(opts?: { role?: 'all' | 'web'; clock?: TestClock; publicAtListenAddress?: boolean }): Promise<TestRingback>;
}

/** Registers the hooks: a fake Twilio for the file, every Ringback started by a test closed after it. */
export function ringbackSuite(): Suite {
  let fake: FakeTwilio | undefined;
  const running: TestRingback[] = [];
  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterEach(async () => {
    for (const t of running.splice(0)) await t.close();
    fake?.reset();
  });
  afterAll(async () => {
    await fake?.close();
  });
  return {
    get fake() {
      if (!fake) throw new Error('fake Twilio is not started');
      return fake;
    },
    async start(opts = {}) {
      if (!fake) throw new Error('fake Twilio is not started');
      const t = await startTestRingback({ twilioApiBaseUrl: fake.url, ...opts });
      running.push(t);
      return t;
    },
  };
}

export interface ApiEvent {
  type: string;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}

export interface ApiLead {
  id: string;
  status: 'open' | 'closed';
  stage: string;
  intent: string | null;
  safety: boolean;
  outcome: string | null;
  contact: { id: string; phone: string; name: string | null; optedOut: boolean };
  nextAction: { type: string; dueAt: string; assignee: string | null } | null;
  automation: { state: string; reason: string | null };
  events: ApiEvent[];
}

/** `GET /api/v1/leads` (asserting 200). */
export async function listLeads(t: TestRingback, query = ''): Promise<ApiLead[]> {
  const res = await t.api(`/api/v1/leads${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ApiLead[];
}

/** `GET /api/v1/leads/:id` (asserting 200). */
export async function getLead(t: TestRingback, id: string): Promise<ApiLead> {
  const res = await t.api(`/api/v1/leads/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ApiLead;
}

/** The organization's only lead, in detail (fails when there is not exactly one). */
export async function onlyLead(t: TestRingback): Promise<ApiLead> {
  const leads = await listLeads(t);
  expect(leads).toHaveLength(1);
  return getLead(t, leads[0]!.id);
}

export const eventsOf = (lead: ApiLead, type: string) => lead.events.filter((e) => e.type === type);

/**
 * Waits until the organization's only lead shows an event of `type` (a run the queue did outside the
 * in-process fast path, which `settle()` does not see), polling the API; fails after `timeoutMs`.
 */
export async function waitForLeadEvent(t: Pick<TestRingback, 'api'>, type: string, timeoutMs = 15_000): Promise<ApiLead> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.api('/api/v1/leads');
    const [summary] = res.status === 200 ? ((await res.json()) as ApiLead[]) : [];
    if (summary) {
      const detail = await t.api(`/api/v1/leads/${summary.id}`);
      const lead = detail.status === 200 ? ((await detail.json()) as ApiLead) : null;
      if (lead && eventsOf(lead, type).length > 0) return lead;
    }
    if (Date.now() > deadline) throw new Error(`no ${type} event within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Every stored event row of the organization (lead_id included), oldest first. */
export async function storedEvents(t: TestRingback) {
  const rows = await t.rb.database.db.select().from(events).where(eq(events.organizationId, t.org.id));
  return rows.sort((a, b) => a.id - b.id);
}

/** Every stored webhook request (any organization). */
export async function storedWebhooks(t: TestRingback) {
  return t.rb.database.db.select().from(webhookRequests);
}

/**
 * Posts a missed call (`DialCallStatus=no-answer`) from `from`, waits for its text-back to reach the
 * fake and for the effect run to record it, and returns the dial-status response body (TwiML).
 */
export async function missedCallWithTextBack(s: Suite, t: TestRingback, from = CALLER, callSid = sid('CA')): Promise<string> {
  const before = s.fake.messages.length;
  const res = await t.twilio(DIAL_STATUS, dialStatus(callSid, from, 'no-answer'));
  expect(res.status).toBe(200);
  await s.fake.waitForMessages(before + 1);
  await t.settle();
  return res.text();
}

/** Posts an inbound SMS and asserts Twilio gets a 200 TwiML answer. */
export async function textFromCaller(t: TestRingback, body: string, from = CALLER, messageSid = sid('SM')): Promise<void> {
  const res = await t.twilio(SMS, inboundSms(from, body, messageSid));
  expect(res.status).toBe(200);
  await t.settle();
}

/**
 * The bounded "nothing more arrives" check: after everything we waited for has happened, lets the
 * queue's poll (0.5 s) and any retry path run for `ms`, then the fake must not have received more.
 */
export async function expectNoMoreRequests(fake: FakeTwilio, t: TestRingback, ms = 1000): Promise<void> {
  const messages = fake.messages.length;
  const requests = fake.requests;
  await new Promise((resolve) => setTimeout(resolve, ms));
  await t.settle();
  expect(fake.messages.length).toBe(messages);
  expect(fake.requests).toBe(requests);
}

/** Parses the callback URLs out of the voicemail `<Record>` of a dial-status TwiML answer. */
export function recordCallbacks(twiml: string): { recording: string; transcription: string; action: string } {
  const record = /<Record\b[^>]*>/.exec(twiml)?.[0] ?? twiml;
  const attr = (name: string) => {
    const m = new RegExp(`\\s${name}="([^"]*)"`).exec(record);
    if (!m?.[1]) throw new Error(`no ${name} in ${twiml}`);
    return m[1].replace(/&amp;/g, '&');
  };
  return { recording: attr('recordingStatusCallback'), transcription: attr('transcribeCallback'), action: attr('action') };
}
