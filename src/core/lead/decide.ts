import { detectConsentKeyword } from '../send-policy/opt-out-keywords.ts';
import type { LeadEffect } from './effects.ts';
import type { LeadEvent } from './events.ts';
import { DecisionBuilder } from './decision-builder.ts';
import type { AutomationChanged, CallMissed, LeadInput, MessageReceived, MessageSendSettled, MessageStatusReported, PersonMessageRequested, VoicemailTranscribed } from './inputs.ts';
import { classifyMessage } from '../triage/classify.ts';
import { acknowledgePage, onPageTimer, startPage } from './paging.ts';
import { routeTriage } from './route-triage.ts';
import { answerSlotOffer, onBookingRecorded, onBookingTimer, onSlotUnavailable } from './booking.ts';
import { onTaskOverdue } from './overdue.ts';
import { enrollForMissedCall, onCadenceTimer, resumeCadence, stopCadence } from './follow-up.ts';
import type { LeadState, NextActionType } from './lead-state.ts';
import { onCallBridgeRequested, onCallBridgeSettled, onLeadUpdatedByPerson, onNoteAdded } from './person-actions.ts';
import type { OrganizationPolicy } from './policy.ts';

/** A new task for a person, created with the lead's next action. Instants are ISO-8601 UTC. */
export interface TaskToCreate {
  id: string;
  type: NextActionType;
  dueAt: string;
  reason: string;
  /** A user id or a role (`role:owner`, `role:manager`); null while unassigned. */
  assignee: string | null;
}

/** What `decide` returns: the state to store, the facts to append, the effects to enqueue, all in one transaction. */
export interface Decision {
  nextState: LeadState;
  events: LeadEvent[];
  effects: LeadEffect[];
  tasks: TaskToCreate[];
  /** Tasks this decision replaced or closed; the shell marks them canceled. */
  canceledTaskIds: string[];
  /**
   * Set when `decide` refused a person's request (e.g. stage `booked` without a booking): nothing
   * else is in the decision and the shell stores nothing. `reason` is a stable code, `detail` for people.
   */
  refused?: DecisionRefusal;
}

/** Why `decide` refused a person's input. */
export interface DecisionRefusal {
  reason: 'booking_required' | 'lead_closed' | 'no_lead' | 'already_booked' | 'not_booked';
  detail: string;
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
 * - provider error 21610 marks the contact opted out;
 * - a person's stage, outcome, owner and next action changes, notes and click-to-call requests are
 *   recorded with the person as actor (`person-actions.ts`); an outcome closes the lead;
 * - booking (`booking.ts`): a booking request gets the next openings by text, a reply "1" books it, and
 *   only a stored booking (`booking_recorded`) makes the lead `booked`, with confirmation and reminders.
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
      onVoicemailTranscribed(b, input);
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
    case 'page_acknowledged':
      if (lead.status !== 'none') acknowledgePage(b, input);
      break;
    case 'timer_fired': {
      const timer = input.timer;
      if (timer.kind === 'page_escalation') onPageTimer(b, input);
      else if (timer.kind === 'booking_notice') onBookingTimer(b, { ...input, timer });
      else onCadenceTimer(b, input);
      break;
    }
    case 'caller_reported_emergency': {
      b.openIfNeeded('callback_needed');
      const said = input.speech ? `said "${input.speech}"` : `pressed ${input.digits ?? '1'}`;
      b.event('caller_reported_emergency', 'customer', { callSid: input.callSid, digits: input.digits, speech: input.speech });
      b.update({ intent: 'emergency' });
      b.moveTo('appointment_requested');
      startPage(b, `Caller reported an emergency on the phone (${said})`, false);
      break;
    }
    case 'person_message_requested':
      onPersonMessage(b, input);
      break;
    case 'automation_changed':
      onAutomationChanged(b, input);
      break;
    case 'task_overdue':
      onTaskOverdue(b, input);
      break;
    case 'lead_updated_by_person':
      onLeadUpdatedByPerson(b, input);
      break;
    case 'note_added':
      onNoteAdded(b, input);
      break;
    case 'call_bridge_requested':
      onCallBridgeRequested(b, input);
      break;
    case 'call_bridge_settled':
      onCallBridgeSettled(b, input);
      break;
    case 'booking_recorded':
      onBookingRecorded(b, input);
      break;
    case 'slot_unavailable':
      onSlotUnavailable(b, input);
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
  enrollForMissedCall(b);
}

function onMessageReceived(b: DecisionBuilder, input: MessageReceived): void {
  const keyword = detectConsentKeyword(input.body);
  const triage = input.triage ?? classifyMessage(input.body);
  b.language = triage.language;
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
  // The customer engaged: the cadence stops at once (a person or triage takes it from here).
  stopCadence(b, 'customer_replied', 'customer');
  // DESIGN §4 tie-break: a safety emergency outranks a stop in the same message ("STOP texting me, I smell gas").
  if (triage.safety) {
    reopenForCustomer(b);
    routeTriage(b, triage, input.body, 'sms', input.booking);
    return;
  }
  if (keyword?.kind === 'opt_out' || (triage.intent === 'stop' && !keyword)) {
    if (wasOptedOut) {
      // One confirmation per opt-out: a repeated STOP gets silence, and no open lead without a next action.
      b.close('opted_out');
      return;
    }
    b.optOut(keyword ? (keyword.rule === 'twilio_keyword' ? 'keyword' : 'free_text') : 'free_text', input.body, 'customer');
    b.sendText('opt_out_confirmation', true, b.render('optOutConfirmation'));
    b.close('opted_out');
    return;
  }
  if (keyword?.kind === 'opt_in' && wasOptedOut) {
    b.event('opted_in', 'customer', { method: 'keyword', words: input.body });
    b.setContact({ optedOut: null });
    b.sendText('opt_in_confirmation', true, b.render('optInConfirmation'));
    b.setNextAction('review', 0, 'The customer opted back in: see whether they still need help');
    return;
  }
  if (keyword?.kind === 'help') {
    b.event('help_requested', 'customer', { words: input.body });
    b.sendText('help', true, b.render('help'));
    b.setNextAction('review', 0, 'The customer asked for HELP: see whether they need a call');
    return;
  }
  if (keyword?.kind === 'opt_in' && triage.intent === 'other') {
    // A bare YES/START from someone never opted out: they still need help.
    b.setNextAction('call_back', 0, 'The customer replied: answer them');
    b.moveTo('customer_replied');
    return;
  }
  if (b.lead().status === 'closed') return;
  if (answerSlotOffer(b, input.body, input.booking)) return;
  routeTriage(b, triage, input.body, 'sms', input.booking);
}

function onVoicemailTranscribed(b: DecisionBuilder, input: VoicemailTranscribed): void {
  b.event('voicemail_transcribed', 'provider', {
    callSid: input.callSid,
    transcriptionSid: input.transcriptionSid,
    transcriptionStatus: input.transcriptionStatus,
    text: input.text,
  });
  if (b.state.status !== 'open' || !input.text || input.transcriptionStatus !== 'completed') return;
  const triage = input.triage ?? classifyMessage(input.text);
  b.language = triage.language;
  // A spoken "stop calling" is not a text opt-out keyword: route it to a person rather than opt out.
  routeTriage(b, triage.intent === 'stop' ? { ...triage, intent: 'other' } : triage, input.text, 'voicemail', input.booking);
}

/**
 * A person's message: through the same send gate (a person cannot text someone who opted out either),
 * and it pauses the lead's automation — the person has taken over (issue 4, item 5).
 */
function onPersonMessage(b: DecisionBuilder, input: PersonMessageRequested): void {
  const lead = b.lead();
  if (!b.sendText('manual', false, input.body, input.actor).allowed) return;
  stopCadence(b, 'taken_over', input.actor);
  if (lead.automation.state === 'active' && lead.status === 'open') {
    b.update({ automation: { state: 'paused', by: input.actor, reason: 'manual_message', at: b.nowIso } });
    b.event('automation_paused', input.actor, { reason: 'manual_message' });
  }
  if (lead.status === 'open') {
    b.moveTo('waiting_on_customer');
    b.setNextAction('review', 24 * 60, 'No answer to our message yet: follow up', input.actor.startsWith('user:') ? input.actor.slice('user:'.length) : null);
  }
}

/** Take over (pause) or release (resume) the lead's automation; recorded with who and why. */
function onAutomationChanged(b: DecisionBuilder, input: AutomationChanged): void {
  const lead = b.lead();
  if (lead.automation.state === 'stopped' || lead.automation.state === input.state) return;
  if (input.state === 'paused') {
    b.update({ automation: { state: 'paused', by: input.actor, reason: input.reason, at: b.nowIso } });
    b.event('automation_paused', input.actor, { reason: input.reason });
    stopCadence(b, 'taken_over', input.actor);
  } else {
    b.update({ automation: { state: 'active' } });
    b.event('automation_resumed', input.actor, { reason: input.reason });
    resumeCadence(b, input.actor);
  }
}

/** A safety emergency on a closed lead (or none) still gets a live lead and a page. */
function reopenForCustomer(b: DecisionBuilder): void {
  if (b.lead().status === 'closed') {
    b.update({ status: 'open', outcome: null, automation: { state: 'active' } });
    b.event('stage_changed', 'system', { from: b.lead().stage, to: b.lead().stage, reopened: true });
  }
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
    if (result.reason === 'landline' && lead?.status === 'open') {
      b.setContact({ lineType: 'landline' });
      b.setNextAction('call_back', 0, 'Landline: texts cannot reach it, call the customer back');
    }
  } else {
    b.event('message_failed', 'provider', { effectId, errorCode: result.errorCode, message: result.message });
    if (result.errorCode === TWILIO_ERROR_OPTED_OUT) b.optOut('provider_21610', null, 'provider');
  }
  if (isTextBack && lead?.textBack) b.update({ textBack: { ...lead.textBack, status: 'failed' } });
}

