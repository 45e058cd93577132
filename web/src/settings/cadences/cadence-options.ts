import type { CadenceCompletion, CadenceTiming } from '../types';

/** The kinds of `CadenceTiming`, as a Select value. */
export type TimingKind = 'any_time_gate_allows' | 'business_hours_only' | 'nextBusinessDayAt' | 'firstBusinessDayAt';

export const TIMING_OPTIONS: ReadonlyArray<{ value: TimingKind; label: string; explanation: string }> = [
  { value: 'any_time_gate_allows', label: 'Any time', explanation: "As soon as the wait is over; the customer's quiet hours still hold texts." },
  { value: 'business_hours_only', label: 'In business hours', explanation: 'As soon as the wait is over if the office is open, else at its next opening.' },
  { value: 'nextBusinessDayAt', label: 'Next business day at…', explanation: 'At a set time on the first business day after the wait ends.' },
  { value: 'firstBusinessDayAt', label: 'First business day at…', explanation: 'At a set time on the first business day, today included if the time is still ahead.' },
];

export function timingKind(timing: CadenceTiming): TimingKind {
  if (typeof timing === 'string') return timing;
  return 'nextBusinessDayAt' in timing ? 'nextBusinessDayAt' : 'firstBusinessDayAt';
}

/** The wall-clock time of a timing that has one, else null. */
export function timingTime(timing: CadenceTiming): string | null {
  if (typeof timing === 'string') return null;
  return 'nextBusinessDayAt' in timing ? timing.nextBusinessDayAt : timing.firstBusinessDayAt;
}

/** The timing of `kind`, keeping the time of `previous` when it had one (10:00 otherwise). */
export function timingOf(kind: TimingKind, previous: CadenceTiming): CadenceTiming {
  const at = timingTime(previous) ?? '10:00';
  if (kind === 'nextBusinessDayAt') return { nextBusinessDayAt: at };
  if (kind === 'firstBusinessDayAt') return { firstBusinessDayAt: at };
  return kind;
}

export const CHANNEL_OPTIONS: ReadonlyArray<{ value: 'sms' | 'call_task'; label: string }> = [
  { value: 'sms', label: 'Send a text' },
  { value: 'call_task', label: 'Create a call-back task' },
];

/** The kinds of `CadenceCompletion`, as a Select value. */
export type CompletionKind = 'close' | 'moveTo' | 'leaveOpen';

export const COMPLETION_OPTIONS: ReadonlyArray<{ value: CompletionKind; label: string }> = [
  { value: 'close', label: 'Close the lead as "no response"' },
  { value: 'moveTo', label: 'Move the lead to another cadence' },
  { value: 'leaveOpen', label: 'Stop automation, leave the lead open for a person' },
];

export function completionKind(c: CadenceCompletion): CompletionKind {
  if ('close' in c) return 'close';
  return 'moveTo' in c ? 'moveTo' : 'leaveOpen';
}

export function completionOf(kind: CompletionKind, moveTo: string): CadenceCompletion {
  if (kind === 'close') return { close: 'no_response' };
  if (kind === 'moveTo') return { moveTo };
  return { leaveOpen: true };
}
