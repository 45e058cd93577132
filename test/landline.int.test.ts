import { describe, expect, it } from 'vitest';
import { dialStatus, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, expectNoMoreRequests, onlyLead, ringbackSuite } from './support/suite.ts';

describe('[LANDLINE] a landline gets a call task, not a text', () => {
  const s = ringbackSuite();

  it('the line type is looked up once; a landline caller gets no text-back and a call-back task due now', async () => {
    s.fake.lineTypes.set(CALLER, 'landline');
    const t = await s.start();
    const res = await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    expect(res.status).toBe(200);
    await t.settle();
    await expectNoMoreRequests(s.fake, t, 600);
    expect(s.fake.messages).toHaveLength(0);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'message_blocked')[0]!.data).toMatchObject({ reason: 'landline' });
    expect(lead.nextAction).toMatchObject({ type: 'call_back', dueAt: t.clock.now().toISOString() });
    // A second call: the cached line type blocks the text at once, no second lookup.
    const lookups = s.fake.lookupRequests;
    await t.twilio(DIAL_STATUS, dialStatus(sid('CA'), CALLER, 'no-answer'));
    await t.settle();
    expect(s.fake.lookupRequests).toBe(lookups);
    expect(s.fake.messages).toHaveLength(0);
  });
});
