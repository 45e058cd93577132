import { describe, expect, it } from 'vitest';
import { dialStatus, inboundSms, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, expectNoMoreRequests, listLeads, missedCallWithTextBack, onlyLead, ringbackSuite, SMS, storedEvents } from './support/suite.ts';

describe('[DEDUPE] retried webhooks and repeat calls double nothing', () => {
  const s = ringbackSuite();

  it('the same dial-status (same CallSid) posted twice gives one lead, one call_missed, one text-back', async () => {
    const t = await s.start();
    const params = dialStatus(sid('CA'), CALLER, 'no-answer');
    const first = await t.twilio(DIAL_STATUS, params);
    expect(first.status).toBe(200);
    await s.fake.waitForMessages(1);
    await t.settle();
    const retry = await t.twilio(DIAL_STATUS, params);
    expect(retry.status).toBe(200);
    // The caller is still on the line when Twilio retries: the retry still answers with the voicemail.
    expect(await retry.text()).toContain('<Record');
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(1);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'call_missed')).toHaveLength(1);
    expect(eventsOf(lead, 'message_queued')).toHaveLength(1);
  });

  it('the same dial-status posted twice at once still gives one lead and one text-back', async () => {
    const t = await s.start();
    const params = dialStatus(sid('CA'), CALLER, 'busy');
    const answers = await Promise.all([t.twilio(DIAL_STATUS, params), t.twilio(DIAL_STATUS, params)]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await s.fake.waitForMessages(1);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(1);
    expect(eventsOf(await onlyLead(t), 'call_missed')).toHaveLength(1);
  });

  it('the same incoming message (same MessageSid) posted twice is recorded once', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const params = inboundSms(CALLER, 'my water heater is leaking');
    expect((await t.twilio(SMS, params)).status).toBe(200);
    expect((await t.twilio(SMS, params)).status).toBe(200);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'message_received')).toHaveLength(1);
    expect(eventsOf(lead, 'task_created')).toHaveLength(2); // the missed call's and the reply's, not a third
    expect((await storedEvents(t)).filter((e) => e.type === 'message_received')).toHaveLength(1);
  });

  it('a retried STOP (same MessageSid) sends one confirmation', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const params = inboundSms(CALLER, 'STOP');
    expect((await t.twilio(SMS, params)).status).toBe(200);
    expect((await t.twilio(SMS, params)).status).toBe(200);
    await s.fake.waitForMessages(2);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(2);
    expect(eventsOf(await onlyLead(t), 'opted_out')).toHaveLength(1);
  });

  it('a repeat call (new CallSid) from a caller with an open lead joins that lead: no second text-back', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    expect(res.status).toBe(200);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(1);
    const leads = await listLeads(t);
    expect(leads).toHaveLength(1);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'call_missed')).toHaveLength(2);
    expect(eventsOf(lead, 'message_queued')).toHaveLength(1);
  });

  it('two different calls from one caller arriving at once open one lead with one text-back', async () => {
    const t = await s.start();
    const answers = await Promise.all([
      t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer')),
      t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'busy')),
    ]);
    expect(answers.map((r) => r.status)).toEqual([200, 200]);
    await s.fake.waitForMessages(1);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(1);
    expect(eventsOf(await onlyLead(t), 'call_missed')).toHaveLength(2);
  });

  it('different callers get one lead and one text-back each', async () => {
    const t = await s.start();
    const other = '+15125550177';
    await Promise.all([t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer')), t.twilio(DIAL_STATUS, dialStatus(sid('CA'), other, 'no-answer'))]);
    await s.fake.waitForMessages(2);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages.map((m) => m.to).sort()).toEqual([other, CALLER].sort());
    const leads = await listLeads(t);
    expect(leads.map((l) => l.contact.phone).sort()).toEqual([other, CALLER].sort());
  });
});
