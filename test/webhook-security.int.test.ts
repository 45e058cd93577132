import { eq } from 'drizzle-orm';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../src/app/organizations.ts';
import { webhookRequests } from '../src/db/schema.ts';
import { ACCOUNT_SID, AUTH_TOKEN, dialStatus, inboundSms, ORG_NUMBER, PUBLIC_URL, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, expectNoMoreRequests, listLeads, ringbackSuite, SMS, SMS_STATUS, storedWebhooks } from './support/suite.ts';

type TestRingback = Awaited<ReturnType<ReturnType<typeof ringbackSuite>['start']>>;

async function expectProblem(res: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await res.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return body;
}

/** Nothing happened: no lead, no text, no processed webhook. */
async function expectNothingProcessed(s: ReturnType<typeof ringbackSuite>, t: TestRingback): Promise<void> {
  await expectNoMoreRequests(s.fake, t, 500);
  expect(s.fake.requests).toBe(0);
  expect(await listLeads(t)).toEqual([]);
  expect((await storedWebhooks(t)).filter((w) => w.outcome === 'processed')).toEqual([]);
}

describe('[SIGNATURE] every Twilio webhook must carry a valid X-Twilio-Signature for its organization', () => {
  const s = ringbackSuite();

  it('a forged signature gets 403 RB_ERR_TWILIO_SIGNATURE and changes nothing', async () => {
    const t = await s.start();
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'), { signature: 'bm90IGEgcmVhbCBzaWduYXR1cmU=' });
    await expectProblem(res, 403, 'RB_ERR_TWILIO_SIGNATURE');
    await expectNothingProcessed(s, t);
  });

  it('a missing signature gets 403', async () => {
    const t = await s.start();
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'), { signature: null });
    await expectProblem(res, 403, 'RB_ERR_TWILIO_SIGNATURE');
    await expectNothingProcessed(s, t);
  });

  it('a signature made over a different URL (an extra, unsigned query parameter) gets 403', async () => {
    const t = await s.start();
    const params = dialStatus(sid('CA'), CALLER, 'no-answer');
    const signedWithout = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + DIAL_STATUS, params);
    const res = await t.twilio(`${DIAL_STATUS}?extra=1`, params, { signature: signedWithout });
    await expectProblem(res, 403, 'RB_ERR_TWILIO_SIGNATURE');
    await expectNothingProcessed(s, t);
  });

  it('a signature over the address the server listens on (the Host header) instead of PUBLIC_URL gets 403', async () => {
    const t = await s.start();
    const params = dialStatus(sid('CA'), CALLER, 'no-answer');
    const overHost = twilio.getExpectedTwilioSignature(AUTH_TOKEN, t.baseUrl + DIAL_STATUS, params);
    await expectProblem(await t.twilio(DIAL_STATUS, params, { signature: overHost }), 403, 'RB_ERR_TWILIO_SIGNATURE');
  });

  it('a parameter changed after signing gets 403', async () => {
    const t = await s.start();
    const params = dialStatus(sid('CA'), CALLER, 'no-answer');
    const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + DIAL_STATUS, params);
    await expectProblem(await t.twilio(DIAL_STATUS, { ...params, From: '+15125550188' }, { signature }), 403, 'RB_ERR_TWILIO_SIGNATURE');
  });

  it("a request signed with another organization's auth token gets 403", async () => {
    const t = await s.start();
    const otherToken = 'the-other-orgs-auth-token-0000000';
    await createOrganization(t.rb.database.db, t.rb.ctx.cipher, {
      name: 'Other Co',
      timeZone: 'America/New_York',
      number: '+12125550100',
      forwardTo: ['+12125550199'],
      twilioAccountSid: `AC${'b'.repeat(32)}`,
      twilioAuthToken: otherToken,
    });
    for (const [path, params] of [
      [DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer')],
      [SMS, inboundSms(CALLER, 'hello')],
    ] as const) {
      await expectProblem(await t.twilio(path, params, { token: otherToken }), 403, 'RB_ERR_TWILIO_SIGNATURE');
    }
    await expectNothingProcessed(s, t);
  });

  it("the tests sign exactly like Twilio: the published test vector", () => {
    // twilio-node spec/validation.spec.js (TWILIO.md): guards the harness, which signs with the same SDK call.
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' };
    expect(twilio.getExpectedTwilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('RSOYDt4T1cUTdK1PDd93/VVr8B8=');
  });
});

describe('[MALFORMED] malformed, unsigned and unknown-number requests get a 4xx with a reason, never a 5xx', () => {
  const s = ringbackSuite();

  it('a JSON body to a Twilio webhook gets 415', async () => {
    const t = await s.start();
    const res = await fetch(t.baseUrl + DIAL_STATUS, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(dialStatus(sid('CA'), CALLER, 'no-answer')),
    });
    await expectProblem(res, 415, 'RB_ERR_UNSUPPORTED_MEDIA_TYPE');
    await expectNothingProcessed(s, t);
  });

  it('a text/plain body or no body at all gets 415', async () => {
    const t = await s.start();
    const plain = await fetch(t.baseUrl + SMS, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'From=+15125550123' });
    await expectProblem(plain, 415, 'RB_ERR_UNSUPPORTED_MEDIA_TYPE');
    const empty = await fetch(t.baseUrl + SMS, { method: 'POST' });
    await expectProblem(empty, 415, 'RB_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('a webhook for a number no organization owns gets 404 RB_ERR_UNKNOWN_NUMBER and is stored', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    const params: Record<string, string> = { ...dialStatus(callSid, CALLER, 'no-answer'), To: '+13125550100', Called: '+13125550100' };
    const body = await expectProblem(await t.twilio(DIAL_STATUS, params), 404, 'RB_ERR_UNKNOWN_NUMBER');
    expect(body.detail).toContain('To');
    const rows = await t.rb.database.db.select().from(webhookRequests).where(eq(webhookRequests.outcome, 'unknown_number'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organizationId: null, path: DIAL_STATUS, params: { CallSid: callSid, To: '+13125550100' } });
    await expectNothingProcessed(s, t);
  });

  it('a signed dial-status without CallSid gets 422 RB_ERR_UNPROCESSABLE_WEBHOOK and is stored', async () => {
    const t = await s.start();
    const { CallSid: _omit, ...params } = dialStatus(sid('CA'), CALLER, 'no-answer');
    const body = await expectProblem(await t.twilio(DIAL_STATUS, params), 422, 'RB_ERR_UNPROCESSABLE_WEBHOOK');
    expect(body.detail).toContain('CallSid');
    const rows = await storedWebhooks(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ organizationId: t.org.id, outcome: 'unprocessable', path: DIAL_STATUS, params: { From: CALLER } });
    await expectNothingProcessed(s, t);
  });

  it("a signed dial-status from a withheld caller ID ('anonymous') gets 422 and is stored", async () => {
    const t = await s.start();
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), 'anonymous', 'no-answer', { Caller: 'anonymous' }));
    const body = await expectProblem(res, 422, 'RB_ERR_UNPROCESSABLE_WEBHOOK');
    expect(body.detail).toContain('anonymous');
    expect((await storedWebhooks(t)).map((w) => w.outcome)).toEqual(['unprocessable']);
    await expectNothingProcessed(s, t);
  });

  it('a signed dial-status with an unknown DialCallStatus gets 422 and is stored', async () => {
    const t = await s.start();
    await expectProblem(await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'exploded')), 422, 'RB_ERR_UNPROCESSABLE_WEBHOOK');
    expect((await storedWebhooks(t)).map((w) => w.outcome)).toEqual(['unprocessable']);
  });

  it('a signed message webhook with a malformed MessageSid gets 422 and is stored', async () => {
    const t = await s.start();
    await expectProblem(await t.twilio(SMS, inboundSms(CALLER, 'hi', 'SMnope')), 422, 'RB_ERR_UNPROCESSABLE_WEBHOOK');
    expect((await storedWebhooks(t)).map((w) => w.outcome)).toEqual(['unprocessable']);
  });

  it('a status callback for a message Ringback never sent is stored, not an error', async () => {
    const t = await s.start();
    const res = await t.twilio(SMS_STATUS, { AccountSid: ACCOUNT_SID, ApiVersion: '2010-04-01', MessageSid: sid('SM'), MessageStatus: 'delivered', From: ORG_NUMBER, To: CALLER });
    expect(res.status).toBe(202);
    expect((await storedWebhooks(t)).map((w) => w.outcome)).toEqual(['unmatched']);
  });

  it('a webhook to a path that does not exist gets a 404 problem', async () => {
    const t = await s.start();
    await expectProblem(await t.twilio('/webhooks/twilio/nope', inboundSms(CALLER, 'hi')), 404, 'RB_ERR_NOT_FOUND');
  });
});
