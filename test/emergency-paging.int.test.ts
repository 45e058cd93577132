import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { updateOrganizationPolicy } from '../src/app/organizations.ts';
import { recordLeadInput } from '../src/app/record-lead-input.ts';
import { findOrganizationById } from '../src/app/organizations.ts';
import { ACCOUNT_SID, ORG_NUMBER, dialStatus, inboundSms, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, SMS, getLead, onlyLead, ringbackSuite, missedCallWithTextBack, textFromCaller, eventsOf } from './support/suite.ts';
import type { TestRingback } from './support/harness.ts';

const TECH = '+15125550111';
const BACKUP = '+15125550112';
const OWNER = '+15125550113';

async function withOnCall(t: TestRingback): Promise<void> {
  await updateOrganizationPolicy(
    t.rb.database.db,
    t.org.id,
    {
      onCall: {
        timeZone: 'America/Chicago',
        ackTimeoutMinutes: 5,
        owner: { name: 'Olga', phoneE164: OWNER },
        shifts: [
          { person: { name: 'Ana', phoneE164: TECH }, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
          { person: { name: 'Bo', phoneE164: BACKUP }, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
        ],
      },
    },
    'test',
  );
}

describe('[EMERGENCY] triage pages the on-call tech', () => {
  const s = ringbackSuite();

  it('a gas smell gets safety instructions at once and pages the on-call tech by SMS and a call; "1" accepts', async () => {
    const t = await s.start();
    await withOnCall(t);
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'I smell gas in the basement');
    await s.fake.waitForMessages(3);
    await s.fake.waitForCalls(1);
    const toCaller = s.fake.messages.filter((m) => m.to === CALLER);
    expect(toCaller.at(-1)!.body).toMatch(/leave the home/i);
    const page = s.fake.messages.find((m) => m.to === TECH)!;
    expect(page.body).toMatch(/EMERGENCY/);
    expect(page.body).toContain(CALLER);
    expect(s.fake.calls[0]!.params.To).toBe(TECH);
    expect(s.fake.calls[0]!.params.Twiml).toMatch(/<Gather[^>]*page-ack/);

    // The escalation timer is in pg-boss, due in 5 minutes.
    const timers = await t.rb.database.db.execute(sql`select start_after, data, state from pgboss.job where name = 'ringback.timers' and data->'timer'->>'kind' = 'page_escalation'`);
    const rows = (timers as unknown as { rows: Array<{ start_after: Date }> }).rows ?? (timers as unknown as Array<{ start_after: Date }>);
    expect(rows).toHaveLength(1);
    // Five minutes from now, in real time (pg-boss's clock), not yet fired.
    const startAfter = rows[0]!.start_after instanceof Date ? rows[0]!.start_after : new Date(String(rows[0]!.start_after).replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
    expect(startAfter.getTime() - Date.now()).toBeGreaterThan(4 * 60_000);

    const ack = await t.twilio(SMS, inboundSms(TECH, '1'));
    expect(ack.status).toBe(200);
    await t.settle();
    const lead = await onlyLead(t);
    expect(lead).toMatchObject({ intent: 'emergency', safety: true });
    expect(eventsOf(lead, 'page_acknowledged')).toHaveLength(1);
    expect(lead.nextAction).toMatchObject({ type: 'call_back', assignee: 'oncall:Ana' });
  });

  it('an unacknowledged page goes to the backup when its timer fires, and a repeated timer does nothing', async () => {
    const t = await s.start();
    await withOnCall(t);
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'water pipe burst, basement flooding fast');
    await s.fake.waitForCalls(1);
    let lead = await onlyLead(t);
    const pageId = (eventsOf(lead, 'page_sent')[0]!.data.pageId as string);
    const org = (await findOrganizationById(t.rb.database.db, t.org.id))!;
    const fire = () =>
      recordLeadInput(t.rb.ctx.recordDeps, org, { by: 'lead', leadId: lead.id }, { type: 'timer_fired', timerId: `${pageId}:l0`, timer: { kind: 'page_escalation', pageId, level: 0 } }, { now: t.clock.now() });
    t.clock.advance(5 * 60_000);
    await fire();
    await s.fake.waitForCalls(2);
    await fire();
    await t.settle();
    expect(s.fake.calls.map((c) => c.params.To)).toEqual([TECH, BACKUP]);
    lead = await getLead(t, lead.id);
    expect(eventsOf(lead, 'page_sent').map((e) => e.data.level)).toEqual([0, 1]);
  });

  it('pressing 1 on the page call accepts the page', async () => {
    const t = await s.start();
    await withOnCall(t);
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'sparks coming out of the outlet!!');
    await s.fake.waitForCalls(1);
    const twiml = String(s.fake.calls[0]!.params.Twiml);
    const action = /action="([^"]+)"/.exec(twiml)![1]!.replace(/&amp;/g, '&').replace('https://ringback.test', '');
    const res = await t.twilio(action, { AccountSid: ACCOUNT_SID, CallSid: sid('CA'), From: ORG_NUMBER, To: TECH, Digits: '1', CallStatus: 'in-progress' });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/Accepted/);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'page_acknowledged')[0]!.data).toMatchObject({ via: 'call', by: 'Ana' });
  });

  it('voice triage: the missed-call TwiML asks for 1 or "emergency" before voicemail; pressing 1 pages and dials the on-call tech', async () => {
    const t = await s.start();
    await withOnCall(t);
    const callSid = sid('CA');
    const res = await t.twilio(DIAL_STATUS, dialStatus(callSid, CALLER, 'no-answer'));
    const twiml = await res.text();
    expect(twiml).toMatch(/<Gather[^>]*input="dtmf speech"[^>]*>.*press 1 or say emergency/s);
    expect(twiml).toMatch(/<Record/);
    const action = /<Gather[^>]*action="([^"]+)"/.exec(twiml)![1]!.replace(/&amp;/g, '&').replace('https://ringback.test', '');
    const pressed = await t.twilio(action, { AccountSid: ACCOUNT_SID, CallSid: callSid, From: CALLER, To: ORG_NUMBER, Digits: '1' });
    const dialed = await pressed.text();
    expect(dialed).toMatch(new RegExp(`<Dial[^>]*><Number>\\${TECH}</Number></Dial>`));
    await s.fake.waitForCalls(1);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'caller_reported_emergency')).toHaveLength(1);
    expect(lead.intent).toBe('emergency');
  });

  it('voice triage: no input goes to voicemail', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    const twiml = await (await t.twilio(DIAL_STATUS, dialStatus(callSid, CALLER, 'no-answer'))).text();
    const action = /<Gather[^>]*action="([^"]+)"/.exec(twiml)![1]!.replace(/&amp;/g, '&').replace('https://ringback.test', '');
    const res = await t.twilio(action, { AccountSid: ACCOUNT_SID, CallSid: callSid, From: CALLER, To: ORG_NUMBER, SpeechResult: 'uh I wanted a quote for a new furnace' });
    expect(await res.text()).toMatch(/<Record/);
  });

  it('a message from outside the service area gets the decline and closes as not a fit', async () => {
    const t = await s.start();
    await updateOrganizationPolicy(t.rb.database.db, t.org.id, { serviceAreaZips: ['78701', '78702'] }, 'test');
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'Need AC repair at 12 Elm St, Round Rock, TX 78664');
    await s.fake.waitForMessages(2);
    expect(s.fake.messages.at(-1)!.body).toMatch(/outside our service area/);
    const lead = await onlyLead(t);
    expect(lead).toMatchObject({ status: 'closed', outcome: 'not_a_fit' });
  });

  it('changing the routing is validated and audited', async () => {
    const t = await s.start();
    await expect(updateOrganizationPolicy(t.rb.database.db, t.org.id, { routing: { booking: 'teleport' } }, 'test')).rejects.toThrow(/routing\.booking/);
    await updateOrganizationPolicy(t.rb.database.db, t.org.id, { routing: { booking: 'callback_task' } }, 'cli');
    const audit = await t.rb.database.db.execute(sql`select actor, field, after from organization_changes`);
    const rows = (audit as unknown as { rows: Array<{ actor: string; field: string; after: { booking: string } }> }).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: 'cli', field: 'routing' });
    expect(rows[0]!.after.booking).toBe('callback_task');
  });
});
