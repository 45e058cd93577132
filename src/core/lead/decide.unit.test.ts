/**
 * `decide` as plain data: given a lead state, when one input arrives at a fixed instant, then these
 * events and effects. One rule per test; a property test at the end drives random interleavings.
 */
import fc from 'fast-check';
import { checkQuietHours } from '../send-policy/quiet-hours/quiet-hours.ts';
import { recipientLocation } from '../send-policy/quiet-hours/recipient-location.ts';
import { describe, expect, it } from 'vitest';
import { decide, TWILIO_ERROR_OPTED_OUT, type Decision } from './decide.ts';
import type { ScheduleTimer, SendMessage } from './effects.ts';
import type { LeadInput, MessageSendSettled } from './inputs.ts';
import type { ContactSnapshot, LeadState, OpenOrClosedLead } from './lead-state.ts';
import { defaultPolicy, type OrganizationPolicy } from './policy.ts';

const ORG_NUMBER = '+15125550100';
const CALLER = '+15125550123';
const NOW = new Date('2026-11-18T16:00:00.000Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const policy: OrganizationPolicy = defaultPolicy({ businessName: 'Acme Plumbing', timeZone: 'America/Chicago', contactNumberE164: ORG_NUMBER });

function contact(patch: Partial<ContactSnapshot> = {}): ContactSnapshot {
  return { id: 'contact-1', phoneE164: CALLER, optedOut: null, recentAutomatedSendsAt: [], ...patch };
}

function noLead(patch: Partial<ContactSnapshot> = {}, id = 'lead-1'): LeadState {
  return { status: 'none', id, organizationId: 'org-1', contact: contact(patch), source: { numberE164: ORG_NUMBER, leadSource: 'Google LSA' } };
}

const missed = (callSid = 'CA1', dialCallStatus: 'no-answer' | 'busy' = 'no-answer'): LeadInput => ({ type: 'call_missed', callSid, from: CALLER, to: ORG_NUMBER, dialCallStatus });
const sms = (body: string, messageSid = 'SM1'): LeadInput => ({ type: 'message_received', messageSid, from: CALLER, to: ORG_NUMBER, body, numMedia: 0 });
const settled = (effectId: string, result: MessageSendSettled['result']): LeadInput => ({ type: 'message_send_settled', effectId, result });

const sends = (d: Decision) => d.effects.filter((e): e is SendMessage => e.type === 'send_message');
const types = (d: Decision) => d.events.map((e) => e.type);
const open = (s: LeadState): OpenOrClosedLead => {
  if (s.status === 'none') throw new Error('expected a lead');
  return s;
};

/** A lead opened by a missed call, with its text-back queued. */
function afterMissedCall(patch: Partial<ContactSnapshot> = {}): OpenOrClosedLead {
  return open(decide(noLead(patch), missed(), policy, NOW).nextState);
}

/** Runs inputs in order, each one minute after the previous, starting at NOW. */
function run(state: LeadState, inputs: LeadInput[]): { state: LeadState; decisions: Decision[] } {
  const decisions: Decision[] = [];
  inputs.forEach((input, i) => {
    const d = decide(state, input, policy, new Date(NOW.getTime() + i * MINUTE));
    decisions.push(d);
    state = d.nextState;
  });
  return { state, decisions };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe('decide: missed calls', () => {
  it('a missed call with no open lead opens one and queues exactly one text-back that names the business and says how to opt out', () => {
    const d = decide(noLead(), missed(), policy, NOW);
    const lead = open(d.nextState);
    expect(lead).toMatchObject({ id: 'lead-1', status: 'open', stage: 'text_sent', callSids: ['CA1'], openedAt: NOW.toISOString() });
    expect(types(d)).toEqual(['lead_opened', 'call_missed', 'message_queued', 'stage_changed', 'task_created', 'cadence_enrolled']);
    // One pending follow-up step: the missed-call cadence's first step, as a timer.
    expect(d.effects.filter((e) => e.type === 'schedule_timer')).toHaveLength(1);
    expect(sends(d)).toEqual([
      {
        type: 'send_message',
        effectId: 'lead-1:1',
        to: CALLER,
        from: ORG_NUMBER,
        body: expect.stringContaining('Acme Plumbing'),
        purpose: 'text_back',
        automated: true,
      },
    ]);
    expect(sends(d)[0]!.body).toMatch(/Reply STOP to opt out\.$/);
    expect(lead.textBack).toEqual({ effectId: 'lead-1:1', status: 'queued' });
    expect(d.events.every((e) => e.at === NOW.toISOString())).toBe(true);
  });

  it('a missed call makes a call-back task due in callbackDueMinutes the next action', () => {
    const d = decide(noLead(), missed(), policy, NOW);
    const due = new Date(NOW.getTime() + policy.callbackDueMinutes * MINUTE).toISOString();
    expect(d.tasks).toEqual([{ id: 'lead-1:t2', type: 'call_back', dueAt: due, reason: expect.any(String), assignee: null }]);
    expect(open(d.nextState).nextAction).toEqual({ type: 'call_back', dueAt: due, assignee: null, taskId: 'lead-1:t2' });
  });

  it('one text-back per lead: a repeat call (new CallSid) joins the open lead and sends nothing', () => {
    const lead = afterMissedCall();
    const d = decide(lead, missed('CA2', 'busy'), policy, new Date(NOW.getTime() + 5 * MINUTE));
    expect(types(d)).toEqual(['call_missed']);
    expect(d.effects).toEqual([]);
    expect(d.tasks).toEqual([]);
    expect(open(d.nextState).callSids).toEqual(['CA1', 'CA2']);
    expect(open(d.nextState).id).toBe(lead.id);
  });

  it('one text-back per lead even after the first one failed', () => {
    const lead = afterMissedCall();
    const failed = decide(lead, settled('lead-1:1', { outcome: 'rejected', errorCode: 30003, message: 'unreachable' }), policy, NOW).nextState;
    expect(open(failed).textBack?.status).toBe('failed');
    const d = decide(failed, missed('CA2'), policy, NOW);
    expect(d.effects).toEqual([]);
  });

  it('a CallSid already seen on the lead is a no-op (a retried webhook)', () => {
    const lead = afterMissedCall();
    const d = decide(lead, missed('CA1'), policy, NOW);
    expect(d).toEqual({ nextState: lead, events: [], effects: [], tasks: [], canceledTaskIds: [] });
  });

  it('an answered call with no open lead is recorded and opens nothing', () => {
    const d = decide(noLead(), { type: 'call_answered', callSid: 'CA9', from: CALLER, to: ORG_NUMBER, durationSeconds: 42 }, policy, NOW);
    expect(d.nextState.status).toBe('none');
    expect(d.events).toEqual([{ type: 'call_answered', at: NOW.toISOString(), actor: 'customer', data: { callSid: 'CA9', from: CALLER, to: ORG_NUMBER, durationSeconds: 42 } }]);
    expect(d.effects).toEqual([]);
  });

  it('an answered call on an open lead lands on it and sends nothing', () => {
    const lead = afterMissedCall();
    const d = decide(lead, { type: 'call_answered', callSid: 'CA2', from: CALLER, to: ORG_NUMBER, durationSeconds: 60 }, policy, NOW);
    expect(types(d)).toEqual(['call_answered']);
    expect(d.effects).toEqual([]);
    expect(open(d.nextState).callSids).toContain('CA2');
  });

  it('decide does not mutate the state it is given', () => {
    const state = deepFreeze(afterMissedCall());
    expect(() => run(state, [missed('CA2'), sms('STOP'), sms('START'), sms('HELP')])).not.toThrow();
  });
});

describe('decide: opt-out, opt-in and HELP', () => {
  it('STOP opts the contact out, sends one confirmation and closes the lead with outcome opted_out', () => {
    const d = decide(afterMissedCall(), sms('STOP'), policy, NOW);
    const lead = open(d.nextState);
    expect(types(d)).toEqual(['message_received', 'cadence_stopped', 'opted_out', 'automation_stopped', 'message_queued', 'task_canceled', 'lead_closed']);
    expect(d.canceledTaskIds).toEqual(['lead-1:t2']);
    expect(d.events.find((e) => e.type === 'opted_out')!.data).toEqual({ method: 'keyword', words: 'STOP' });
    expect(sends(d)).toHaveLength(1);
    expect(sends(d)[0]).toMatchObject({ purpose: 'opt_out_confirmation', to: CALLER });
    expect(sends(d)[0]!.body).toContain('Acme Plumbing');
    expect(lead.contact.optedOut).toEqual({ at: NOW.toISOString(), method: 'keyword' });
    expect(lead).toMatchObject({ status: 'closed', outcome: 'opted_out', nextAction: null, automation: { state: 'stopped', reason: 'opted_out' } });
  });

  it('free text ("please stop texting me") is an opt-out too', () => {
    const d = decide(afterMissedCall(), sms('please stop texting me'), policy, NOW);
    expect(d.events.find((e) => e.type === 'opted_out')!.data).toEqual({ method: 'free_text', words: 'please stop texting me' });
    expect(sends(d).map((e) => e.purpose)).toEqual(['opt_out_confirmation']);
  });

  it('a second STOP after the opt-out gets no second confirmation', () => {
    const { decisions } = run(afterMissedCall(), [sms('STOP', 'SM1')]);
    const optedOut = decisions[0]!.nextState;
    const again = decide({ ...noLead({ optedOut: open(optedOut).contact.optedOut }, 'lead-2') }, sms('STOP', 'SM2'), policy, NOW);
    expect(again.effects).toEqual([]);
    expect(types(again)).not.toContain('opted_out');
    // The message opened a thread only to record it: closed at once, not left open without a next action.
    expect(open(again.nextState)).toMatchObject({ status: 'closed', outcome: 'opted_out', nextAction: null });
  });

  it('opted out means silence: a new missed call opens a lead but its text-back is blocked with reason opted_out', () => {
    const d = decide(noLead({ optedOut: { at: NOW.toISOString(), method: 'keyword' } }), missed('CA5'), policy, NOW);
    expect(d.effects).toEqual([]);
    const blocked = d.events.find((e) => e.type === 'message_blocked');
    expect(blocked?.data).toMatchObject({ purpose: 'text_back', reason: 'opted_out' });
    expect(open(d.nextState)).toMatchObject({ status: 'open', stage: 'callback_needed', textBack: null });
    expect(d.tasks).toHaveLength(1); // a person still owes the caller a call back
  });

  it('START opts an opted-out contact back in with one confirmation', () => {
    const d = decide(noLead({ optedOut: { at: NOW.toISOString(), method: 'keyword' } }), sms('START'), policy, NOW);
    expect(types(d)).toContain('opted_in');
    expect(d.nextState.contact.optedOut).toBeNull();
    expect(sends(d).map((e) => e.purpose)).toEqual(['opt_in_confirmation']);
  });

  it('START only counts when opted out: from a subscribed contact it is an ordinary reply', () => {
    const d = decide(afterMissedCall(), sms('START'), policy, NOW);
    expect(types(d)).not.toContain('opted_in');
    expect(d.effects).toEqual([]);
    expect(open(d.nextState).stage).toBe('customer_replied');
  });

  it('HELP gets the business name, a contact number and "Reply STOP to opt out"', () => {
    const d = decide(afterMissedCall(), sms('HELP'), policy, NOW);
    expect(types(d)).toContain('help_requested');
    const [help] = sends(d);
    expect(help?.purpose).toBe('help');
    expect(help?.body).toContain('Acme Plumbing');
    expect(help?.body).toContain(ORG_NUMBER);
    expect(help?.body).toContain('Reply STOP to opt out');
  });

  it('provider error 21610 on a send marks the contact opted out and stops automation', () => {
    const d = decide(afterMissedCall(), settled('lead-1:1', { outcome: 'rejected', errorCode: TWILIO_ERROR_OPTED_OUT, message: 'unsubscribed' }), policy, NOW);
    expect(types(d)).toEqual(['message_failed', 'opted_out', 'automation_stopped']);
    expect(d.nextState.contact.optedOut).toEqual({ at: NOW.toISOString(), method: 'provider_21610' });
    expect(open(d.nextState).textBack?.status).toBe('failed');
    expect(d.effects).toEqual([]);
  });

  it('a status callback with 21610 marks the contact opted out', () => {
    const d = decide(afterMissedCall(), { type: 'message_status_reported', messageSid: 'SM9', status: 'undelivered', errorCode: 21610 }, policy, NOW);
    expect(types(d)).toEqual(['message_failed', 'opted_out', 'automation_stopped']);
    expect(d.nextState.contact.optedOut?.method).toBe('provider_21610');
  });

  it('a delivered status callback records message_delivered and changes nothing else', () => {
    const lead = afterMissedCall();
    const d = decide(lead, { type: 'message_status_reported', messageSid: 'SM9', status: 'delivered', errorCode: null }, policy, NOW);
    expect(types(d)).toEqual(['message_delivered']);
    expect(d.nextState).toEqual(lead);
  });
});

describe('decide: replies and the 24 h cap', () => {
  it('a reply that triage cannot route elsewhere moves the lead to customer_replied with a call-back task due now, replacing the missed-call task', () => {
    const d = decide(afterMissedCall(), sms('ok thanks'), policy, NOW);
    expect(d.canceledTaskIds).toEqual(['lead-1:t2']);
    const lead = open(d.nextState);
    expect(lead.stage).toBe('customer_replied');
    expect(lead.nextAction).toMatchObject({ type: 'call_back', dueAt: NOW.toISOString() });
    expect(d.tasks).toHaveLength(1);
    expect(d.effects).toEqual([]);
  });

  it('at most 3 automated messages per contact per 24 h: the 4th text-back is refused with retryAt', () => {
    const sent = [NOW.getTime() - 23 * HOUR, NOW.getTime() - 2 * HOUR, NOW.getTime() - HOUR].map((t) => new Date(t).toISOString());
    const d = decide(noLead({ recentAutomatedSendsAt: sent }), missed(), policy, NOW);
    expect(sends(d)).toEqual([]);
    const blocked = d.events.find((e) => e.type === 'message_blocked');
    expect(blocked?.data).toMatchObject({ purpose: 'text_back', reason: 'automated_cap_reached', retryAt: new Date(NOW.getTime() + HOUR).toISOString() });
  });

  it('automated messages older than 24 h do not count toward the cap', () => {
    const sent = [25 * HOUR, 2 * HOUR, HOUR].map((ago) => new Date(NOW.getTime() - ago).toISOString());
    const d = decide(noLead({ recentAutomatedSendsAt: sent }), missed(), policy, NOW);
    expect(sends(d).map((e) => e.purpose)).toEqual(['text_back']);
  });

  it('replies to the customer\'s own keyword (STOP confirmation, HELP) are sent even at the cap', () => {
    const sent = [3, 2, 1].map((ago) => new Date(NOW.getTime() - ago * HOUR).toISOString());
    const lead = afterMissedCall({ recentAutomatedSendsAt: sent });
    expect(sends(decide(lead, sms('HELP'), policy, NOW)).map((e) => e.purpose)).toEqual(['help']);
    expect(sends(decide(lead, sms('STOP'), policy, NOW)).map((e) => e.purpose)).toEqual(['opt_out_confirmation']);
  });
});

/**
 * The property: a simulated shell (one contact, leads by phone, outbox of pending sends) drives
 * `decide` through random interleavings of calls, replies, keywords, send results and time.
 */
describe('decide: properties over random interleavings', () => {
  type Step =
    | { kind: 'missed'; call: number }
    | { kind: 'answered'; call: number }
    | { kind: 'sms'; body: string }
    | { kind: 'settle'; pick: number; result: 'accepted' | 'rejected' | 'opted_out' | 'blocked' }
    | { kind: 'status'; pick: number; status: 'delivered' | 'undelivered' | 'undelivered_21610' }
    | { kind: 'person'; takeover: 'message' | 'paused' | 'active' }
    | { kind: 'timer'; pick: number; twice: boolean };

  const bodies = [
    'STOP', 'stop', 'please stop texting me', 'ya no me escriban', 'START', 'YES', 'HELP', 'my furnace is making a banging noise',
    'can you stop by tomorrow?', 'cancel my appointment', 'I smell gas', 'STOP texting me, I smell gas', 'how much for a new water heater?',
    'already fixed it thanks', 'wrong number', 'please call me back', 'ok',
  ];
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('missed' as const), call: fc.nat(6) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('answered' as const), call: fc.nat(6) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('sms' as const), body: fc.constantFrom(...bodies) }) },
    {
      weight: 2,
      arbitrary: fc.record({ kind: fc.constant('settle' as const), pick: fc.nat(), result: fc.constantFrom('accepted' as const, 'accepted' as const, 'rejected' as const, 'opted_out' as const, 'blocked' as const) }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: fc.constantFrom('delivered' as const, 'undelivered' as const, 'undelivered_21610' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('person' as const), takeover: fc.constantFrom('message' as const, 'paused' as const, 'active' as const) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('timer' as const), pick: fc.nat(), twice: fc.boolean() }) },
  );
  /** Minutes between inputs: mostly bursts (retries, quick replies), sometimes hours or a day. */
  const minutesApart = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.nat(30), weight: 5 }, { arbitrary: fc.nat(26 * 60), weight: 1 });
  /** Sends the 24 h cap does not count: replies to the customer's keyword, and safety instructions (always allowed). */
  const KEYWORD_REPLIES = new Set(['opt_out_confirmation', 'opt_in_confirmation', 'help', 'safety_instructions']);

  it('never texts an opted-out contact (but the one confirmation of the opt-out), one text-back per lead, at most N automated sends per 24 h', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(step, minutesApart), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 3 }),
        // Start on an ordinary Wednesday, or the evening before a DST change (clocks jump inside the run).
        fc.constantFrom(NOW.getTime(), Date.parse('2026-03-07T22:00:00Z'), Date.parse('2026-10-31T22:00:00Z')),
        (steps, cap, start) => {
        const pol = { ...policy, automatedMessagesPer24h: cap };
        let t = start;
        let leadSeq = 0;
        let optedOut: ContactSnapshot['optedOut'] = null;
        const leads = new Map<string, LeadState>();
        let openLeadId: string | null = null;
        const pending: Array<{ leadId: string; effect: SendMessage }> = [];
        const sentSids: Array<{ leadId: string; sid: string }> = [];
        /** Automated non-keyword-reply sends that count toward the cap (not blocked), epoch ms. */
        const counted: Array<{ effectId: string; at: number }> = [];
        const textBacks = new Map<string, number>();
        const timers: Array<{ leadId: string; effect: ScheduleTimer }> = [];

        const snapshot = (): ContactSnapshot => contact({ optedOut, recentAutomatedSendsAt: counted.filter((c) => c.at > t - 24 * HOUR).map((c) => new Date(c.at).toISOString()) });
        const apply = (state: LeadState, input: LeadInput) => {
          const before = { ...state, contact: snapshot() } as LeadState;
          const d = decide(before, input, pol, new Date(t));
          const after = d.nextState;
          const optedOutNow = d.events.some((e) => e.type === 'opted_out');
          for (const e of sends(d)) {
            // Never an automated follow-up in the recipient's quiet hours (TX for a 512 number: 9–21, Sun 12–21).
            if (e.purpose === 'follow_up') {
              expect(checkQuietHours({ now: new Date(t), location: recipientLocation({ phoneE164: CALLER, fallbackTimeZone: 'America/Chicago' }) }).allowed).toBe(true);
            }
            // Never a send to an opted-out contact, except the single confirmation of this opt-out.
            if (before.contact.optedOut && after.contact.optedOut) throw new Error(`sent ${e.purpose} to a contact that was already opted out`);
            if (after.contact.optedOut) {
              expect(e.purpose).toBe('opt_out_confirmation');
              expect(optedOutNow).toBe(true);
            }
            if (e.purpose === 'text_back') textBacks.set(after.id, (textBacks.get(after.id) ?? 0) + 1);
            if (e.automated && !KEYWORD_REPLIES.has(e.purpose)) counted.push({ effectId: e.effectId, at: t });
            pending.push({ leadId: after.id, effect: e });
          }
          expect(sends(d).filter((e) => e.purpose === 'opt_out_confirmation').length).toBeLessThanOrEqual(1);
          // Never two pending follow-up steps for one lead: each decision schedules at most one.
          const cadenceTimers = d.effects.filter((e): e is ScheduleTimer => e.type === 'schedule_timer' && e.timer.kind === 'cadence_step');
          expect(cadenceTimers.length).toBeLessThanOrEqual(1);
          for (const e of d.effects) if (e.type === 'schedule_timer') timers.push({ leadId: after.id, effect: e });
          optedOut = after.contact.optedOut;
          // Every open lead has exactly one next action (issue 4: no lead without a next action).
          if (after.status === 'open') expect(after.nextAction).not.toBeNull();
          if (after.status !== 'none') {
            leads.set(after.id, after);
            if (after.status === 'open') openLeadId = after.id;
            else if (openLeadId === after.id) openLeadId = null;
          }
          // The cap holds over every 24 h window.
          const inWindow = counted.filter((c) => c.at > t - 24 * HOUR).length;
          expect(inWindow).toBeLessThanOrEqual(cap);
          return d;
        };
        const byPhone = (): LeadState => (openLeadId ? leads.get(openLeadId)! : noLead({}, `lead-${++leadSeq}`));

        for (const [s, minutes] of steps) {
          t += minutes * MINUTE;
          if (s.kind === 'missed') apply(byPhone(), missed(`CA${s.call}`));
          else if (s.kind === 'answered') apply(byPhone(), { type: 'call_answered', callSid: `CA${s.call}`, from: CALLER, to: ORG_NUMBER, durationSeconds: 30 });
          else if (s.kind === 'sms') apply(byPhone(), sms(s.body, `SM${t}`));
          else if (s.kind === 'timer' && timers.length > 0) {
            // A timer fires (late: time has moved on), sometimes twice.
            const [{ leadId, effect }] = timers.splice(s.pick % timers.length, 1) as [{ leadId: string; effect: ScheduleTimer }];
            t = Math.max(t, Date.parse(effect.fireAt));
            const input: LeadInput = { type: 'timer_fired', timerId: effect.timerId, timer: effect.timer };
            apply(leads.get(leadId)!, input);
            if (s.twice) {
              const before = leads.get(leadId)!;
              const again = apply(before, input);
              expect(again.effects).toEqual([]);
            }
          } else if (s.kind === 'person' && openLeadId) {
            apply(
              leads.get(openLeadId)!,
              s.takeover === 'message'
                ? { type: 'person_message_requested', actor: 'user:1', body: 'Hi, Dana here, can I call you?' }
                : { type: 'automation_changed', actor: 'user:1', state: s.takeover, reason: 'test' },
            );
          }
          else if (s.kind === 'settle' && pending.length > 0) {
            const [{ leadId, effect }] = pending.splice(s.pick % pending.length, 1) as [{ leadId: string; effect: SendMessage }];
            const result: MessageSendSettled['result'] =
              s.result === 'accepted'
                ? { outcome: 'accepted', messageSid: `SM-${effect.effectId}`, providerStatus: 'queued' }
                : s.result === 'blocked'
                  ? { outcome: 'blocked', reason: 'opted_out' }
                  : { outcome: 'rejected', errorCode: s.result === 'opted_out' ? 21610 : 30003, message: 'refused' };
            if (s.result === 'blocked') {
              // A send refused at send time is stored as `blocked` and no longer counts toward the cap.
              const i = counted.findIndex((c) => c.effectId === effect.effectId);
              if (i >= 0) counted.splice(i, 1);
            }
            if (s.result === 'accepted') sentSids.push({ leadId, sid: `SM-${effect.effectId}` });
            apply(leads.get(leadId)!, settled(effect.effectId, result));
          } else if (s.kind === 'status' && sentSids.length > 0) {
            const { leadId, sid } = sentSids[s.pick % sentSids.length]!;
            const status = s.status === 'delivered' ? 'delivered' : 'undelivered';
            apply(leads.get(leadId)!, { type: 'message_status_reported', messageSid: sid, status, errorCode: s.status === 'undelivered_21610' ? 21610 : s.status === 'undelivered' ? 30003 : null });
          }
        }
        for (const n of textBacks.values()) expect(n).toBeLessThanOrEqual(1);
        for (const lead of leads.values()) {
          if (lead.status === 'open' || lead.status === 'closed') expect(new Set(lead.callSids).size).toBe(lead.callSids.length);
        }
      }),
      { numRuns: 600 },
    );
  });
});
