import { checkSendPolicy, type SendVerdict } from '../send-policy/check-send-policy.ts';
import type { Decision, DecisionRefusal, TaskToCreate } from './decide.ts';
import type { LeadEffect, MessagePurpose } from './effects.ts';
import type { LeadEvent } from './events.ts';
import type { LeadState, OpenOrClosedLead, Outcome, Stage } from './lead-state.ts';
import { renderTemplate, type MessageTemplates, type OrganizationPolicy } from './policy.ts';

/** Accumulates one decision; keeps `decide` and its route handlers readable. Internal to the core. */
export class DecisionBuilder {
  readonly events: LeadEvent[] = [];
  readonly effects: LeadEffect[] = [];
  readonly tasks: TaskToCreate[] = [];
  readonly canceledTaskIds: string[] = [];
  readonly nowIso: string;
  /** Set by `refuse`: the decision then carries nothing else. */
  private refusal: DecisionRefusal | null = null;
  /** The language replies go out in: the customer's, from triage or keyword detection. */
  language: 'en' | 'es' = 'en';

  private readonly initial: LeadState;

  constructor(
    public state: LeadState,
    readonly policy: OrganizationPolicy,
    readonly now: Date,
  ) {
    this.nowIso = now.toISOString();
    this.initial = state;
  }

  result(): Decision {
    if (this.refusal) return { nextState: this.initial, events: [], effects: [], tasks: [], canceledTaskIds: [], refused: this.refusal };
    return { nextState: this.state, events: this.events, effects: this.effects, tasks: this.tasks, canceledTaskIds: this.canceledTaskIds };
  }

  /** Refuses the whole input: `result()` then returns the state unchanged, no events, and `refused`. */
  refuse(reason: DecisionRefusal['reason'], detail: string): void {
    this.refusal = { reason, detail };
  }

  event(type: LeadEvent['type'], actor: string, data: Record<string, unknown>): void {
    this.events.push({ type, at: this.nowIso, actor, data });
    // The customer just reached out: replies within the window are exempt from quiet hours.
    if (actor === 'customer' && this.state.status !== 'none' && type !== 'call_answered') this.state = { ...this.state, lastInboundAt: this.nowIso };
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
      page: null,
      cadence: null,
      callSids: [],
      seq: 0,
      openedAt: this.nowIso,
      lastInboundAt: this.nowIso,
    };
    this.event('lead_opened', 'system', { stage, source: source.numberE164, leadSource: source.leadSource });
    return this.state;
  }

  nextId(prefix = ''): string {
    const lead = this.lead();
    this.update({ seq: lead.seq + 1 });
    return `${lead.id}:${prefix}${lead.seq + 1}`;
  }

  /** The template `name` in the lead's language, with `extra` variables (e.g. `{window}`) filled too. */
  render(name: keyof MessageTemplates, extra: Record<string, string> = {}): string {
    return renderTemplate(this.policy, name, this.language, extra);
  }

  /**
   * Queues a message through the send gate, or records why the gate refused it (`message_blocked`).
   * Returns the gate's verdict (`allowed` when queued). `actor` is who sends it (`system` for automation).
   */
  sendText(purpose: MessagePurpose, automated: boolean, body: string, actor = 'system'): SendVerdict {
    const verdict = checkSendPolicy(this.state, { purpose, automated }, this.policy, this.now);
    if (!verdict.allowed) {
      this.event('message_blocked', actor, { purpose, reason: verdict.reason, detail: verdict.detail, retryAt: verdict.retryAt ?? null });
      return verdict;
    }
    const effectId = this.nextId();
    const lead = this.lead();
    const to = lead.contact.phoneE164;
    this.effects.push({ type: 'send_message', effectId, to, from: lead.source.numberE164, body, purpose, automated });
    this.event('message_queued', actor, { effectId, purpose, automated, to, body });
    if (purpose === 'text_back') this.update({ textBack: { effectId, status: 'queued' } });
    if (automated && purpose !== 'booking_notice') {
      this.setContact({ recentAutomatedSendsAt: [...lead.contact.recentAutomatedSendsAt, this.nowIso] });
    }
    return verdict;
  }

  moveTo(stage: Stage, actor = 'system'): void {
    const lead = this.lead();
    if (lead.stage === stage) return;
    this.event('stage_changed', actor, { from: lead.stage, to: stage });
    this.update({ stage });
  }

  /** Gives the open lead a call-back task unless it has one due sooner (or `replace` is set). */
  ensureCallBackTask(dueInMinutes: number, reason: string, replace = false): void {
    const lead = this.lead();
    if (lead.status !== 'open') return;
    const dueAt = new Date(this.now.getTime() + dueInMinutes * 60_000).toISOString();
    if (lead.nextAction && !(replace && lead.nextAction.dueAt > dueAt)) return;
    this.setNextAction('call_back', dueInMinutes, reason);
  }

  /**
   * Makes a new task the lead's one next action, canceling the task it replaces (so an open lead has
   * exactly one open task). `assignee` is a user id or a role (`role:owner`), null while unassigned.
   */
  setNextAction(type: TaskToCreate['type'], dueInMinutes: number, reason: string, assignee: string | null = null): void {
    this.setNextActionAt(type, new Date(this.now.getTime() + dueInMinutes * 60_000).toISOString(), reason, assignee);
  }

  /** `setNextAction` with an absolute due instant (ISO-8601 UTC) and the actor recorded on the task events. */
  setNextActionAt(type: TaskToCreate['type'], dueAt: string, reason: string, assignee: string | null, actor = 'system'): void {
    const lead = this.lead();
    if (lead.status !== 'open') return;
    this.cancelNextAction(actor);
    const id = this.nextId('t');
    this.tasks.push({ id, type, dueAt, reason, assignee });
    this.event('task_created', actor, { taskId: id, taskType: type, dueAt, reason, assignee });
    this.update({ nextAction: { type, dueAt, assignee, taskId: id } });
  }

  private cancelNextAction(actor = 'system'): void {
    const taskId = this.lead().nextAction?.taskId;
    if (taskId) {
      this.canceledTaskIds.push(taskId);
      this.event('task_canceled', actor, { taskId });
    }
    this.update({ nextAction: null });
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

  close(outcome: Outcome, actor = 'system'): void {
    const lead = this.lead();
    if (lead.status === 'closed') return;
    if (lead.cadence?.status === 'active') {
      this.update({ cadence: { ...lead.cadence, status: 'stopped', reason: `closed_${outcome}` } });
      this.event('cadence_stopped', actor, { cadenceId: lead.cadence.cadenceId, reason: `closed_${outcome}` });
    }
    this.cancelNextAction(actor);
    this.event('lead_closed', actor, { outcome, stage: lead.stage });
    this.update({ status: 'closed', outcome, nextAction: null });
    if (lead.automation.state === 'active') this.update({ automation: { state: 'stopped', reason: `closed_${outcome}`, at: this.nowIso } });
  }
}
