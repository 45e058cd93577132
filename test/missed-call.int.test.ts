import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilio, type FakeTwilio } from './support/fake-twilio.ts';
import { dialStatus, inboundSms, sid, startTestRingback, type TestRingback } from './support/harness.ts';

const CALLER = '+15125550123';

describe('[TEXT-BACK] a missed call becomes one text-back', () => {
  let fake: FakeTwilio;
  let t: TestRingback;
  beforeAll(async () => {
    fake = await startFakeTwilio();
  });
  afterAll(async () => fake.close());
  afterEach(async () => {
    await t?.close();
    fake.reset();
  });

  it.each(['no-answer', 'busy', 'failed', 'canceled'])('DialCallStatus=%s sends exactly one text-back', async (status) => {
    t = await startTestRingback({ twilioApiBaseUrl: fake.url });
    const res = await t.twilio('/webhooks/twilio/voice/dial-status', dialStatus(sid('CA'), CALLER, status));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Record');
    await fake.waitForMessages(1);
    await t.settle();
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]!.to).toBe(CALLER);
    expect(fake.messages[0]!.body).toContain('Acme Plumbing');
    expect(fake.messages[0]!.body).toMatch(/Reply STOP to opt out\.?$/);
  });
});
