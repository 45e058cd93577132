import { describe, expect, it } from 'vitest';
import { dialStatus, FORWARD_TO, ORG_NUMBER, PUBLIC_URL, sid, ACCOUNT_SID } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, expectNoMoreRequests, getLead, listLeads, missedCallWithTextBack, onlyLead, ringbackSuite, storedEvents } from './support/suite.ts';

describe('[TEXT-BACK] a missed call becomes one text-back', () => {
  const s = ringbackSuite();

  it('the incoming-call webhook dials the forward-to number with the dial-status action and a 20 s timeout', async () => {
    const t = await s.start();
    const res = await t.twilio('/webhooks/twilio/voice', {
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: sid('CA'),
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: CALLER,
      To: ORG_NUMBER,
      Caller: CALLER,
      Called: ORG_NUMBER,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    const twiml = await res.text();
    expect(twiml).toMatch(/<Dial [^>]*action="https:\/\/ringback\.test\/webhooks\/twilio\/voice\/dial-status"/);
    expect(twiml).toMatch(/<Dial [^>]*timeout="20"/);
    expect(twiml).toContain(`<Number>${FORWARD_TO}</Number>`);
    expect(twiml).toContain('</Dial>');
  });

  it.each(['no-answer', 'busy', 'failed', 'canceled'])('DialCallStatus=%s sends exactly one text-back', async (status) => {
    const t = await s.start();
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, status));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Record');
    await s.fake.waitForMessages(1);
    await t.settle();
    expect(s.fake.messages).toHaveLength(1);
    expect(s.fake.messages[0]!.to).toBe(CALLER);
    expect(s.fake.messages[0]!.from).toBe(ORG_NUMBER);
    expect(s.fake.messages[0]!.accountSid).toBe(ACCOUNT_SID);
    expect(s.fake.messages[0]!.statusCallback).toBe(`${PUBLIC_URL}/webhooks/twilio/sms/status`);
    expect(s.fake.messages[0]!.body).toContain('Acme Plumbing');
    expect(s.fake.messages[0]!.body).toMatch(/Reply STOP to opt out\.?$/);
    await expectNoMoreRequests(s.fake, t);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'call_missed')).toHaveLength(1);
    expect(eventsOf(lead, 'message_sent')).toHaveLength(1);
  });

  it.each([
    ['completed without DialBridged', {}],
    ['completed with DialBridged=false', { DialBridged: 'false' }],
  ])('DialCallStatus=%s (voicemail or a screener answered) is a missed call: one text-back', async (_name, extra) => {
    const t = await s.start();
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'completed', { DialCallDuration: '31', ...extra }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Record');
    await s.fake.waitForMessages(1);
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(1);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'call_missed')[0]!.data).toMatchObject({ dialCallStatus: 'completed-unbridged' });
  });

  it.each(['completed', 'answered'])('DialCallStatus=%s with DialBridged=true is answered: no text, <Hangup/>, call_answered recorded', async (status) => {
    const t = await s.start();
    const callSid = sid('CA');
    const res = await t.twilio(DIAL_STATUS, dialStatus(callSid, CALLER, status, { DialBridged: 'true', DialCallDuration: '95' }));
    expect(res.status).toBe(200);
    const twiml = await res.text();
    expect(twiml).toContain('<Hangup/>');
    expect(twiml).not.toContain('<Record');
    await t.settle();
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.requests).toBe(0);
    expect(await listLeads(t)).toEqual([]);
    // No open lead: the fact is kept on the contact, outside any lead.
    const rows = await storedEvents(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'call_answered', leadId: null, actor: 'customer', data: { callSid, durationSeconds: 95 } });
  });

  it('an answered call from a caller with an open lead lands on that lead and sends nothing', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'completed', { DialBridged: 'true', DialCallDuration: '60' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Hangup/>');
    await expectNoMoreRequests(s.fake, t);
    expect(s.fake.messages).toHaveLength(1);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'call_answered')).toHaveLength(1);
    expect((await storedEvents(t)).every((e) => e.leadId === lead.id)).toBe(true);
  });

  it('the TwiML of a missed call records a transcribed voicemail with recording and transcription callbacks on the lead', async () => {
    const t = await s.start();
    const twiml = await missedCallWithTextBack(s, t);
    const [lead] = await listLeads(t);
    const q = `?org=${t.org.id}&amp;lead=${lead!.id}`;
    expect(twiml).toMatch(/<Say[^>]*>[^<]*Acme Plumbing/);
    expect(twiml).toMatch(/<Record [^>]*transcribe="true"/);
    expect(twiml).toContain(`transcribeCallback="${PUBLIC_URL}/webhooks/twilio/voice/transcription${q}"`);
    expect(twiml).toContain(`recordingStatusCallback="${PUBLIC_URL}/webhooks/twilio/voice/recording${q}"`);
    expect(twiml).toMatch(/<Record [^>]*maxLength="120"/);
    const detail = await getLead(t, lead!.id);
    expect(detail.contact.phone).toBe(CALLER);
  });
});
