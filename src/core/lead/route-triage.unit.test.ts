import { describe, expect, it } from 'vitest';
import { decide, type Decision } from './decide.ts';
import type { LeadInput } from './inputs.ts';
import type { LeadState, OpenOrClosedLead } from './lead-state.ts';
import { defaultPolicy, type OrganizationPolicy } from './policy.ts';

const ORG = '+15125550100';
const CALLER = '+15125550123';
const NOW = new Date('2026-11-18T16:00:00Z'); // Wednesday 10:00 in Chicago
const MINUTE = 60_000;
const tech = { name: 'Ana', phoneE164: '+15125550111' };
const backup = { name: 'Bo', phoneE164: '+15125550112' };
const owner = { name: 'Olga', phoneE164: '+15125550113' };

function policyWith(patch: Partial<OrganizationPolicy> = {}): OrganizationPolicy {
  return {
    ...defaultPolicy({ businessName: 'Acme Heating', timeZone: 'America/Chicago', contactNumberE164: ORG }),
    onCall: {
      timeZone: 'America/Chicago',
      ackTimeoutMinutes: 5,
      owner,
      shifts: [
        { person: tech, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
        { person: backup, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
      ],
    },
    ...patch,
  };
}

function noLead(): LeadState {
  return { status: 'none', id: 'lead-1', organizationId: 'org-1', contact: { id: 'c-1', phoneE164: CALLER, optedOut: null, recentAutomatedSendsAt: [] }, source: { numberE164: ORG, leadSource: null } };
}

const sms = (body: string, sid = 'SM1'): LeadInput => ({ type: 'message_received', messageSid: sid, from: CALLER, to: ORG, body, numMedia: 0 });
const open = (s: LeadState) => s as OpenOrClosedLead;
const sends = (d: Decision) => d.effects.filter((e) => e.type === 'send_message');
const pages = (d: Decision) => d.effects.filter((e) => e.type === 'page_on_call');

function afterMissedCall(policy = policyWith()): LeadState {
  return decide(noLead(), { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG, dialCallStatus: 'no-answer' }, policy, NOW).nextState;
}

describe('routing by intent (DESIGN §4)', () => {
  it('safety emergency: gas safety instructions to the customer at once and a page to the on-call tech', () => {
    const d = decide(afterMissedCall(), sms('I smell gas in the kitchen'), policyWith(), NOW);
    expect(sends(d).map((e) => e.purpose)).toEqual(['safety_instructions']);
    expect(sends(d)[0]!.body).toMatch(/leave the home/i);
    expect(sends(d)[0]!.body).toMatch(/911/);
    expect(pages(d)).toHaveLength(1);
    expect(pages(d)[0]).toMatchObject({ to: tech.phoneE164, level: 0 });
    expect(open(d.nextState)).toMatchObject({ intent: 'emergency', safety: true, stage: 'appointment_requested' });
    expect(d.effects.find((e) => e.type === 'schedule_timer')).toMatchObject({ fireAt: new Date(NOW.getTime() + 5 * MINUTE).toISOString() });
  });

  it('CO alarm gets the CO instructions: fresh air and 911', () => {
    const d = decide(afterMissedCall(), sms('our carbon monoxide alarm is beeping'), policyWith(), NOW);
    expect(sends(d)[0]!.body).toMatch(/fresh air/i);
  });

  it('a safety emergency outranks a stop in the same message: no opt-out, instructions and a page', () => {
    const d = decide(afterMissedCall(), sms('STOP texting me, I smell gas'), policyWith(), NOW);
    expect(d.events.some((e) => e.type === 'opted_out')).toBe(false);
    expect(pages(d)).toHaveLength(1);
  });

  it('Spanish gas emergency gets Spanish instructions', () => {
    const d = decide(afterMissedCall(), sms('huele a gas en la cocina'), policyWith(), NOW);
    expect(sends(d)[0]!.body).toMatch(/salga de la casa/i);
  });

  it('emergency without safety: tell the customer help is being arranged and page', () => {
    const d = decide(afterMissedCall(), sms('pipe burst in the basement, water everywhere'), policyWith(), NOW);
    expect(sends(d).map((e) => e.purpose)).toEqual(['triage_reply']);
    expect(sends(d)[0]!.body).toMatch(/on-call technician/i);
    expect(pages(d)).toHaveLength(1);
  });

  it('booking: offer the booking link and a call-back task', () => {
    const d = decide(afterMissedCall(), sms('can someone come out tomorrow morning to look at my AC?'), policyWith({ bookingLink: 'https://book.example/x' }), NOW);
    expect(open(d.nextState).intent).toBe('booking');
    expect(sends(d)[0]!.body).toContain('https://book.example/x');
    expect(open(d.nextState).stage).toBe('appointment_requested');
  });

  it('pricing: service info and a free estimate offer', () => {
    const d = decide(afterMissedCall(), sms('how much do you charge to replace a water heater'), policyWith(), NOW);
    expect(sends(d)[0]!.body).toMatch(/free estimate/i);
  });

  it('callback: a call-back task, no text', () => {
    const d = decide(afterMissedCall(), sms('please call me back when you can'), policyWith(), NOW);
    expect(open(d.nextState).intent).toBe('callback');
    expect(sends(d)).toEqual([]);
    expect(open(d.nextState).nextAction).toMatchObject({ type: 'call_back', dueAt: NOW.toISOString() });
  });

  it('complaint: an exception for the owner with the reason, no automated text', () => {
    const d = decide(afterMissedCall(), sms('your tech never showed up yesterday and nobody called, this is ridiculous'), policyWith(), NOW);
    expect(open(d.nextState).intent).toBe('complaint');
    expect(open(d.nextState).nextAction).toMatchObject({ type: 'escalate', assignee: 'role:owner' });
    expect(sends(d)).toEqual([]);
  });

  it('question: answered from a matching FAQ entry', () => {
    const faq = [{ keywords: ['weekend', 'saturday'], answer: 'We work Saturdays 8 to 2.' }];
    const d = decide(afterMissedCall(), sms('are you open on the weekend?'), policyWith({ faq }), NOW);
    expect(open(d.nextState).intent).toBe('question');
    expect(sends(d)[0]!.body).toContain('We work Saturdays 8 to 2.');
  });

  it('question without a matching FAQ entry becomes a task', () => {
    const d = decide(afterMissedCall(), sms('do you guys install Mitsubishi mini splits?'), policyWith(), NOW);
    expect(sends(d)).toEqual([]);
    expect(open(d.nextState).nextAction?.type).toBe('call_back');
  });

  it.each([
    ['already_handled', 'we already got it fixed, thanks anyway', 'already_handled'],
    ['wrong_number', "wrong number, I never called you", 'wrong_number'],
  ])('%s closes the lead with that outcome and stops automation', (_intent, text, outcome) => {
    const d = decide(afterMissedCall(), sms(text), policyWith(), NOW);
    expect(open(d.nextState)).toMatchObject({ status: 'closed', outcome, nextAction: null, automation: { state: 'stopped' } });
    expect(d.canceledTaskIds).toHaveLength(1);
  });

  it('spam closes the lead with outcome spam and sends nothing', () => {
    const d = decide(afterMissedCall(), sms('We can get your business to #1 on Google Maps! Reply YES for a free SEO audit'), policyWith(), NOW);
    expect(open(d.nextState)).toMatchObject({ intent: 'spam', status: 'closed', outcome: 'spam' });
    expect(sends(d)).toEqual([]);
  });

  it('estimate_followup goes to the estimate owner as a review task', () => {
    const d = decide(afterMissedCall(), sms('hi, following up on the quote you sent last week for the furnace, still thinking about it'), policyWith(), NOW);
    expect(open(d.nextState).intent).toBe('estimate_followup');
    expect(open(d.nextState).nextAction).toMatchObject({ type: 'review', assignee: 'role:estimator' });
  });

  it('a free-text revocation the keyword list misses but triage catches (a typo) opts out with one confirmation', () => {
    const d = decide(afterMissedCall(), sms('dont contatc me anymore'), policyWith(), NOW);
    expect(d.events.some((e) => e.type === 'opted_out')).toBe(true);
    expect(sends(d).map((e) => e.purpose)).toEqual(['opt_out_confirmation']);
  });

  it('other: a person answers from a call-back task', () => {
    const d = decide(afterMissedCall(), sms('ok'), policyWith(), NOW);
    expect(open(d.nextState)).toMatchObject({ stage: 'customer_replied', nextAction: { type: 'call_back' } });
    expect(sends(d)).toEqual([]);
  });

  it.each([
    ['we need a whole new system for our 3,000 sq ft house, how much?', 'large replacement'],
    ['we manage a restaurant on 5th st and the walk-in cooler is down, can you come?', 'commercial account'],
    ['the manufacturer denied the warranty on our compressor, who pays?', 'warranty dispute'],
  ])('"%s" is an owner/manager exception: %s', (text, reason) => {
    const d = decide(afterMissedCall(), sms(text), policyWith(), NOW);
    expect(open(d.nextState).nextAction).toMatchObject({ type: 'escalate', assignee: 'role:manager', dueAt: NOW.toISOString() });
    expect(d.events.find((e) => e.type === 'escalated')?.data).toMatchObject({ reason });
  });

  it('every route is configurable: booking routed to a call-back task sends nothing', () => {
    const policy = policyWith();
    policy.routing = { ...policy.routing, booking: 'callback_task' };
    const d = decide(afterMissedCall(policy), sms('can someone come out tomorrow morning to look at my AC?'), policy, NOW);
    expect(sends(d)).toEqual([]);
  });

  it('a ZIP outside the service area gets the polite decline and outcome not_a_fit', () => {
    const policy = policyWith({ serviceAreaZips: ['78701', '78702'] });
    const d = decide(afterMissedCall(policy), sms('need a new AC unit installed, zip 73301'), policy, NOW);
    expect(sends(d)[0]!.body).toMatch(/outside our service area/);
    expect(open(d.nextState)).toMatchObject({ status: 'closed', outcome: 'not_a_fit' });
  });

  it('a ZIP inside the service area, or a price that looks like a ZIP, is not declined', () => {
    const policy = policyWith({ serviceAreaZips: ['78701'] });
    expect(decide(afterMissedCall(policy), sms('zip code 78701, can you come tomorrow?'), policy, NOW).nextState.status).toBe('open');
    expect(decide(afterMissedCall(policy), sms('is it really 12000 for a new system?'), policy, NOW).nextState.status).toBe('open');
  });

  it('the classification is stored on the timeline with its reasons', () => {
    const d = decide(afterMissedCall(), sms('I smell gas'), policyWith(), NOW);
    const classified = d.events.find((e) => e.type === 'classified');
    expect(classified?.data).toMatchObject({ intent: 'emergency', safety: true, language: 'en' });
    expect((classified?.data.reasons as string[]).join(' ')).toMatch(/gas/);
  });

  it('a voicemail transcript is triaged like a text', () => {
    const d = decide(afterMissedCall(), { type: 'voicemail_transcribed', callSid: 'CA1', transcriptionSid: 'TR1', transcriptionStatus: 'completed', text: 'um hi yeah this is Mike, uh, my basement is flooding, water heater burst, please call' }, policyWith(), NOW);
    expect(open(d.nextState).intent).toBe('emergency');
    expect(pages(d)).toHaveLength(1);
  });
});

describe('on-call paging: ack, timeout and re-page', () => {
  function paged() {
    const d = decide(afterMissedCall(), sms('I smell gas'), policyWith(), NOW);
    return { state: d.nextState, pageId: open(d.nextState).page!.pageId };
  }
  const timer = (pageId: string, level: number): LeadInput => ({ type: 'timer_fired', timerId: `${pageId}:l${level}`, timer: { kind: 'page_escalation', pageId, level } });
  const later = (m: number) => new Date(NOW.getTime() + m * MINUTE);

  it('an unacknowledged page goes to the backup after the timeout, then to the owner, then escalates', () => {
    const { state, pageId } = paged();
    const toBackup = decide(state, timer(pageId, 0), policyWith(), later(5));
    expect(pages(toBackup)[0]).toMatchObject({ to: backup.phoneE164, level: 1 });
    const toOwner = decide(toBackup.nextState, timer(pageId, 1), policyWith(), later(10));
    expect(pages(toOwner)[0]).toMatchObject({ to: owner.phoneE164, level: 2 });
    const exhausted = decide(toOwner.nextState, timer(pageId, 2), policyWith(), later(15));
    expect(pages(exhausted)).toEqual([]);
    expect(exhausted.events.map((e) => e.type)).toContain('page_exhausted');
    expect(open(exhausted.nextState).nextAction).toMatchObject({ type: 'escalate', assignee: 'role:owner' });
  });

  it('an acknowledged page is not re-paged when its timer fires', () => {
    const { state, pageId } = paged();
    const acked = decide(state, { type: 'page_acknowledged', pageId, byPhoneE164: tech.phoneE164, via: 'sms' }, policyWith(), later(2));
    expect(acked.events.map((e) => e.type)).toContain('page_acknowledged');
    expect(open(acked.nextState).nextAction).toMatchObject({ type: 'call_back', assignee: 'oncall:Ana' });
    const fired = decide(acked.nextState, timer(pageId, 0), policyWith(), later(5));
    expect(fired.effects).toEqual([]);
    expect(fired.events).toEqual([]);
  });

  it('a timer that fires twice or late re-pages once', () => {
    const { state, pageId } = paged();
    const first = decide(state, timer(pageId, 0), policyWith(), later(6));
    const again = decide(first.nextState, timer(pageId, 0), policyWith(), later(7));
    expect(pages(first)).toHaveLength(1);
    expect(again.effects).toEqual([]);
  });

  it('a second emergency message while a page is pending does not page again', () => {
    const { state } = paged();
    const d = decide(state, sms('still smells like gas!!', 'SM2'), policyWith(), later(1));
    expect(pages(d)).toEqual([]);
  });

  it('with nobody on call the owner gets an escalation task at once', () => {
    const policy = policyWith({ onCall: { timeZone: 'America/Chicago', shifts: [], owner: null, ackTimeoutMinutes: 5 } });
    const d = decide(afterMissedCall(policy), sms('I smell gas'), policy, NOW);
    expect(pages(d)).toEqual([]);
    expect(open(d.nextState).nextAction).toMatchObject({ type: 'escalate', assignee: 'role:owner' });
  });

  it('a caller who pressed 1 at the voice prompt gets a page', () => {
    const d = decide(afterMissedCall(), { type: 'caller_reported_emergency', callSid: 'CA1', digits: '1', speech: null }, policyWith(), NOW);
    expect(pages(d)).toHaveLength(1);
    expect(open(d.nextState).intent).toBe('emergency');
  });
});
