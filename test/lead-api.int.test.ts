import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../src/app/organizations.ts';
import { tasks } from '../src/db/schema.ts';
import { dialStatus, ORG_NUMBER, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, getLead, listLeads, missedCallWithTextBack, onlyLead, ringbackSuite, textFromCaller } from './support/suite.ts';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe('[API] the lead API shows the recovery thread', () => {
  const s = ringbackSuite();

  it('a reply after the text-back moves the lead to customer_replied with a call-back task as the next action', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'could you give me a call back this afternoon');
    const lead = await onlyLead(t);
    expect(lead).toMatchObject({
      status: 'open',
      stage: 'customer_replied',
      intent: 'callback',
      safety: false,
      outcome: null,
      contact: { phone: CALLER, optedOut: false },
      automation: { state: 'active', reason: null },
      nextAction: { type: 'call_back', assignee: null },
    });
    expect(lead.nextAction!.dueAt).toMatch(ISO);
    expect(Date.parse(lead.nextAction!.dueAt)).toBe(t.clock.now().getTime()); // due now: the customer is waiting
    // Nothing automatic answers a reply: a person does, from a task.
    expect(s.fake.messages).toHaveLength(1);
    const rows = await t.rb.database.db.select().from(tasks).where(eq(tasks.leadId, lead.id));
    expect(rows.find((r) => r.dueAt.toISOString() === lead.nextAction!.dueAt)).toMatchObject({ type: 'call_back', status: 'open' });
  });

  it('GET /api/v1/leads/:id carries the timeline: type, ISO time, actor and data of each event', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    await missedCallWithTextBack(s, t, CALLER, callSid);
    const body = 'could you give me a call back this afternoon';
    await textFromCaller(t, body);
    const lead = await onlyLead(t);
    const types = lead.events.map((e) => e.type);
    for (const type of ['call_missed', 'message_sent', 'message_received', 'stage_changed']) expect(types).toContain(type);
    expect(types.indexOf('call_missed')).toBeLessThan(types.indexOf('message_sent'));
    expect(types.indexOf('message_sent')).toBeLessThan(types.indexOf('message_received'));
    for (const e of lead.events) {
      expect(e.type).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(e.at).toMatch(ISO);
      expect(typeof e.actor).toBe('string');
      expect(typeof e.data).toBe('object');
    }
    expect(eventsOf(lead, 'call_missed')[0]).toMatchObject({ actor: 'customer', data: { callSid, from: CALLER, to: ORG_NUMBER, dialCallStatus: 'no-answer' } });
    expect(eventsOf(lead, 'message_sent')[0]).toMatchObject({ actor: 'system', data: { messageSid: s.fake.messages[0]!.sid } });
    expect(eventsOf(lead, 'message_received')[0]).toMatchObject({ actor: 'customer', data: { body, from: CALLER } });
    expect(eventsOf(lead, 'stage_changed').map((e) => e.data)).toEqual([
      { from: 'callback_needed', to: 'text_sent' },
      { from: 'text_sent', to: 'customer_replied' },
    ]);
  });

  it('GET /api/v1/leads lists leads newest first and filters by stage', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t, CALLER);
    t.clock.advance(60_000);
    await missedCallWithTextBack(s, t, '+15125550177');
    await textFromCaller(t, 'can you come today?', '+15125550177'); // booking: appointment requested
    const all = await listLeads(t);
    expect(all.map((l) => l.contact.phone)).toEqual(['+15125550177', CALLER]);
    expect((await listLeads(t, '?stage=appointment_requested')).map((l) => l.contact.phone)).toEqual(['+15125550177']);
    expect((await listLeads(t, '?intent=booking')).map((l) => l.contact.phone)).toEqual(['+15125550177']);
    expect((await listLeads(t, '?stage=text_sent')).map((l) => l.contact.phone)).toEqual([CALLER]);
    const since = new Date(t.clock.now().getTime() - 30_000).toISOString();
    expect((await listLeads(t, `?since=${encodeURIComponent(since)}`)).map((l) => l.contact.phone)).toEqual(['+15125550177']);
  });

  it('GET /api/v1/openapi.json is valid JSON that documents /api/v1/leads', async () => {
    const t = await s.start();
    const res = await fetch(`${t.baseUrl}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/leads', '/api/v1/leads/{id}']));
  });
});

describe('[API-AUTH] the API answers only with a key, only about its own organization, with a reason for every refusal', () => {
  const s = ringbackSuite();

  async function expectProblem(res: Response, status: number, code: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status, code, detail: expect.any(String) });
  }

  it('no API key gets 401; an unknown key gets 401', async () => {
    const t = await s.start();
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/leads`), 401, 'RB_ERR_UNAUTHENTICATED');
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/leads`, { headers: { authorization: 'Bearer rb_nope' } }), 401, 'RB_ERR_UNAUTHENTICATED');
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/leads/00000000-0000-4000-8000-000000000000`), 401, 'RB_ERR_UNAUTHENTICATED');
  });

  it("another organization's lead is 404 and never listed", async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const [lead] = await listLeads(t);
    const other = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Other Co', timeZone: 'America/New_York', number: '+12125550100', forwardTo: ['+12125550199'] });
    const asOther = { headers: { authorization: `Bearer ${other.apiKey}` } };
    await expectProblem(await fetch(`${t.baseUrl}/api/v1/leads/${lead!.id}`, asOther), 404, 'RB_ERR_NOT_FOUND');
    const list = await fetch(`${t.baseUrl}/api/v1/leads`, asOther);
    expect(await list.json()).toEqual([]);
    expect((await getLead(t, lead!.id)).id).toBe(lead!.id);
  });

  it('a lead id that is not a UUID, or unknown, is 404', async () => {
    const t = await s.start();
    await expectProblem(await t.api('/api/v1/leads/not-a-uuid'), 404, 'RB_ERR_NOT_FOUND');
    await expectProblem(await t.api('/api/v1/leads/00000000-0000-4000-8000-000000000000'), 404, 'RB_ERR_NOT_FOUND');
  });

  it.each(['?stage=bogus', '?since=yesterday', '?limit=0', '?limit=abc'])('a bad query (%s) is a 400 problem', async (query) => {
    const t = await s.start();
    await expectProblem(await t.api(`/api/v1/leads${query}`), 400, 'RB_ERR_VALIDATION');
  });

  it('an answered call shows no lead in the API', async () => {
    const t = await s.start();
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'completed', { DialBridged: 'true' }));
    expect(await listLeads(t)).toEqual([]);
  });
});
