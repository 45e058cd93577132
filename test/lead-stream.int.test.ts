/**
 * Live updates (issue 5): `GET /api/v1/stream` sends a `lead` event within a second of a change —
 * here a signed missed-call webhook — to the signed-in app, as EventSource would open it (session
 * cookie, organization in the query string).
 */
import { describe, expect, it } from 'vitest';
import { liveUpdates } from '../src/app/live-updates.ts';
import { dialStatus, sid } from './support/harness.ts';
import { signIn, type Person } from './support/people.ts';
import { DIAL_STATUS, listLeads, ringbackSuite } from './support/suite.ts';
import type { TestRingback } from './support/harness.ts';

interface Stream {
  res: Response;
  /** Everything received so far. */
  text(): string;
  /** Resolves with the data of the first `lead` event matching `match`, or rejects after `timeoutMs`. */
  leadEvent(match: (data: { leadId: string; reason: string }) => boolean, timeoutMs?: number): Promise<{ leadId: string; reason: string }>;
  close(): void;
}

/** Opens the stream like EventSource: cookie only, `?organizationId=`, no custom headers. */
async function openStream(t: TestRingback, person: Person): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${t.baseUrl}/api/v1/stream?organizationId=${t.org.id}`, { headers: { cookie: person.cookie, accept: 'text/event-stream' }, signal: abort.signal });
  let buffer = '';
  const waiters = new Set<() => void>();
  if (res.body) {
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += value;
          for (const w of waiters) w();
        }
      } catch {
        // aborted
      }
    })();
  }
  const events = () =>
    buffer
      .split('\n\n')
      .filter((block) => block.startsWith('event: lead\n'))
      .map((block) => JSON.parse(block.split('\n').find((l) => l.startsWith('data: '))!.slice(6)) as { leadId: string; reason: string });
  return {
    res,
    text: () => buffer,
    leadEvent(match, timeoutMs = 1000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = events().find(match);
          if (!hit) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching lead event within ${timeoutMs} ms; got: ${JSON.stringify(buffer)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}

async function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('[LIVE] the open app hears about lead changes within a second', () => {
  const s = ringbackSuite();

  it('a signed missed-call webhook reaches an open stream as a `lead` event in under a second', async () => {
    const t = await s.start();
    const dana = await signIn(t, 'dispatcher');
    const stream = await openStream(t, dana);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get('cache-control')).toMatch(/no-cache/);
    expect(stream.res.headers.get('x-accel-buffering')).toBe('no');
    await until(() => liveUpdates.listenerCount(t.org.id) === 1);

    const started = Date.now();
    const webhook = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), '+15125550161', 'no-answer'));
    expect(webhook.status).toBe(200);
    const event = await stream.leadEvent((e) => e.reason === 'call_missed', 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    const [lead] = await listLeads(t);
    expect(event.leadId).toBe(lead!.id);
    // The text-back's provider answer follows on the same stream.
    await stream.leadEvent((e) => e.reason === 'message_send_settled', 3000);
    await t.settle();

    stream.close();
    await until(() => liveUpdates.listenerCount(t.org.id) === 0);
  });

  it("a technician's stream carries only leads they can see", async () => {
    const t = await s.start();
    const dana = await signIn(t, 'dispatcher');
    const tom = await signIn(t, 'technician');
    const stream = await openStream(t, tom);
    await until(() => liveUpdates.listenerCount(t.org.id) === 1);
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), '+15125550162', 'no-answer'));
    await t.settle();
    const [lead] = await listLeads(t);
    expect((await dana.send('PATCH', `/api/v1/leads/${lead!.id}`, { ownerId: tom.id })).status).toBe(200);
    expect(await stream.leadEvent((e) => e.reason === 'lead_updated_by_person')).toEqual({ leadId: lead!.id, reason: 'lead_updated_by_person' });
    expect(stream.text()).not.toMatch(/call_missed/); // before it was theirs
    // Left open on purpose: closing Ringback ends open streams instead of waiting on them.
  });

  it('signed out is 401; another organization is 404', async () => {
    const t = await s.start();
    const anonymous = await fetch(`${t.baseUrl}/api/v1/stream?organizationId=${t.org.id}`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'RB_ERR_UNAUTHENTICATED' });
    const dana = await signIn(t, 'dispatcher');
    const elsewhere = await fetch(`${t.baseUrl}/api/v1/stream?organizationId=00000000-0000-4000-8000-000000000000`, { headers: { cookie: dana.cookie } });
    expect(elsewhere.status).toBe(404);
  });
});
