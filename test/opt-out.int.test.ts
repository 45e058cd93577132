import { describe, expect, it } from 'vitest';
import { dialStatus, ORG_NUMBER, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, expectNoMoreRequests, getLead, listLeads, missedCallWithTextBack, onlyLead, ringbackSuite, textFromCaller } from './support/suite.ts';

describe('[OPT-OUT] stop means stop: one confirmation, then silence until START', () => {
  const s = ringbackSuite();

  it.each([
    ['the keyword STOP', 'STOP', 'keyword'],
    ['free text "please stop texting me"', 'please stop texting me', 'free_text'],
    ['Spanish "ya no me escriban"', 'ya no me escriban', 'free_text'],
  ])('%s opts the contact out with exactly one confirmation', async (_name, body, method) => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, body);
    await s.fake.waitForMessages(2);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(2);
    const confirmation = s.fake.messages[1]!;
    expect(confirmation.to).toBe(CALLER);
    expect(confirmation.body).toContain('Acme Plumbing');
    // A Spanish opt-out is confirmed in Spanish.
    expect(confirmation.body).toMatch(/unsubscribed|Ya no recibirá más mensajes/i);
    const lead = await onlyLead(t);
    expect(lead.contact.optedOut).toBe(true);
    expect(lead).toMatchObject({ status: 'closed', outcome: 'opted_out', automation: { state: 'stopped', reason: 'opted_out' } });
    expect(eventsOf(lead, 'opted_out')).toEqual([expect.objectContaining({ actor: 'customer', data: { method, words: body } })]);
  });

  it('a second STOP after the opt-out sends no second confirmation', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'STOP');
    await s.fake.waitForMessages(2);
    await t.settle();
    await textFromCaller(t, 'STOP');
    await textFromCaller(t, 'stop texting me!!');
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(2);
    const leads = await Promise.all((await listLeads(t)).map((l) => getLead(t, l.id)));
    expect(leads.flatMap((l) => eventsOf(l, 'opted_out'))).toHaveLength(1);
    expect(leads.flatMap((l) => eventsOf(l, 'message_received'))).toHaveLength(3);
    // No thread is left open without a next action for the dispatcher.
    expect(leads.map((l) => [l.status, l.outcome])).toEqual(leads.map(() => ['closed', 'opted_out']));
  });

  it('after an opt-out a new missed call sends no text-back: message_blocked (opted_out) on the new lead', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'STOP');
    await s.fake.waitForMessages(2);
    await t.settle();
    const [closed] = await listLeads(t);
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Record'); // the caller can still leave a voicemail
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(2);
    const leads = await listLeads(t);
    expect(leads).toHaveLength(2);
    const fresh = await getLead(t, leads.find((l) => l.id !== closed!.id)!.id);
    expect(fresh).toMatchObject({ status: 'open', contact: { optedOut: true } });
    expect(eventsOf(fresh, 'message_blocked')).toEqual([expect.objectContaining({ data: expect.objectContaining({ purpose: 'text_back', reason: 'opted_out' }) })]);
    expect(eventsOf(fresh, 'message_queued')).toEqual([]);
    // A person still owes the caller a call back.
    expect(fresh.nextAction?.type).toBe('call_back');
  });

  it('START after an opt-out opts the contact back in with one confirmation', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'STOP');
    await s.fake.waitForMessages(2);
    await t.settle();
    await textFromCaller(t, 'START');
    await s.fake.waitForMessages(3);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(3);
    expect(s.fake.messages[2]!.body).toMatch(/resubscribed/i);
    expect(s.fake.messages[2]!.body).toContain('Reply STOP to opt out');
    const leads = await Promise.all((await listLeads(t)).map((l) => getLead(t, l.id)));
    expect(leads.every((l) => l.contact.optedOut === false)).toBe(true);
    expect(leads.flatMap((l) => eventsOf(l, 'opted_in'))).toHaveLength(1);
  });

  it('START from a contact who never opted out sends nothing', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'START');
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(1);
    expect(eventsOf(await onlyLead(t), 'opted_in')).toEqual([]);
  });

  it('HELP gets the business name, its number and "Reply STOP to opt out"', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'HELP');
    const [, help] = await s.fake.waitForMessages(2);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(help!.to).toBe(CALLER);
    expect(help!.body).toContain('Acme Plumbing');
    expect(help!.body).toContain(ORG_NUMBER);
    expect(help!.body).toContain('Reply STOP to opt out');
    const lead = await onlyLead(t);
    expect(lead.contact.optedOut).toBe(false);
    expect(eventsOf(lead, 'help_requested')).toHaveLength(1);
  });

  it('an opt-out that arrives while the text-back is still queued wins: the text-back is not sent', async () => {
    const t = await s.start({ role: 'web' }); // queues effects, runs none
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    expect(res.status).toBe(200);
    await textFromCaller(t, 'STOP');
    // Run the queued effects now, in order, as a worker would.
    const { effects } = await import('../src/db/schema.ts');
    const { runEffect } = await import('../src/jobs/run-effect.ts');
    const { createTwilioProvider } = await import('../src/telephony/twilio/twilio-provider.ts');
    const rows = (await t.rb.database.db.select().from(effects))
      .filter((r) => r.type === 'send_message')
      .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
    expect(rows.map((r) => (r.payload as { purpose: string }).purpose)).toEqual(['text_back', 'opt_out_confirmation']);
    const provider = createTwilioProvider({ apiBaseUrl: s.fake.url });
    for (const row of rows) {
      await runEffect({ ...t.rb.effectDeps, providerFor: () => provider }, row.id, { final: false });
    }
    expect(s.fake.messages.map((m) => m.body)).toEqual([expect.stringMatching(/unsubscribed/i)]);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'message_blocked')).toEqual([expect.objectContaining({ data: expect.objectContaining({ reason: 'opted_out' }) })]);
  });
});
