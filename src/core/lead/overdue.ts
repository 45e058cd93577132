/**
 * Overdue next actions (issue 4, item 4): an overdue task notifies its owner, then the backup, then
 * the manager, each `policy.overdueNotifyMinutes[level]` minutes after the task was due.
 */
import { onCallChain, type OnCallPerson } from '../on-call/on-call-chain.ts';
import type { DecisionBuilder } from './decision-builder.ts';
import type { TaskOverdue } from './inputs.ts';

const WHO = ['owner', 'backup', 'manager'] as const;

/**
 * Who is notified at `level`: 0 the task's assignee when it names an on-call person (`oncall:<name>`),
 * else whoever is on call now; 1 the next person on call; 2 the rotation's owner (the manager).
 * Null when nobody with a phone fills that role; the event still shows the escalation.
 */
export function overdueRecipient(b: DecisionBuilder, assignee: string | null, level: number): OnCallPerson | null {
  const chain = onCallChain(b.policy.onCall, b.now);
  const owner = b.policy.onCall.owner;
  const staff = chain.filter((p) => p.phoneE164 !== owner?.phoneE164);
  if (level >= 2) return owner;
  if (level === 0) {
    const named = assignee?.startsWith('oncall:') ? staff.find((p) => p.name === assignee.slice('oncall:'.length)) : undefined;
    if (named) return named;
    if (assignee === 'role:owner' || assignee === 'role:manager') return owner;
    return staff[0] ?? owner;
  }
  const first = overdueRecipient(b, assignee, 0);
  return staff.find((p) => p.phoneE164 !== first?.phoneE164) ?? null;
}

/** Notifies the next escalation level of an overdue task, once per level; stale or repeated inputs do nothing. */
export function onTaskOverdue(b: DecisionBuilder, input: TaskOverdue): void {
  if (b.state.status !== 'open') return;
  const lead = b.lead();
  const next = lead.nextAction;
  if (!next || next.taskId !== input.taskId || (next.overdueLevel ?? -1) >= input.level || input.level > 2) return;
  const person = overdueRecipient(b, next.assignee, input.level);
  b.update({ nextAction: { ...next, overdueLevel: input.level } });
  b.event('task_overdue', 'system', { taskId: input.taskId, level: input.level, notify: WHO[input.level], to: person?.name ?? null, dueAt: next.dueAt });
  if (!person) return;
  const minutes = Math.max(0, Math.round((b.now.getTime() - Date.parse(next.dueAt)) / 60_000));
  const body = `${b.policy.businessName}: OVERDUE ${minutes} min: ${next.type.replace('_', ' ')} for ${lead.contact.phoneE164}${input.level > 0 ? ` (escalated: ${WHO[input.level]})` : ''}.`;
  b.effects.push({ type: 'notify_staff', effectId: b.nextId(), to: person.phoneE164, personName: person.name, from: lead.source.numberE164, body });
}
