/**
 * Emergency paging inside `decide`: page the on-call chain (primary, backup, owner), one person at a
 * time, each with `ackTimeoutMinutes` to accept before the next is paged (issue 3, item 5).
 */
import { onCallChain } from '../on-call/on-call-chain.ts';
import type { DecisionBuilder } from './decision-builder.ts';
import type { PageAcknowledged, TimerFired } from './inputs.ts';
import type { OpenOrClosedLead } from './lead-state.ts';

/** Starts a page for the lead unless one is already under way. `problem` is the customer's words. */
export function startPage(b: DecisionBuilder, problem: string, safety: boolean): void {
  const lead = b.lead();
  if (lead.page?.status === 'pending') return;
  const chain = onCallChain(b.policy.onCall, b.now);
  if (chain.length === 0) {
    b.event('escalated', 'system', { reason: 'no_on_call_configured', problem });
    b.setNextAction('escalate', 0, `EMERGENCY${safety ? ' (safety)' : ''}: nobody is on call; call the customer now`, 'role:owner');
    return;
  }
  const pageId = b.nextId('p');
  b.update({ page: { pageId, chain, level: 0, status: 'pending', pagedAt: b.nowIso, acknowledgedBy: null, problem } });
  pageLevel(b, 0);
  b.setNextAction('escalate', 0, `EMERGENCY${safety ? ' (safety)' : ''}: on-call paged, waiting for acceptance`);
}

/** The on-call person accepted: stop re-paging and make the call-back theirs. Unknown or ended pages are no-ops. */
export function acknowledgePage(b: DecisionBuilder, input: PageAcknowledged): void {
  const lead = b.lead();
  const page = lead.page;
  if (!page || page.pageId !== input.pageId || page.status !== 'pending') return;
  const person = page.chain.find((p) => p.phoneE164 === input.byPhoneE164);
  b.update({ page: { ...page, status: 'acknowledged', acknowledgedBy: person?.name ?? input.byPhoneE164 } });
  b.event('page_acknowledged', person ? `oncall:${person.name}` : 'oncall', { pageId: page.pageId, by: person?.name ?? null, via: input.via, level: page.level });
  b.setNextAction('call_back', 0, `Emergency accepted by ${person?.name ?? input.byPhoneE164}: call the customer`, person ? `oncall:${person.name}` : null);
}

/** A page's acceptance timer fired: page the next person, or escalate when the chain is exhausted. */
export function onPageTimer(b: DecisionBuilder, input: TimerFired): void {
  if (input.timer.kind !== 'page_escalation') return;
  const lead = b.state.status === 'none' ? null : b.lead();
  const page = lead?.page;
  // A late, repeated or stale timer (the page was accepted, or already moved on) does nothing.
  if (!lead || !page || page.pageId !== input.timer.pageId || page.status !== 'pending' || page.level !== input.timer.level) return;
  const next = page.level + 1;
  if (next < page.chain.length) {
    b.update({ page: { ...page, level: next, pagedAt: b.nowIso } });
    pageLevel(b, next);
    return;
  }
  b.update({ page: { ...page, status: 'exhausted' } });
  b.event('page_exhausted', 'system', { pageId: page.pageId, paged: page.chain.map((p) => p.name) });
  if (lead.status === 'open') b.setNextAction('escalate', 0, 'EMERGENCY: nobody accepted the page; call the customer now', 'role:owner');
}

function pageLevel(b: DecisionBuilder, level: number): void {
  const lead = b.lead() as OpenOrClosedLead;
  const page = lead.page!;
  const person = page.chain[level]!;
  const customer = lead.contact.phoneE164;
  const problem = page.problem.length > 240 ? `${page.problem.slice(0, 237)}...` : page.problem;
  const smsBody = `${b.policy.businessName} EMERGENCY: customer ${customer} reports: "${problem}". Reply 1 to accept.`;
  const sayText = `Emergency page from ${b.policy.businessName}. Customer ${spokenPhone(customer)} reports: ${problem}. Press 1 to accept.`;
  b.effects.push({ type: 'page_on_call', effectId: b.nextId(), pageId: page.pageId, level, to: person.phoneE164, personName: person.name, from: lead.source.numberE164, smsBody, sayText });
  b.event('page_sent', 'system', { pageId: page.pageId, level, to: person.phoneE164, name: person.name });
  const fireAt = new Date(b.now.getTime() + b.policy.onCall.ackTimeoutMinutes * 60_000).toISOString();
  const timerId = `${page.pageId}:l${level}`;
  b.effects.push({ type: 'schedule_timer', effectId: b.nextId(), timerId, fireAt, timer: { kind: 'page_escalation', pageId: page.pageId, level } });
}

/** "+15125550123" → "5 1 2, 5 5 5, 0 1 2 3" so text-to-speech reads digits, not a number. */
function spokenPhone(e164: string): string {
  const d = e164.replace(/^\+1/, '').replace(/\D/g, '');
  return [d.slice(0, 3), d.slice(3, 6), d.slice(6)].map((g) => g.split('').join(' ')).join(', ');
}
