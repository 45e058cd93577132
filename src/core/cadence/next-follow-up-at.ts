import { firstBusinessDayAt, nextBusinessDayAt, nextOpenAt, type BusinessCalendar } from './business-calendar.ts';
import type { Cadence, CadenceStep, CadenceTiming } from './cadence.ts';

/**
 * Where a lead stands in a cadence.
 * - `stepIndex`: the step to schedule next (0-based; 0 right after enrollment).
 * - `enrolledAt`: when the lead enrolled (for `missed_call`, the missed call / text-back).
 * - `lastStepAt`: when the previous step happened: the message went out or the task was created
 *   (for a message the gate held, when it finally went). `null` before the first step.
 * - `calendar`: the organization's business calendar.
 */
export interface NextFollowUpInput {
  cadence: Cadence;
  stepIndex: number;
  enrolledAt: Date;
  lastStepAt: Date | null;
  calendar: BusinessCalendar;
}

/** A step and the UTC instant it is due. */
export interface FollowUp {
  step: CadenceStep;
  at: Date;
}

/**
 * When the step at `stepIndex` of `cadence` is due (after documenso's `resolveNextReminderAt`, a pure
 * function of its arguments: no clock, no I/O).
 *
 * `base` = (`stepIndex === 0` ? `enrolledAt` : `lastStepAt`) + `step.delayMinutes`; then the step's
 * timing applies on `calendar` (see `CadenceTiming`): `'any_time_gate_allows'` → `base`;
 * `'business_hours_only'` → `nextOpenAt(base)`; `{ nextBusinessDayAt }` → that wall-clock time on the
 * first business day after the local date of `base`; `{ firstBusinessDayAt }` → the same, today
 * included while the time is ahead. The result is never before `base`, and may be in the past when
 * the caller is catching up: the caller runs a past-due step at once.
 *
 * Returns `null` when:
 * - `stepIndex` is past the last step (`stepIndex >= cadence.steps.length`): the cadence is done and
 *   the caller applies `cadence.onComplete`;
 * - the cadence has no steps at all (the same case at `stepIndex` 0).
 *
 * When `stepIndex > 0` and `lastStepAt` is `null` (no record of the previous step), `enrolledAt` is the
 * base, as documenso falls back from the last reminder to the send time.
 *
 * Throws `RangeError` (programmer or configuration errors, never a policy outcome) for a negative or
 * fractional `stepIndex`, an invalid date, a negative or non-finite `delayMinutes`, and whatever the
 * calendar functions throw (unknown time zone, malformed hours, no business day within
 * `MAX_SEARCH_DAYS`).
 */
export function nextFollowUpAt({ cadence, stepIndex, enrolledAt, lastStepAt, calendar }: NextFollowUpInput): FollowUp | null {
  if (!Number.isInteger(stepIndex) || stepIndex < 0) throw new RangeError(`stepIndex must be a whole number ≥ 0, got ${stepIndex}`);
  const step = cadence.steps[stepIndex];
  if (!step) return null;
  const previous = stepIndex === 0 ? enrolledAt : (lastStepAt ?? enrolledAt);
  if (Number.isNaN(previous.getTime())) throw new RangeError(`${stepIndex === 0 || !lastStepAt ? 'enrolledAt' : 'lastStepAt'} is an invalid Date`);
  if (!Number.isFinite(step.delayMinutes) || step.delayMinutes < 0) {
    throw new RangeError(`cadence ${cadence.id} step ${step.id}: delayMinutes must be finite and ≥ 0, got ${step.delayMinutes}`);
  }
  const base = new Date(previous.getTime() + step.delayMinutes * 60_000);
  return { step, at: applyTiming(calendar, base, step.timing) };
}

/**
 * The whole schedule of `cadence` for a lead enrolled at `enrolledAt` that never answers, each step
 * taken at the moment it is due: what a dispatcher's "next actions" preview shows. Pure; the real
 * schedule is recomputed step by step with `nextFollowUpAt` from when each step actually happened.
 */
export function planFollowUps(cadence: Cadence, enrolledAt: Date, calendar: BusinessCalendar): FollowUp[] {
  const plan: FollowUp[] = [];
  let lastStepAt: Date | null = null;
  for (let stepIndex = 0; ; stepIndex++) {
    const next = nextFollowUpAt({ cadence, stepIndex, enrolledAt, lastStepAt, calendar });
    if (!next) return plan;
    plan.push(next);
    lastStepAt = next.at;
  }
}

function applyTiming(calendar: BusinessCalendar, base: Date, timing: CadenceTiming): Date {
  if (timing === 'any_time_gate_allows') return base;
  if (timing === 'business_hours_only') return nextOpenAt(calendar, base);
  if ('nextBusinessDayAt' in timing) return nextBusinessDayAt(calendar, base, timing.nextBusinessDayAt);
  if ('firstBusinessDayAt' in timing) return firstBusinessDayAt(calendar, base, timing.firstBusinessDayAt);
  const unhandled: never = timing;
  throw new RangeError(`unknown cadence timing ${JSON.stringify(unhandled)}`);
}
