/**
 * A person working a lead, inside `decide` (issue 5): stage, outcome, owner and backup owner, next
 * action, notes and click-to-call. Every change is an event with the person as actor (`user:<id>`
 * or `api_key:<prefix>`), so the timeline shows who did what. Pure, like the rest of the core.
 */
import type { DecisionBuilder } from './decision-builder.ts';
import type { CallBridgeRequested, CallBridgeSettled, LeadUpdatedByPerson, NoteAdded } from './inputs.ts';
import type { NextActionType, Outcome, Stage } from './lead-state.ts';

/** Stages that end a lead, with the outcome they close it with when the person gives none. */
const CLOSING_STAGES: Partial<Record<Stage, Outcome>> = { not_a_fit: 'not_a_fit', closed_no_response: 'no_response' };
/** Outcomes that have a stage of their own. */
const OUTCOME_STAGES: Partial<Record<Outcome, Stage>> = { not_a_fit: 'not_a_fit', no_response: 'closed_no_response' };

/** The task reason of a next action a person sets. */
const NEXT_ACTION_REASONS: Record<NextActionType, string> = {
  call_back: 'Call the customer back',
  text: 'Text the customer',
  review: 'Review the lead',
  escalate: 'Escalate to the owner or manager',
  wait_for_customer: 'Waiting on the customer: follow up if they go quiet',
};

/**
 * Applies a person's changes in a fixed order (owners, next action, stage, outcome), all or nothing:
 * - stage or outcome `booked` is refused (`booking_required`) unless the lead has a live booking
 *   (a booking record, issue 6): booking itself is what makes a lead booked;
 * - a closed lead keeps its stage and has no next action (`lead_closed`); its owners and outcome may
 *   still be corrected;
 * - a next action replaces the lead's task (the old one is canceled); without `assigneeId` it goes to
 *   the lead's owner (after this update), with `null` it is unassigned;
 * - stage `not_a_fit` / `closed_no_response` closes the lead with that outcome; an outcome closes the
 *   lead like any other close (cadence stopped, task canceled, automation stopped) and cancels a
 *   pending emergency page; outcome `opted_out` opts the contact out (method `manual`).
 */
export function onLeadUpdatedByPerson(b: DecisionBuilder, input: LeadUpdatedByPerson): void {
  if (b.state.status === 'none') {
    b.refuse('no_lead', 'There is no lead to update.');
    return;
  }
  const lead = b.lead();
  const { actor } = input;
  if ((input.stage === 'booked' || input.outcome === 'booked') && lead.booking?.status !== 'booked') {
    b.refuse('booking_required', 'A lead becomes "booked" only with a booking record: book a window for it (the Book panel, or POST /api/v1/bookings) instead.');
    return;
  }
  const stageChanges = input.stage !== undefined && input.stage !== lead.stage;
  if (lead.status === 'closed' && (stageChanges || input.nextAction)) {
    b.refuse('lead_closed', `The lead is closed (${lead.outcome ?? 'no outcome'}): its stage and next action no longer change.`);
    return;
  }

  const owner = input.ownerId === undefined ? (lead.owner ?? null) : input.ownerId;
  const backupOwner = input.backupOwnerId === undefined ? (lead.backupOwner ?? null) : input.backupOwnerId;
  if (owner !== (lead.owner ?? null) || backupOwner !== (lead.backupOwner ?? null)) {
    b.event('owner_changed', actor, { ownerId: owner, backupOwnerId: backupOwner, previousOwnerId: lead.owner ?? null, previousBackupOwnerId: lead.backupOwner ?? null });
    b.update({ owner, backupOwner });
  }

  if (input.nextAction) {
    const { type, dueAt } = input.nextAction;
    const assignee = input.nextAction.assigneeId === undefined ? owner : input.nextAction.assigneeId;
    b.setNextActionAt(type, dueAt, NEXT_ACTION_REASONS[type], assignee, actor);
    b.event('next_action_set', actor, { type, dueAt, assignee });
  }

  if (input.stage !== undefined && stageChanges) b.moveTo(input.stage, actor);

  const outcome = input.outcome ?? (input.stage !== undefined && stageChanges ? CLOSING_STAGES[input.stage] : undefined);
  if (outcome) setOutcome(b, outcome, actor);
}

/** Closes the open lead with `outcome`, or corrects the outcome of a closed one. */
function setOutcome(b: DecisionBuilder, outcome: Outcome, actor: string): void {
  const lead = b.lead();
  if (lead.status === 'closed' && lead.outcome === outcome) return;
  b.event('outcome_set', actor, { outcome, previous: lead.outcome });
  // The customer told a person not to contact them: the same opt-out as a STOP, without a confirmation text.
  if (outcome === 'opted_out') b.optOut('manual', null, actor);
  const stage = OUTCOME_STAGES[outcome];
  if (stage) b.moveTo(stage, actor);
  if (b.lead().status === 'closed') {
    b.update({ outcome });
    return;
  }
  cancelPendingPage(b, actor);
  b.close(outcome, actor);
}

/** A person closed the lead while its emergency page was pending: nobody else gets paged for it. */
function cancelPendingPage(b: DecisionBuilder, actor: string): void {
  const page = b.lead().page;
  if (page?.status !== 'pending') return;
  b.update({ page: { ...page, status: 'canceled' } });
  b.event('page_canceled', actor, { pageId: page.pageId, level: page.level, reason: 'lead_closed' });
}

/** A note on the timeline (open or closed lead). */
export function onNoteAdded(b: DecisionBuilder, input: NoteAdded): void {
  if (b.state.status === 'none') {
    b.refuse('no_lead', 'There is no lead to add a note to.');
    return;
  }
  b.event('note_added', input.actor, { body: input.body });
}

/**
 * Click-to-call: a `bridge_call` effect (the provider rings the person, then dials the customer from
 * the number they called) and `call_bridge_requested` on the timeline. A first call-back attempt
 * moves the stage from `callback_needed` / `text_sent` to `callback_attempted`.
 */
export function onCallBridgeRequested(b: DecisionBuilder, input: CallBridgeRequested): void {
  if (b.state.status === 'none') {
    b.refuse('no_lead', 'There is no lead to call.');
    return;
  }
  const lead = b.lead();
  const to = lead.contact.phoneE164;
  const effectId = b.nextId();
  b.effects.push({ type: 'bridge_call', effectId, agentPhone: input.agentPhoneE164, customerPhone: to, from: lead.source.numberE164, actor: input.actor });
  b.event('call_bridge_requested', input.actor, { effectId, to, agentPhone: input.agentPhoneE164 });
  if (lead.status === 'open' && (lead.stage === 'callback_needed' || lead.stage === 'text_sent')) b.moveTo('callback_attempted', input.actor);
}

/** The provider placed the bridge call (its CallSid), or refused it for good. */
export function onCallBridgeSettled(b: DecisionBuilder, input: CallBridgeSettled): void {
  if (b.state.status === 'none') return;
  const { result, effectId } = input;
  if (result.outcome === 'placed') b.event('call_bridge_placed', 'provider', { effectId, callSid: result.callSid });
  else b.event('call_bridge_failed', 'provider', { effectId, errorCode: result.errorCode, message: result.message });
}
