/** Read models of leads for the API and the demo pages, read from the lead rows and the event log. */
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { LeadState } from '../core/lead/lead-state.ts';
import type { Db } from '../db/client.ts';
import { contacts, events, leads, messages } from '../db/schema.ts';

/** A lead as the API shows it. Instants are ISO-8601; phone numbers E.164. */
export interface LeadSummary {
  id: string;
  status: 'open' | 'closed';
  stage: string;
  intent: string | null;
  safety: boolean;
  outcome: string | null;
  contact: { id: string; phone: string; name: string | null; optedOut: boolean };
  source: { number: string; leadSource: string | null };
  nextAction: { type: string; dueAt: string; assignee: string | null } | null;
  automation: { state: string; reason: string | null };
  createdAt: string;
  updatedAt: string;
}

export interface LeadDetail extends LeadSummary {
  events: Array<{ type: string; at: string; actor: string; data: Record<string, unknown> }>;
  messages: Array<{ id: string; direction: string; status: string; body: string; purpose: string; automated: boolean; providerSid: string | null; errorCode: number | null; createdAt: string }>;
}

type Row = { lead: typeof leads.$inferSelect; contact: typeof contacts.$inferSelect };

function toSummary({ lead, contact }: Row): LeadSummary {
  const s = lead.state as Exclude<LeadState, { status: 'none' }>;
  return {
    id: lead.id,
    status: lead.status,
    stage: lead.stage,
    intent: lead.intent,
    safety: s.safety ?? false,
    outcome: lead.outcome,
    contact: { id: contact.id, phone: contact.phoneE164, name: contact.name, optedOut: contact.optedOutAt !== null },
    source: { number: s.source.numberE164, leadSource: s.source.leadSource },
    nextAction: s.nextAction ? { type: s.nextAction.type, dueAt: s.nextAction.dueAt, assignee: s.nextAction.assignee } : null,
    automation: { state: s.automation.state, reason: s.automation.state === 'active' ? null : s.automation.reason },
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
  };
}

/** Filters of `listLeads`. `since` is an instant: leads created at or after it. `before` pages back (exclusive `createdAt`). */
export interface LeadFilters {
  stage?: string;
  intent?: string;
  status?: 'open' | 'closed';
  since?: Date;
  before?: Date;
  /** 1–200, default 50. */
  limit?: number;
}

/** The organization's leads, newest first. */
export async function listLeads(db: Db, organizationId: string, f: LeadFilters = {}): Promise<LeadSummary[]> {
  const rows = await db
    .select({ lead: leads, contact: contacts })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(
      and(
        eq(leads.organizationId, organizationId),
        f.stage ? eq(leads.stage, f.stage) : undefined,
        f.intent ? eq(leads.intent, f.intent) : undefined,
        f.status ? eq(leads.status, f.status) : undefined,
        f.since ? gte(leads.createdAt, f.since) : undefined,
        f.before ? lt(leads.createdAt, f.before) : undefined,
      ),
    )
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(f.limit ?? 50);
  return rows.map(toSummary);
}

/** One lead with its timeline and messages, or null when the organization has no such lead. */
export async function getLeadDetail(db: Db, organizationId: string, leadId: string): Promise<LeadDetail | null> {
  const [row] = await db
    .select({ lead: leads, contact: contacts })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(eq(leads.organizationId, organizationId), eq(leads.id, leadId)));
  if (!row) return null;
  const [evs, msgs] = await Promise.all([
    db
      .select()
      .from(events)
      .where(and(eq(events.organizationId, organizationId), eq(events.leadId, leadId)))
      .orderBy(asc(events.id)),
    db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, organizationId), eq(messages.leadId, leadId)))
      .orderBy(asc(messages.createdAt)),
  ]);
  return {
    ...toSummary(row),
    events: evs.map((e) => ({ type: e.type, at: e.at.toISOString(), actor: e.actor, data: e.data })),
    messages: msgs.map((m) => ({
      id: m.id,
      direction: m.direction,
      status: m.status,
      body: m.body,
      purpose: m.purpose,
      automated: m.automated,
      providerSid: m.providerSid,
      errorCode: m.errorCode,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}
