/**
 * A person working a lead, as plain data: given a lead, when a person's input arrives at a fixed
 * instant, then these events (with the person as actor), tasks and effects — or a refusal.
 */
import { describe, expect, it } from 'vitest';
import { decide, type Decision } from './decide.ts';
import type { BridgeCall } from './effects.ts';
import type { LeadInput, LeadUpdatedByPerson } from './inputs.ts';
import type { LeadState, OpenOrClosedLead } from './lead-state.ts';
import { defaultPolicy, type OrganizationPolicy } from './policy.ts';
import { describeRefusal } from './gate-detail.ts';
import { replyTemplates } from './reply-templates.ts';

const ORG = '+15125550100';
const CALLER = '+15125550123';
const NOW = new Date('2026-11-18T16:00:00.000Z'); // Wednesday 10:00 in Chicago
const MINUTE = 60_000;
const DANA = 'user:dana';
const policy: OrganizationPolicy = {
  ...defaultPolicy({ businessName: 'Acme Heating', timeZone: 'America/Chicago', contactNumberE164: ORG }),
  onCall: {
    timeZone: 'America/Chicago',
    ackTimeoutMinutes: 5,
    owner: { name: 'Olga', phoneE164: '+15125550113' },
    shifts: [{ person: { name: 'Ana', phoneE164: '+15125550111' }, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' }],
  },
};

function noLead(): LeadState {
  return { status: 'none', id: 'lead-1', organizationId: 'org-1', contact: { id: 'c-1', phoneE164: CALLER, optedOut: null, recentAutomatedSendsAt: [] }, source: { numberE164: ORG, leadSource: 'Google LSA' } };
}
const open = (s: LeadState): OpenOrClosedLead => {
  if (s.status === 'none') throw new Error('expected a lead');
  return s;
};
const types = (d: Decision) => d.events.map((e) => e.type);
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

/** A lead opened by a missed call: text-back queued, call-back task, missed-call cadence. */
function afterMissedCall(): OpenOrClosedLead {
  return open(decide(noLead(), { type: 'call_missed', callSid: 'CA1', from: CALLER, to: ORG, dialCallStatus: 'no-answer' }, policy, NOW).nextState);
}
const update = (patch: Omit<LeadUpdatedByPerson, 'type' | 'actor'>, actor = DANA): LeadInput => ({ type: 'lead_updated_by_person', actor, ...patch });

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe('decide: a person sets stage, owners and next action', () => {
  it('a stage change is a stage_changed event by the person', () => {
    const d = decide(afterMissedCall(), update({ stage: 'waiting_on_customer' }), policy, at(1));
    expect(d.events).toEqual([{ type: 'stage_changed', at: at(1).toISOString(), actor: DANA, data: { from: 'text_sent', to: 'waiting_on_customer' } }]);
    expect(open(d.nextState).stage).toBe('waiting_on_customer');
    expect(d.effects).toEqual([]);
  });

  it('owner and backup owner land in the state with one owner_changed event; absent fields stay', () => {
    const d = decide(afterMissedCall(), update({ ownerId: 'u-owner', backupOwnerId: 'u-backup' }), policy, at(1));
    expect(d.events).toEqual([
      expect.objectContaining({ type: 'owner_changed', actor: DANA, data: { ownerId: 'u-owner', backupOwnerId: 'u-backup', previousOwnerId: null, previousBackupOwnerId: null } }),
    ]);
    const after = open(d.nextState);
    expect(after).toMatchObject({ owner: 'u-owner', backupOwner: 'u-backup' });
    const cleared = decide(after, update({ backupOwnerId: null }), policy, at(2));
    expect(open(cleared.nextState)).toMatchObject({ owner: 'u-owner', backupOwner: null });
    expect(decide(open(cleared.nextState), update({ ownerId: 'u-owner' }), policy, at(3)).events).toEqual([]); // no change, no event
  });

  it("a next action replaces the lead's task: the old one canceled, a new one due when the person said, assigned to the owner by default", () => {
    const lead = afterMissedCall();
    const oldTask = lead.nextAction!.taskId!;
    const dueAt = at(120).toISOString();
    const d = decide(lead, update({ ownerId: 'u-owner', nextAction: { type: 'call_back', dueAt } }), policy, at(1));
    expect(types(d)).toEqual(['owner_changed', 'task_canceled', 'task_created', 'next_action_set']);
    expect(d.canceledTaskIds).toEqual([oldTask]);
    expect(d.tasks).toEqual([{ id: expect.stringMatching(/^lead-1:t\d+$/), type: 'call_back', dueAt, reason: 'Call the customer back', assignee: 'u-owner' }]);
    expect(d.events.find((e) => e.type === 'next_action_set')).toMatchObject({ actor: DANA, data: { type: 'call_back', dueAt, assignee: 'u-owner' } });
    expect(d.events.find((e) => e.type === 'task_created')!.actor).toBe(DANA);
    expect(open(d.nextState).nextAction).toEqual({ type: 'call_back', dueAt, assignee: 'u-owner', taskId: d.tasks[0]!.id });
  });

  it('an explicit assignee wins; null leaves the task unassigned', () => {
    const lead = { ...afterMissedCall(), owner: 'u-owner' };
    const dueAt = at(30).toISOString();
    expect(decide(lead, update({ nextAction: { type: 'text', dueAt, assigneeId: 'u-tech' } }), policy, at(1)).tasks[0]).toMatchObject({ type: 'text', assignee: 'u-tech' });
    expect(decide(lead, update({ nextAction: { type: 'wait_for_customer', dueAt, assigneeId: null } }), policy, at(1)).tasks[0]).toMatchObject({ type: 'wait_for_customer', assignee: null });
  });

  it('stage or outcome "booked" is refused as a whole until booking records exist: nothing changes', () => {
    const lead = deepFreeze(afterMissedCall());
    for (const patch of [{ stage: 'booked' as const }, { outcome: 'booked' as const }, { ownerId: 'u-owner', stage: 'booked' as const }]) {
      const d = decide(lead, update(patch), policy, at(1));
      expect(d.refused).toEqual({ reason: 'booking_required', detail: expect.stringMatching(/booking/) });
      expect(d.nextState).toBe(lead);
      expect(d.events).toEqual([]);
      expect(d.tasks).toEqual([]);
    }
  });
});

describe('decide: a person closes a lead', () => {
  it('an outcome closes the lead like any close: cadence stopped, task canceled, automation stopped, by the person', () => {
    const lead = afterMissedCall();
    expect(lead.cadence?.status).toBe('active');
    const d = decide(lead, update({ outcome: 'already_handled' }), policy, at(5));
    expect(types(d)).toEqual(['outcome_set', 'cadence_stopped', 'task_canceled', 'lead_closed']);
    expect(d.events.every((e) => e.actor === DANA)).toBe(true);
    expect(d.canceledTaskIds).toEqual([lead.nextAction!.taskId]);
    const after = open(d.nextState);
    expect(after).toMatchObject({ status: 'closed', outcome: 'already_handled', nextAction: null, cadence: { status: 'stopped' }, automation: { state: 'stopped', reason: 'closed_already_handled' } });
    // The cadence's pending timer now does nothing.
    const timer = lead.cadence!;
    const late = decide(after, { type: 'timer_fired', timerId: 'x', timer: { kind: 'cadence_step', cadenceId: timer.cadenceId, stepIndex: timer.stepIndex, attempt: timer.attempt } }, policy, at(60 * 24));
    expect(late.effects).toEqual([]);
  });

  it('stage not_a_fit closes with outcome not_a_fit; outcome no_response moves the stage to closed_no_response', () => {
    const a = open(decide(afterMissedCall(), update({ stage: 'not_a_fit' }), policy, at(1)).nextState);
    expect(a).toMatchObject({ status: 'closed', stage: 'not_a_fit', outcome: 'not_a_fit' });
    const b = open(decide(afterMissedCall(), update({ outcome: 'no_response' }), policy, at(1)).nextState);
    expect(b).toMatchObject({ status: 'closed', stage: 'closed_no_response', outcome: 'no_response' });
  });

  it('outcome opted_out opts the contact out (method manual) without texting a confirmation', () => {
    const d = decide(afterMissedCall(), update({ outcome: 'opted_out' }), policy, at(1));
    expect(d.nextState.contact.optedOut).toEqual({ at: at(1).toISOString(), method: 'manual' });
    expect(d.events.find((e) => e.type === 'opted_out')).toMatchObject({ actor: DANA, data: { method: 'manual' } });
    expect(d.effects).toEqual([]);
    expect(open(d.nextState).status).toBe('closed');
  });

  it('closing cancels a pending emergency page: the next escalation timer pages nobody', () => {
    const paged = open(decide(afterMissedCall(), { type: 'message_received', messageSid: 'SM1', from: CALLER, to: ORG, body: 'water pouring from the ceiling, pipe burst', numMedia: 0 }, policy, at(1)).nextState);
    expect(paged.page?.status).toBe('pending');
    const d = decide(paged, update({ outcome: 'already_handled' }), policy, at(2));
    expect(d.events.find((e) => e.type === 'page_canceled')).toMatchObject({ actor: DANA, data: { pageId: paged.page!.pageId, reason: 'lead_closed' } });
    const timer = decide(d.nextState, { type: 'timer_fired', timerId: 't', timer: { kind: 'page_escalation', pageId: paged.page!.pageId, level: 0 } }, policy, at(7));
    expect(timer.effects).toEqual([]);
  });

  it('a closed lead keeps its stage and has no next action (refused), but its owner and outcome may be corrected', () => {
    const closed = open(decide(afterMissedCall(), update({ outcome: 'spam' }), policy, at(1)).nextState);
    expect(decide(closed, update({ stage: 'customer_replied' }), policy, at(2)).refused?.reason).toBe('lead_closed');
    expect(decide(closed, update({ nextAction: { type: 'call_back', dueAt: at(10).toISOString() } }), policy, at(2)).refused?.reason).toBe('lead_closed');
    expect(decide(closed, update({ stage: closed.stage }), policy, at(2)).refused).toBeUndefined(); // same stage: not a change
    const owned = decide(closed, update({ ownerId: 'u-owner', outcome: 'wrong_number' }), policy, at(2));
    expect(owned.refused).toBeUndefined();
    expect(types(owned)).toEqual(['owner_changed', 'outcome_set']);
    expect(open(owned.nextState)).toMatchObject({ status: 'closed', outcome: 'wrong_number', owner: 'u-owner' });
  });
});

describe('decide: notes and click-to-call', () => {
  it('a note is a note_added event by the person, on open and closed leads alike', () => {
    const d = decide(afterMissedCall(), { type: 'note_added', actor: DANA, body: 'Called, left voicemail' }, policy, at(1));
    expect(d.events).toEqual([{ type: 'note_added', at: at(1).toISOString(), actor: DANA, data: { body: 'Called, left voicemail' } }]);
    expect(decide(noLead(), { type: 'note_added', actor: DANA, body: 'x' }, policy, NOW).refused?.reason).toBe('no_lead');
  });

  it('click-to-call asks the shell to ring the person then bridge the customer from the number they called; the stage becomes callback_attempted', () => {
    const d = decide(afterMissedCall(), { type: 'call_bridge_requested', actor: DANA, agentPhoneE164: '+15125550177' }, policy, at(1));
    const bridge = d.effects.find((e): e is BridgeCall => e.type === 'bridge_call');
    expect(bridge).toEqual({ type: 'bridge_call', effectId: expect.stringMatching(/^lead-1:\d+$/), agentPhone: '+15125550177', customerPhone: CALLER, from: ORG, actor: DANA });
    expect(d.events.map((e) => [e.type, e.actor])).toEqual([
      ['call_bridge_requested', DANA],
      ['stage_changed', DANA],
    ]);
    expect(d.events[0]!.data).toMatchObject({ to: CALLER, agentPhone: '+15125550177', effectId: bridge!.effectId });
    expect(open(d.nextState).stage).toBe('callback_attempted');
  });

  it("the provider's answer to the bridge call is on the timeline", () => {
    const lead = afterMissedCall();
    expect(decide(lead, { type: 'call_bridge_settled', effectId: 'lead-1:9', result: { outcome: 'placed', callSid: 'CA9' } }, policy, at(1)).events).toEqual([
      expect.objectContaining({ type: 'call_bridge_placed', actor: 'provider', data: { effectId: 'lead-1:9', callSid: 'CA9' } }),
    ]);
    expect(types(decide(lead, { type: 'call_bridge_settled', effectId: 'lead-1:9', result: { outcome: 'failed', errorCode: 21215, message: 'geo permissions' } }, policy, at(1)))).toEqual(['call_bridge_failed']);
  });
});

describe('reply templates and gate refusals in words', () => {
  it('renders the templates for a lead: first name, business, agent; no opt-out/opt-in confirmations; Spanish ones labelled', () => {
    const withVars = { ...policy, templates: { ...policy.templates, bookingOffer: 'Hi {firstName}, {agentName} at {businessName} here. Book: {bookingLink}' } };
    const list = replyTemplates(withVars, { contactName: 'Maria Lopez', agentName: 'Dana' });
    expect(list.map((t) => t.id)).not.toContain('en.optOutConfirmation');
    expect(list.find((t) => t.id === 'en.bookingOffer')).toEqual({ id: 'en.bookingOffer', label: 'Booking offer', language: 'en', body: expect.stringMatching(/^Hi Maria, Dana at Acme Heating here\. Book: \(booking link coming soon/) });
    expect(list.find((t) => t.id === 'es.bookingOffer')).toMatchObject({ language: 'es', label: 'Booking offer (Spanish)' });
    expect(replyTemplates(withVars, { contactName: null, agentName: 'Dana' }).find((t) => t.id === 'en.bookingOffer')!.body).toMatch(/^Hi there, Dana/);
  });

  it('quiet hours say until when in the customer\'s zone; an opt-out says how and when', () => {
    const contact = { phoneE164: '+12125550123', zip: null, optedOut: null }; // New York
    const early = new Date('2026-11-19T10:30:00Z'); // 05:30 in New York
    expect(describeRefusal({ allowed: false, reason: 'quiet_hours', detail: 'x', retryAt: '2026-11-19T13:00:00.000Z' }, contact, policy, early)).toBe('Quiet hours for this customer until 8:00 AM EST.');
    const late = new Date('2026-11-19T03:30:00Z'); // 22:30 on the 18th in New York
    expect(describeRefusal({ allowed: false, reason: 'quiet_hours', detail: 'x', retryAt: '2026-11-19T13:00:00.000Z' }, contact, policy, late)).toBe('Quiet hours for this customer until 8:00 AM EST tomorrow.');
    const opted = { ...contact, optedOut: { at: '2026-11-18T16:00:00.000Z', method: 'keyword' } };
    expect(describeRefusal({ allowed: false, reason: 'opted_out', detail: 'x' }, opted, policy, NOW)).toBe('The customer opted out by replying STOP on Nov 18, 10:00 AM CST: no messages may go to them.');
  });
});
