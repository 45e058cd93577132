/**
 * The morning review queue (issue 4, item 4; the field's daily missed-lead review): every open lead
 * that needs a person, emergencies first, then by due time (overdue first), each with the reason.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { LeadState } from '../core/lead/lead-state.ts';
import type { Db } from '../db/client.ts';
import { contacts, leads, tasks } from '../db/schema.ts';
import { visibleToUser } from './lead-views.ts';

/** One row of the review queue. Instants are ISO-8601; `overdueMinutes` is 0 when not yet due. */
export interface ReviewItem {
  leadId: string;
  phone: string;
  stage: string;
  intent: string | null;
  safety: boolean;
  task: { id: string; type: string; reason: string | null; dueAt: string; assignee: string | null };
  overdueMinutes: number;
  automation: string;
}

/**
 * The open tasks of open leads, ordered: safety emergencies, then other emergencies, then by due
 * time, oldest first. `now` decides what is overdue. `visibleTo` (a user id) keeps only the leads
 * that user owns, backs up or is assigned (technicians); null keeps all.
 */
export async function reviewQueue(db: Db, organizationId: string, now: Date, limit = 200, visibleTo: string | null = null): Promise<ReviewItem[]> {
  const rows = await db
    .select({ task: tasks, lead: { id: leads.id, stage: leads.stage, intent: leads.intent, state: leads.state }, phone: contacts.phoneE164 })
    .from(tasks)
    .innerJoin(leads, eq(leads.id, tasks.leadId))
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(eq(tasks.organizationId, organizationId), eq(leads.organizationId, organizationId), eq(tasks.status, 'open'), eq(leads.status, 'open'), visibleTo ? visibleToUser(visibleTo) : undefined))
    .orderBy(asc(tasks.dueAt))
    .limit(limit);
  const rank = (r: (typeof rows)[number]) => {
    const s = r.lead.state as Exclude<LeadState, { status: 'none' }>;
    return s.safety ? 0 : r.lead.intent === 'emergency' ? 1 : 2;
  };
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.task.dueAt.getTime() - b.task.dueAt.getTime())
    .map((r) => {
      const s = r.lead.state as Exclude<LeadState, { status: 'none' }>;
      return {
        leadId: r.lead.id,
        phone: r.phone,
        stage: r.lead.stage,
        intent: r.lead.intent,
        safety: s.safety ?? false,
        task: { id: r.task.id, type: r.task.type, reason: r.task.reason, dueAt: r.task.dueAt.toISOString(), assignee: r.task.assignee },
        overdueMinutes: Math.max(0, Math.floor((now.getTime() - r.task.dueAt.getTime()) / 60_000)),
        automation: s.automation.state,
      };
    });
}
