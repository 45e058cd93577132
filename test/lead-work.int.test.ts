/**
 * People working leads through the API (issue 5): PATCH stage / owners / next action / outcome,
 * notes, the send gate's preview, templates, click-to-call, and what a technician may see and do.
 */
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../src/app/organizations.ts';
import { ORG_NUMBER } from './support/harness.ts';
import { signIn } from './support/people.ts';
import { CALLER, eventsOf, listLeads, missedCallWithTextBack, onlyLead, ringbackSuite, textFromCaller } from './support/suite.ts';

interface Thread {
  id: string;
  status: string;
  stage: string;
  outcome: string | null;
  owner: { id: string; name: string } | null;
  backupOwner: { id: string; name: string } | null;
  nextAction: { type: string; dueAt: string; assignee: string | null } | null;
  automation: { state: string; reason: string | null };
  overdue: boolean;
  lastInbound: { at: string; preview: string } | null;
  events: Array<{ type: string; at: string; actor: string; actorName: string | null; data: Record<string, unknown> }>;
  tasks: Array<{ id: string; type: string; status: string; reason: string | null; dueAt: string; assignee: string | null }>;
}

describe('[WORK] a dispatcher works a lead', () => {
  const s = ringbackSuite();

  it('PATCH sets owner, backup owner, next action and stage: events by the person (with their name), the task replaced', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const dana = await signIn(t, 'dispatcher', { name: 'Dana Dispatcher' });
    const tom = await signIn(t, 'technician', { name: 'Tom Tech' });
    const dueAt = new Date(t.clock.now().getTime() + 2 * 60 * 60_000).toISOString();
    const res = await dana.send('PATCH', `/api/v1/leads/${lead.id}`, { ownerId: tom.id, backupOwnerId: dana.id, nextAction: { type: 'call_back', dueAt }, stage: 'waiting_on_customer' });
    expect(res.status).toBe(200);
    const thread = (await res.json()) as Thread;
    expect(thread).toMatchObject({
      stage: 'waiting_on_customer',
      owner: { id: tom.id, name: 'Tom Tech' },
      backupOwner: { id: dana.id, name: 'Dana Dispatcher' },
      nextAction: { type: 'call_back', dueAt, assignee: tom.id },
      overdue: false,
      lastInbound: { preview: 'Missed call' },
    });
    const actor = `user:${dana.id}`;
    for (const type of ['owner_changed', 'next_action_set', 'stage_changed']) {
      expect(thread.events.filter((e) => e.type === type).at(-1)).toMatchObject({ actor, actorName: 'Dana Dispatcher' });
    }
    expect(thread.events.find((e) => e.type === 'owner_changed')!.data).toMatchObject({ ownerId: tom.id, backupOwnerId: dana.id });
    expect(thread.events.filter((e) => e.type === 'stage_changed').at(-1)!.data).toEqual({ from: 'text_sent', to: 'waiting_on_customer' });
    expect(thread.events.find((e) => e.type === 'call_missed')).toMatchObject({ actor: 'customer', actorName: null });
    // The missed call's task is canceled, the person's is the one open task.
    expect(thread.tasks.map((k) => [k.type, k.status])).toEqual([
      ['call_back', 'canceled'],
      ['call_back', 'open'],
    ]);
    expect(thread.tasks[1]).toMatchObject({ dueAt, assignee: tom.id, reason: 'Call the customer back' });
    // The read model says the same, messages included.
    const again = (await (await dana.fetch(`/api/v1/leads/${lead.id}`)).json()) as Thread & { messages: Array<Record<string, unknown>> };
    expect(again.owner).toEqual({ id: tom.id, name: 'Tom Tech' });
    expect(again.messages).toEqual([expect.objectContaining({ direction: 'outbound', status: 'sent', purpose: 'text_back', automated: true, body: expect.stringContaining('Acme Plumbing'), providerSid: s.fake.messages[0]!.sid })]);
  });

  it('an outcome closes the lead: automation stopped, task canceled; booked is refused (422), strangers and bad bodies are 400', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const dana = await signIn(t, 'dispatcher');

    const booked = await dana.send('PATCH', `/api/v1/leads/${lead.id}`, { stage: 'booked' });
    expect(booked.status).toBe(422);
    expect(booked.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await booked.json()).toMatchObject({ status: 422, code: 'RB_ERR_LEAD_ACTION_REFUSED', reason: 'booking_required', detail: expect.stringMatching(/booking/) });

    const stranger = await dana.send('PATCH', `/api/v1/leads/${lead.id}`, { ownerId: 'not-a-member' });
    expect(stranger.status).toBe(400);
    expect(await stranger.json()).toMatchObject({ code: 'RB_ERR_VALIDATION', errors: [{ path: 'ownerId', message: expect.stringMatching(/not a member/) }] });
    for (const body of [{}, { stage: 'nope' }, { nextAction: { type: 'call_back', dueAt: 'tomorrow' } }, { outcome: 'spam', nextAction: { type: 'call_back', dueAt: new Date().toISOString() } }, { color: 'red' }]) {
      expect((await dana.send('PATCH', `/api/v1/leads/${lead.id}`, body)).status).toBe(400);
    }
    expect(eventsOf(await onlyLead(t), 'stage_changed').every((e) => e.actor === 'system')).toBe(true); // nothing stored

    const closed = await dana.send('PATCH', `/api/v1/leads/${lead.id}`, { outcome: 'already_handled' });
    expect(closed.status).toBe(200);
    const thread = (await closed.json()) as Thread;
    expect(thread).toMatchObject({ status: 'closed', outcome: 'already_handled', nextAction: null, automation: { state: 'stopped' } });
    expect(thread.events.map((e) => e.type)).toEqual(expect.arrayContaining(['outcome_set', 'cadence_stopped', 'lead_closed']));
    expect(thread.tasks.every((k) => k.status === 'canceled')).toBe(true);
    const reopen = await dana.send('PATCH', `/api/v1/leads/${lead.id}`, { stage: 'customer_replied' });
    expect(reopen.status).toBe(422);
    expect(await reopen.json()).toMatchObject({ reason: 'lead_closed' });
  });

  it('notes land on the timeline with the person; the API key acts as api_key:<prefix>', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const dana = await signIn(t, 'assistant', { name: 'Ana Assistant' });
    const res = await dana.send('POST', `/api/v1/leads/${lead.id}/notes`, { body: 'Customer prefers texts after 5pm' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true });
    expect((await dana.send('POST', `/api/v1/leads/${lead.id}/notes`, { body: '   ' })).status).toBe(400);
    const byKey = await t.api(`/api/v1/leads/${lead.id}/notes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'From the CRM' }) });
    expect(byKey.status).toBe(201);
    const thread = (await (await dana.fetch(`/api/v1/leads/${lead.id}`)).json()) as Thread;
    expect(thread.events.filter((e) => e.type === 'note_added').map((e) => [e.actorName, e.data.body, e.actor.split(':')[0]])).toEqual([
      ['Ana Assistant', 'Customer prefers texts after 5pm', 'user'],
      [null, 'From the CRM', 'api_key'],
    ]);
  });

  it('a write without the CSRF token is refused (403) and changes nothing', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const dana = await signIn(t, 'dispatcher');
    const res = await dana.fetch(`/api/v1/leads/${lead.id}/notes`, { method: 'POST', headers: { 'x-csrf-token': 'forged' }, body: JSON.stringify({ body: 'hi' }) });
    expect(res.status).toBe(403);
    expect(eventsOf(await onlyLead(t), 'note_added')).toHaveLength(0);
  });
});

describe('[WORK] the composer: gate preview and templates', () => {
  const s = ringbackSuite();

  it("preview shows the gate's verdict before sending: allowed with segments, then the opt-out refusal in words; nothing is sent", async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const dana = await signIn(t, 'dispatcher');
    const ok = await dana.send('POST', `/api/v1/leads/${lead.id}/messages/preview`, { body: 'Hi, this is Dana. Can I call you at 3?' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ allowed: true, reason: null, detail: null, retryAt: null, segments: { count: 1, encoding: 'GSM-7', characters: 38 } });
    const long = await dana.send('POST', `/api/v1/leads/${lead.id}/messages/preview`, { body: `${'¿Le llamo mañana? 🙂 '.repeat(5)}` });
    expect(((await long.json()) as { segments: unknown }).segments).toMatchObject({ encoding: 'UCS-2', count: 2 });

    await textFromCaller(t, 'STOP');
    await s.fake.waitForMessages(2);
    await t.settle();
    const sent = s.fake.messages.length;
    const refused = await dana.send('POST', `/api/v1/leads/${lead.id}/messages/preview`, { body: 'Are you sure?' });
    expect(refused.status).toBe(200);
    expect(await refused.json()).toMatchObject({ allowed: false, reason: 'opted_out', detail: expect.stringMatching(/^The customer opted out by replying STOP on Nov 18, 10:00 AM CST/), retryAt: null, segments: { count: 1 } });
    // The send path gives the same refusal, in the same words.
    const send = await dana.send('POST', `/api/v1/leads/${lead.id}/messages`, { body: 'Are you sure?' });
    expect(send.status).toBe(422);
    expect(await send.json()).toMatchObject({ code: 'RB_ERR_SEND_REFUSED', reason: 'opted_out', detail: expect.stringMatching(/^The customer opted out by replying STOP/) });
    await t.settle();
    expect(s.fake.messages).toHaveLength(sent);
  });

  it('preview in the customer\'s quiet hours says until when, in their zone', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const dana = await signIn(t, 'dispatcher');
    t.clock.set('2026-11-19T04:30:00Z'); // 22:30 in Austin, long after the customer's call
    const res = await dana.send('POST', `/api/v1/leads/${lead.id}/messages/preview`, { body: 'Still need help?' });
    expect(await res.json()).toMatchObject({ allowed: false, reason: 'quiet_hours', detail: 'Quiet hours for this customer until 9:00 AM CST tomorrow.', retryAt: '2026-11-19T15:00:00.000Z' });
  });

  it('templates come rendered for the lead, English and Spanish, signed with the person\'s name', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const dana = await signIn(t, 'dispatcher', { name: 'Dana Dispatcher' });
    const res = await dana.fetch(`/api/v1/leads/${lead.id}/templates`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as Array<{ id: string; label: string; language: string; body: string }>;
    expect(list.find((x) => x.id === 'en.bookingOffer')).toMatchObject({ label: 'Booking offer', language: 'en', body: expect.stringContaining('Acme Plumbing') });
    expect(list.some((x) => x.language === 'es')).toBe(true);
    expect(list.every((x) => !x.body.includes('{'))).toBe(true);
    expect(list.map((x) => x.id)).not.toContain('en.optOutConfirmation');
  });
});

describe('[CALL] click-to-call rings the person, then bridges the customer', () => {
  const s = ringbackSuite();

  it('422 without a phone; with one, the provider calls the person from the org number and <Dial>s the customer, logged on the timeline', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const noPhone = await signIn(t, 'dispatcher');
    const res422 = await noPhone.send('POST', `/api/v1/leads/${lead.id}/calls`, {});
    expect(res422.status).toBe(422);
    expect(await res422.json()).toMatchObject({ reason: 'no_phone', detail: expect.stringMatching(/phone/) });
    expect(s.fake.calls).toHaveLength(0);

    const dana = await signIn(t, 'dispatcher', { name: 'Dana Dispatcher', phoneE164: '+15125550177' });
    const res = await dana.send('POST', `/api/v1/leads/${lead.id}/calls`, {});
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'calling', agentPhone: '+15125550177' });
    const [call] = await s.fake.waitForCalls(1);
    await t.settle();
    expect(call).toMatchObject({ to: '+15125550177', from: ORG_NUMBER });
    expect(call!.twiml).toMatch(new RegExp(`<Dial callerId="\\${ORG_NUMBER}"[^>]*><Number>\\${CALLER}</Number></Dial>`));
    const thread = (await (await dana.fetch(`/api/v1/leads/${lead.id}`)).json()) as Thread;
    expect(thread.events.find((e) => e.type === 'call_bridge_requested')).toMatchObject({ actor: `user:${dana.id}`, actorName: 'Dana Dispatcher', data: { to: CALLER, agentPhone: '+15125550177' } });
    expect(thread.events.find((e) => e.type === 'call_bridge_placed')).toMatchObject({ actor: 'provider', data: { callSid: call!.sid } });
    expect(thread.stage).toBe('callback_attempted');
  });
});

describe('[ROLES] a technician sees only their own leads', () => {
  const s = ringbackSuite();

  it('lists, queue and threads show only leads they own, back up or are assigned; others are 404; writes but notes are 403', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t, '+15125550131');
    t.clock.advance(60_000);
    await missedCallWithTextBack(s, t, '+15125550132');
    t.clock.advance(60_000);
    await missedCallWithTextBack(s, t, '+15125550133');
    const [c, b, a] = await listLeads(t);
    const dana = await signIn(t, 'dispatcher');
    const tom = await signIn(t, 'technician', { name: 'Tom Tech' });
    const soon = new Date(t.clock.now().getTime() + 60 * 60_000).toISOString();
    expect((await dana.send('PATCH', `/api/v1/leads/${a!.id}`, { ownerId: tom.id })).status).toBe(200);
    expect((await dana.send('PATCH', `/api/v1/leads/${b!.id}`, { nextAction: { type: 'call_back', dueAt: soon, assigneeId: tom.id } })).status).toBe(200);

    const mine = (await (await tom.fetch('/api/v1/leads')).json()) as Array<{ id: string }>;
    expect(mine.map((l) => l.id).sort()).toEqual([a!.id, b!.id].sort());
    const queue = (await (await tom.fetch('/api/v1/queue')).json()) as { items: Array<{ id: string }>; counts: { open: number } };
    expect(queue.items.map((l) => l.id).sort()).toEqual([a!.id, b!.id].sort());
    expect(queue.counts.open).toBe(2);
    expect((await tom.fetch(`/api/v1/leads/${a!.id}`)).status).toBe(200);
    const hidden = await tom.fetch(`/api/v1/leads/${c!.id}`);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ code: 'RB_ERR_NOT_FOUND' });
    expect((await tom.fetch(`/api/v1/leads/${c!.id}/templates`)).status).toBe(404);

    const patch = await tom.send('PATCH', `/api/v1/leads/${a!.id}`, { stage: 'waiting_on_customer' });
    expect(patch.status).toBe(403);
    expect(await patch.json()).toMatchObject({ code: 'RB_ERR_FORBIDDEN' });
    expect((await tom.send('POST', `/api/v1/leads/${a!.id}/messages`, { body: 'hi' })).status).toBe(403);
    expect((await tom.send('POST', `/api/v1/leads/${a!.id}/calls`, {})).status).toBe(403);
    expect((await tom.fetch('/api/v1/review')).status).toBe(403);
    expect((await tom.send('POST', `/api/v1/leads/${a!.id}/notes`, { body: 'On my way' })).status).toBe(201);
    expect((await tom.send('POST', `/api/v1/leads/${c!.id}/notes`, { body: 'snoop' })).status).toBe(404);
  });

  it("another organization's person gets 404 for this organization's leads and its organization id", async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const other = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Other Co', timeZone: 'America/Denver', number: '+13035550100', forwardTo: ['+13035550101'] });
    const eve = await signIn(t, 'owner', { organizationId: other.id });
    expect((await eve.fetch(`/api/v1/leads/${lead.id}`)).status).toBe(404);
    expect((await eve.send('PATCH', `/api/v1/leads/${lead.id}`, { stage: 'waiting_on_customer' })).status).toBe(404);
    expect((await eve.send('POST', `/api/v1/leads/${lead.id}/messages/preview`, { body: 'x' })).status).toBe(404);
    expect((await eve.fetch('/api/v1/queue', { headers: { 'x-ringback-organization': t.org.id } })).status).toBe(404);
    expect(((await (await eve.fetch('/api/v1/queue')).json()) as { items: unknown[] }).items).toEqual([]);
  });
});
