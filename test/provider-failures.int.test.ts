import { describe, expect, it } from 'vitest';
import { ACCOUNT_SID, dialStatus, ORG_NUMBER, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, expectNoMoreRequests, missedCallWithTextBack, onlyLead, ringbackSuite, SMS_STATUS, waitForLeadEvent } from './support/suite.ts';

/** The fields of a message status callback for one of our messages (From is the business). */
function statusCallback(messageSid: string, status: string, extra: Record<string, string> = {}): Record<string, string> {
  return { AccountSid: ACCOUNT_SID, ApiVersion: '2010-04-01', MessageSid: messageSid, SmsSid: messageSid, MessageStatus: status, SmsStatus: status, From: ORG_NUMBER, To: CALLER, ...extra };
}

describe('[PROVIDER] provider answers change what Ringback does', () => {
  const s = ringbackSuite();

  it('error 21610 on the text-back marks the contact opted out, with no retry', async () => {
    const t = await s.start();
    s.fake.failNext(1, { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    expect(res.status).toBe(200);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.requests).toBe(1);
    expect(s.fake.messages).toHaveLength(0);
    const lead = await onlyLead(t);
    expect(lead.contact.optedOut).toBe(true);
    expect(eventsOf(lead, 'message_failed')).toEqual([expect.objectContaining({ data: expect.objectContaining({ errorCode: 21610 }) })]);
    expect(eventsOf(lead, 'opted_out')).toEqual([expect.objectContaining({ actor: 'provider', data: expect.objectContaining({ method: 'provider_21610' }) })]);
    expect(lead.automation).toEqual({ state: 'stopped', reason: 'opted_out' });
  });

  it('another permanent refusal (21211 invalid To) fails the text-back once without opting out', async () => {
    const t = await s.start();
    s.fake.failNext(1, { status: 400, code: 21211, message: "Invalid 'To' Phone Number" });
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.requests).toBe(1);
    const lead = await onlyLead(t);
    expect(lead.contact.optedOut).toBe(false);
    expect(eventsOf(lead, 'message_failed')).toHaveLength(1);
  });

  it('a status callback undelivered with ErrorCode 21610 marks the contact opted out', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const res = await t.twilio(SMS_STATUS, statusCallback(s.fake.messages[0]!.sid, 'undelivered', { ErrorCode: '21610' }));
    expect(res.status).toBe(204);
    const lead = await onlyLead(t);
    expect(lead.contact.optedOut).toBe(true);
    expect(eventsOf(lead, 'message_failed')).toEqual([expect.objectContaining({ actor: 'provider', data: expect.objectContaining({ status: 'undelivered', errorCode: 21610 }) })]);
    expect(eventsOf(lead, 'opted_out')).toHaveLength(1);
  });

  it('a status callback delivered records message_delivered (once, even when retried)', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const params = statusCallback(s.fake.messages[0]!.sid, 'delivered');
    expect((await t.twilio(SMS_STATUS, params)).status).toBe(204);
    expect((await t.twilio(SMS_STATUS, params)).status).toBe(204);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'message_delivered')).toEqual([expect.objectContaining({ actor: 'provider', data: expect.objectContaining({ messageSid: s.fake.messages[0]!.sid }) })]);
    expect(lead.contact.optedOut).toBe(false);
  });

  it('a provider 500 then 201 sends the text-back exactly once', async () => {
    const t = await s.start();
    s.fake.failNext(1, { status: 500 });
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    await s.fake.waitForMessages(1);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.requests).toBe(2);
    expect(s.fake.messages).toHaveLength(1);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'message_sent')).toHaveLength(1);
    expect(eventsOf(lead, 'message_failed')).toEqual([]);
  });

  it('a 429 then 201 sends the text-back exactly once', async () => {
    const t = await s.start();
    s.fake.failNext(1, { status: 429 });
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    await s.fake.waitForMessages(1);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.requests).toBe(2);
    expect(s.fake.messages).toHaveLength(1);
  });

  it('an outage longer than the provider\'s own retries is retried by the queue: still exactly one text-back', async () => {
    const t = await s.start();
    s.fake.failNext(4, { status: 503 }); // the provider's 4 attempts all fail; the queue retries later
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    await s.fake.waitForMessages(1, 20_000);
    await t.settle();
    // The queue's run records the result outside the in-process fast path: wait for it on the timeline.
    await waitForLeadEvent(t, 'message_sent');
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.requests).toBe(5);
    expect(s.fake.messages).toHaveLength(1);
    expect(eventsOf(await onlyLead(t), 'message_sent')).toHaveLength(1);
  }, 40_000);
});
