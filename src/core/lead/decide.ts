import { checkSendPolicy } from '../send-policy/check-send-policy.ts';
import { detectConsentKeyword } from '../send-policy/opt-out-keywords.ts';
import type { LeadEffect, MessagePurpose } from './effects.ts';
import type { LeadEvent } from './events.ts';
import type { CallMissed, LeadInput, MessageReceived, MessageSendSettled, MessageStatusReported } from './inputs.ts';
import type { LeadState, OpenOrClosedLead, Outcome, Stage } from './lead-state.ts';
import { renderTemplate, type OrganizationPolicy } from './policy.ts';

/** A new task for a person, created with the lead's next action. Instants are ISO-8601 UTC. */
export interface TaskToCreate {
  id: string;
  type: 'call_back';
  dueAt: string;
  reason: string;
}

/** What `decide` returns: the state to store, the facts to append, the effects to enqueue, all in one transaction. */
export interface Decision {
  nextState: LeadState;
  events: LeadEvent[];
  effects: LeadEffect[];
  tasks: TaskToCreate[];
}

/** Twilio error 21610: the recipient replied STOP to this sender; treat as an opt-out. */
export const TWILIO_ERROR_OPTED_OUT = 21610;

/**
 * The recovery core: given a lead (or `status: 'none'` with a pre-allocated id), one input, the
 * organization's policy and the current instant, returns the next state, the events and the effects.
 * Pure: no I/O, no clock, no randomness; ids are derived from the lead id and `seq`.
 *
 * Rules (DESIGN.md §2, §5; issue 2):
 * - a missed call opens a lead or joins the open one; a CallSid already seen is a no-op;
 * - one text-back per lead, through `checkSendPolicy`; a call-back task is the next action;
 * - an inbound opt-out (keyword or free text) opts the contact out, sends one confirmation and closes
 *   the lead; START/UNSTOP/YES after an opt-out opts back in; HELP/INFO gets the help text;
 * - any other reply moves the lead to `customer_replied` with a call-back task due now;
 * - provider error 21610 marks the contact opted out.
 */
export function decide(lead: LeadState, input: LeadInput, policy: OrganizationPolicy, now: Date): Decision {
  const b = new DecisionBuilder(lead, policy, now);
  switch (input.type) {
    case 'call_missed':
      onCallMissed(b, input);
      break;
    case 'call_answered': {
      if (lead.status !== 'none' && lead.callSids.includes(input.callSid)) break;
      const l = lead.status === 'open' ? b.lead() : null;
      b.event('call_answered', 'customer', { callSid: input.callSid, from: input.from, to: input.to, durationSeconds: input.durationSeconds });
      if (l) b.update({ callSids: [...l.callSids, input.callSid] });
      break;
    }
    case 'voicemail_recorded':
      b.event('voicemail_recorded', 'customer', {
        callSid: input.callSid,
        recordingSid: input.recordingSid,
        recordingUrl: input.recordingUrl,
        durationSeconds: input.durationSeconds,
        recordingStatus: input.recordingStatus,
      });
      break;
    case 'voicemail_transcribed':
      b.event('voicemail_transcribed', 'provider', {
        callSid: input.callSid,
        transcriptionSid: input.transcriptionSid,
        transcriptionStatus: input.transcriptionStatus,
        text: input.text,
      });
      break;
    case 'message_received':
      onMessageReceived(b, input);
      break;
    case 'message_status_reported':
      onMessageStatus(b, input);
      break;
    case 'message_send_settled':
      onSendSettled(b, input);
      break;
    default: {
      const unhandled: never = input;
      throw new Error(`decide: unhandled input ${JSON.stringify(unhandled)}`);
    }
  }
  return b.result();
}

function onCallMissed(b: DecisionBuilder, input: CallMissed): void {
  const existing = b.state;
  if (existing.status === 'open' && existing.callSids.includes(input.callSid)) return;
  const lead = b.openIfNeeded('callback_needed');
  b.event('call_missed', 'customer', { callSid: input.callSid, from: input.from, to: input.to, dialCallStatus: input.dialCallStatus });
  b.update({ callSids: [...lead.callSids, input.callSid] });
  if (!lead.textBack) b.sendText('text_back', true, b.render('textBack'));
  if (b.lead().textBack?.status === 'queued') b.moveTo('text_sent');
  b.ensureCallBackTask(b.policy.callbackDueMinutes, 'Missed call: call the customer back');
}

function onMessageReceived(b: DecisionBuilder, input: MessageReceived): void {
  const keyword = detectConsentKeyword(input.body);
  const wasOptedOut = b.state.contact.optedOut !== null;
  b.openIfNeeded('customer_replied');
  b.event('message_received', 'customer', {
    messageSid: input.messageSid,
    from: input.from,
    to: input.to,
    body: input.body,
    numMedia: input.numMedia,
    ...(keyword ? { keyword: keyword.kind, keywordRule: keyword.rule, language: keyword.language } : {}),
  });
  if (keyword?.kind === 'opt_out') {
    if (wasOptedOut) {
      // One confirmation per opt-out: a repeated STOP gets silence, and no open lead without a next action.
      b.close('opted_out');
      return;
    }
    b.optOut(keyword.rule === 'twilio_keyword' ? 'keyword' : 'free_text', input.body, 'customer');
    b.sendText('opt_out_confirmation', true, b.render('optOutConfirmation'));
    b.close('opted_out');
    return;
  }
  if (keyword?.kind === 'opt_in' && wasOptedOut) {
    b.event('opted_in', 'customer', { method: 'keyword', words: input.body });
    b.setContact({ optedOut: null });
    b.sendText('opt_in_confirmation', true, b.render('optInConfirmation'));
    return;
  }
  if (keyword?.kind === 'help') {
    b.event('help_requested', 'customer', { words: input.body });
    b.sendText('help', true, b.render('help'));
    return;
  }
  const lead = b.lead();
  if (lead.status === 'closed') return;
  b.moveTo('customer_replied');
  b.ensureCallBackTask(0, 'The customer replied: answer them', true);
}

function onMessageStatus(b: DecisionBuilder, input: MessageStatusReported): void {
  const data = { messageSid: input.messageSid, status: input.status, errorCode: input.errorCode };
  if (input.status === 'delivered') b.event('message_delivered', 'provider', data);
  else if (input.status === 'failed' || input.status === 'undelivered') {
    b.event('message_failed', 'provider', data);
    if (input.errorCode === TWILIO_ERROR_OPTED_OUT) b.optOut('provider_21610', null, 'provider');
  } else b.event('message_status_changed', 'provider', data);
}

function onSendSettled(b: DecisionBuilder, input: MessageSendSettled): void {
  const { result, effectId } = input;
  const lead = b.state.status === 'none' ? null : b.lead();
  const isTextBack = lead?.textBack?.effectId === effectId;
  if (result.outcome === 'accepted') {
    b.event('message_sent', 'system', { effectId, messageSid: result.messageSid, providerStatus: result.providerStatus });
    if (isTextBack && lead?.textBack) b.update({ textBack: { ...lead.textBack, status: 'sent' } });
    return;
  }
  if (result.outcome === 'blocked') {
    b.event('message_blocked', 'system', { effectId, reason: result.reason });
  } else {
    b.event('message_failed', 'provider', { effectId, errorCode: result.errorCode, message: result.message });
    if (result.errorCode === TWILIO_ERROR_OPTED_OUT) b.optOut('provider_21610', null, 'provider');
  }
  if (isTextBack && lead?.textBack) b.update({ textBack: { ...lead.textBack, status: 'failed' } });
}

/** Accumulates one decision; keeps `decide` readable. Internal to the core. */
class DecisionBuilder {
  readonly events: LeadEvent[] = [];
  readonly effects: LeadEffect[] = [];
  readonly tasks: TaskToCreate[] = [];
  private readonly nowIso: string;

  constructor(
    public state: LeadState,
    readonly policy: OrganizationPolicy,
    readonly now: Date,
  ) {
    this.nowIso = now.toISOString();
  }

  result(): Decision {
    return { nextState: this.state, events: this.events, effects: this.effects, tasks: this.tasks };
  }

  event(type: LeadEvent['type'], actor: string, data: Record<string, unknown>): void {
    this.events.push({ type, at: this.nowIso, actor, data });
  }

  lead(): OpenOrClosedLead {
    if (this.state.status === 'none') throw new Error('decide: no lead is open');
    return this.state;
  }

  update(patch: Partial<OpenOrClosedLead>): void {
    this.state = { ...this.lead(), ...patch };
  }

  setContact(patch: Partial<LeadState['contact']>): void {
    this.state = { ...this.state, contact: { ...this.state.contact, ...patch } };
  }

  openIfNeeded(stage: Stage): OpenOrClosedLead {
    if (this.state.status === 'open' || this.state.status === 'closed') return this.state;
    const { id, organizationId, contact, source } = this.state;
    this.state = {
      id,
      organizationId,
      contact,
      source,
      status: 'open',
      stage,
      intent: null,
      safety: false,
      outcome: null,
      automation: { state: 'active' },
      textBack: null,
      nextAction: null,
      callSids: [],
      seq: 0,
      openedAt: this.nowIso,
    };
    this.event('lead_opened', 'system', { stage, source: source.numberE164, leadSource: source.leadSource });
    return this.state;
  }

  nextId(prefix = ''): string {
    const lead = this.lead();
    this.update({ seq: lead.seq + 1 });
    return `${lead.id}:${prefix}${lead.seq + 1}`;
  }

  render(name: keyof OrganizationPolicy['templates']): string {
    return renderTemplate(this.policy.templates[name], this.policy);
  }

  /** Queues a message through the send gate, or records why the gate refused it. */
  sendText(purpose: MessagePurpose, automated: boolean, body: string): void {
    const verdict = checkSendPolicy(this.state, { purpose, automated }, this.policy, this.now);
    if (!verdict.allowed) {
      this.event('message_blocked', 'system', { purpose, reason: verdict.reason, detail: verdict.detail, retryAt: verdict.retryAt ?? null });
      return;
    }
    const effectId = this.nextId();
    const lead = this.lead();
    const to = lead.contact.phoneE164;
    this.effects.push({ type: 'send_message', effectId, to, from: lead.source.numberE164, body, purpose, automated });
    this.event('message_queued', 'system', { effectId, purpose, automated, to, body });
    if (purpose === 'text_back') this.update({ textBack: { effectId, status: 'queued' } });
    if (automated) {
      this.setContact({ recentAutomatedSendsAt: [...lead.contact.recentAutomatedSendsAt, this.nowIso] });
    }
  }

  moveTo(stage: Stage): void {
    const lead = this.lead();
    if (lead.stage === stage) return;
    this.event('stage_changed', 'system', { from: lead.stage, to: stage });
    this.update({ stage });
  }

  /** Gives the open lead a call-back task unless it has one due sooner (or `replace` is set). */
  ensureCallBackTask(dueInMinutes: number, reason: string, replace = false): void {
    const lead = this.lead();
    if (lead.status !== 'open') return;
    const dueAt = new Date(this.now.getTime() + dueInMinutes * 60_000).toISOString();
    if (lead.nextAction && !(replace && lead.nextAction.dueAt > dueAt)) return;
    const id = this.nextId('t');
    this.tasks.push({ id, type: 'call_back', dueAt, reason });
    this.event('task_created', 'system', { taskId: id, taskType: 'call_back', dueAt, reason });
    this.update({ nextAction: { type: 'call_back', dueAt, assignee: null, taskId: id } });
  }

  optOut(method: string, words: string | null, actor: string): void {
    if (this.state.contact.optedOut) return;
    this.event('opted_out', actor, { method, words });
    this.setContact({ optedOut: { at: this.nowIso, method } });
    if (this.state.status === 'open') {
      this.update({ automation: { state: 'stopped', reason: 'opted_out', at: this.nowIso } });
      this.event('automation_stopped', 'system', { reason: 'opted_out' });
    }
  }

  close(outcome: Outcome): void {
    const lead = this.lead();
    if (lead.status === 'closed') return;
    this.event('lead_closed', 'system', { outcome, stage: lead.stage });
    this.update({ status: 'closed', outcome, nextAction: null });
  }
}
