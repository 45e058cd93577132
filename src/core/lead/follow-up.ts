/**
 * Follow-up cadences inside `decide` (issue 4): enrol a lead, schedule one pending step at a time as
 * a timer, run the step when its timer fires, stop the moment the customer replies, opts out, a person
 * takes over or the lead closes, and resume only when a person releases the lead.
 */
import { isOpenAt } from '../cadence/business-calendar.ts';
import { nextFollowUpAt, type Cadence } from '../cadence/cadence.ts';
import type { DecisionBuilder } from './decision-builder.ts';
import type { TimerFired } from './inputs.ts';
import type { CadenceState } from './lead-state.ts';

/** Enrols the open lead in the cadence for a missed call: `missed_call`, or `after_hours` when the office is closed. */
export function enrollForMissedCall(b: DecisionBuilder): void {
  const lead = b.lead();
  // An opted-out contact gets no follow-up texts: the call-back task is all that is left.
  if (lead.status !== 'open' || lead.cadence || lead.contact.optedOut) return;
  const open = isOpenAt(b.policy.calendar, b.now);
  const cadenceId = !open && b.policy.cadences.after_hours ? 'after_hours' : 'missed_call';
  enroll(b, cadenceId);
}

/** Enrols the lead in `cadenceId` (unknown ids do nothing) and schedules its first step. */
export function enroll(b: DecisionBuilder, cadenceId: string): void {
  if (!b.policy.cadences[cadenceId]) return;
  const cadence: CadenceState = { cadenceId, stepIndex: 0, enrolledAt: b.nowIso, lastStepAt: null, status: 'active', attempt: 0, reason: null };
  b.update({ cadence });
  b.event('cadence_enrolled', 'system', { cadenceId });
  scheduleStep(b);
}

/** Stops the lead's cadence (customer replied, opted out, closed, person took over). No-op when none runs. */
export function stopCadence(b: DecisionBuilder, reason: string, actor = 'system'): void {
  if (b.state.status === 'none') return;
  const c = b.lead().cadence;
  if (!c || c.status !== 'active') return;
  b.update({ cadence: { ...c, status: 'stopped', reason } });
  b.event('cadence_stopped', actor, { cadenceId: c.cadenceId, stepIndex: c.stepIndex, reason });
}

/** A person released the lead: a stopped cadence resumes at its current step, timed from now. */
export function resumeCadence(b: DecisionBuilder, actor: string): void {
  const lead = b.lead();
  const c = lead.cadence;
  if (!c || c.status !== 'stopped' || lead.status !== 'open' || lead.contact.optedOut) return;
  b.update({ cadence: { ...c, status: 'active', reason: null, lastStepAt: b.nowIso, enrolledAt: c.stepIndex === 0 ? b.nowIso : c.enrolledAt, attempt: c.attempt + 1 } });
  b.event('cadence_resumed', actor, { cadenceId: c.cadenceId, stepIndex: c.stepIndex });
  scheduleStep(b);
}

/**
 * A cadence timer fired. A stale one (another step, an older attempt, a stopped cadence) does nothing,
 * so a timer that fires twice or late runs its step at most once.
 */
export function onCadenceTimer(b: DecisionBuilder, input: TimerFired): void {
  if (input.timer.kind !== 'cadence_step' || b.state.status !== 'open') return;
  const lead = b.lead();
  const c = lead.cadence;
  const t = input.timer;
  if (!c || c.status !== 'active' || c.cadenceId !== t.cadenceId || c.stepIndex !== t.stepIndex || c.attempt !== t.attempt) return;
  if (lead.automation.state !== 'active') {
    stopCadence(b, `automation_${lead.automation.state}`);
    return;
  }
  const cadence = b.policy.cadences[c.cadenceId];
  const step = cadence?.steps[c.stepIndex];
  if (!cadence || !step) return;
  if (step.channel === 'sms') {
    const verdict = b.sendText('follow_up', true, renderStep(b, step.template));
    if (!verdict.allowed) {
      if (verdict.retryAt) {
        // Quiet hours or the 24 h cap: the same step waits for the next allowed minute.
        b.update({ cadence: { ...c, attempt: c.attempt + 1 } });
        pushTimer(b, { ...c, attempt: c.attempt + 1 }, verdict.retryAt);
      } else {
        stopCadence(b, verdict.reason);
      }
      return;
    }
  } else {
    b.setNextAction('call_back', 0, renderStep(b, step.template));
  }
  b.event('cadence_step_done', 'system', { cadenceId: c.cadenceId, stepIndex: c.stepIndex, stepId: step.id, channel: step.channel });
  b.update({ cadence: { ...c, stepIndex: c.stepIndex + 1, lastStepAt: b.nowIso, attempt: 0 } });
  scheduleStep(b);
}

/** Schedules the current step, or completes the cadence when there is none left. */
function scheduleStep(b: DecisionBuilder): void {
  const c = b.lead().cadence!;
  const cadence: Cadence | undefined = b.policy.cadences[c.cadenceId];
  if (!cadence) return;
  const next = nextFollowUpAt({
    cadence,
    stepIndex: c.stepIndex,
    enrolledAt: new Date(c.enrolledAt),
    lastStepAt: c.lastStepAt ? new Date(c.lastStepAt) : null,
    calendar: b.policy.calendar,
  });
  if (next) {
    pushTimer(b, c, (next.at < b.now ? b.now : next.at).toISOString());
    return;
  }
  b.update({ cadence: { ...c, status: 'completed' } });
  b.event('cadence_completed', 'system', { cadenceId: c.cadenceId });
  const done = cadence.onComplete;
  if ('close' in done) {
    b.moveTo('closed_no_response');
    b.close('no_response');
  } else if ('moveTo' in done) {
    enroll(b, done.moveTo);
  }
}

function pushTimer(b: DecisionBuilder, c: CadenceState, fireAt: string): void {
  const timerId = `${b.lead().id}:c:${c.cadenceId}:${c.stepIndex}:${c.attempt}`;
  b.effects.push({ type: 'schedule_timer', effectId: b.nextId(), timerId, fireAt, timer: { kind: 'cadence_step', cadenceId: c.cadenceId, stepIndex: c.stepIndex, attempt: c.attempt } });
}

function renderStep(b: DecisionBuilder, template: string): string {
  return template.replace(/\{business\}/g, b.policy.businessName).replace(/\{bookingLink\}/g, b.policy.bookingLink ?? b.policy.contactNumberE164);
}
