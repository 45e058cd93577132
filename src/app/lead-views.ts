/** Read models of leads for the API and the demo pages, read from the lead rows and the event log. */
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { LeadState } from '../core/lead/lead-state.ts';
import type { Db } from '../db/client.ts';
import { liveBookingOfLead, type BookingView } from './bookings.ts';
import { listLeadFsmPushes, type FsmPushView } from '../integrations/fsm/fsm-pushes.ts';
import { contacts, events, leads, messages, tasks, users } from '../db/schema.ts';

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

/** A lead row with its contact, as the read models load it. */
export type LeadRow = { lead: typeof leads.$inferSelect; contact: typeof contacts.$inferSelect };
type Row = LeadRow;

/** Which leads a caller may see: the organization's, and for a technician only their own. */
export interface LeadScope {
  organizationId: string;
  /**
   * A user id: only leads whose owner, backup owner or next-action assignee this user is (roles
   * for which `seesAllLeads` is false, i.e. technicians); null: every lead of the organization.
   */
  visibleTo: string | null;
}

/** The SQL condition "this user owns, backs up or is assigned the lead" (on `leads.state`). */
export function visibleToUser(userId: string): SQL {
  return sql`(${leads.state}->>'owner' = ${userId} or ${leads.state}->>'backupOwner' = ${userId} or ${leads.state}->'nextAction'->>'assignee' = ${userId})`;
}

/** The scope's condition on `leads`: the organization, and the user's own leads when restricted. */
export function scopeCondition(scope: LeadScope): SQL {
  return and(eq(leads.organizationId, scope.organizationId), scope.visibleTo ? visibleToUser(scope.visibleTo) : undefined)!;
}

/** Whether the lead exists in the scope (the organization, and the technician's own leads). */
export async function isLeadVisible(db: Db, scope: LeadScope, leadId: string): Promise<boolean> {
  const [row] = await db.select({ id: leads.id }).from(leads).where(and(scopeCondition(scope), eq(leads.id, leadId)));
  return Boolean(row);
}

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
  /** Only leads this user owns, backs up or is assigned (technicians); absent or null: all. */
  visibleTo?: string | null;
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
        f.visibleTo ? visibleToUser(f.visibleTo) : undefined,
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
    messages: msgs.map(toMessageView),
  };
}

/** A person a lead is given to. */
export interface PersonRef {
  id: string;
  name: string;
}

/** A lead as the recovery queue shows it: the summary, its people, whether it is overdue, the customer's last word. */
export interface QueueItem extends LeadSummary {
  owner: PersonRef | null;
  backupOwner: PersonRef | null;
  /** True when the lead is open and its next action's due time has passed. */
  overdue: boolean;
  /** The customer's latest call, message or voicemail on the lead; `preview` is at most 140 characters. */
  lastInbound: { at: string; preview: string } | null;
}

/** `GET /api/v1/leads/:id`: the queue item with its whole timeline, messages and tasks. */
export interface LeadThread extends QueueItem {
  /** Oldest first. `actorName` is the person's name when `actor` is `user:<id>`, else null. */
  events: Array<{ type: string; at: string; actor: string; actorName: string | null; data: Record<string, unknown> }>;
  messages: LeadDetail['messages'];
  /** Every task the lead ever had, oldest first. */
  tasks: Array<{ id: string; type: string; status: string; reason: string | null; dueAt: string; assignee: string | null }>;
  /** The lead's live booking (issue 6), or null. */
  booking: BookingView | null;
  /** Pushes of the lead into the field-service system (issue 6), oldest first: status, attempts, last error. */
  integrations: FsmPushView[];
}

/** Event types that are the customer reaching out, newest of which is a lead's `lastInbound`. */
const INBOUND_EVENT_TYPES = ['call_missed', 'message_received', 'voicemail_recorded', 'voicemail_transcribed', 'caller_reported_emergency'];
const PREVIEW_MAX = 140;

/** Names of users by id (names are shown for people who own, back up or acted on the organization's leads). */
export async function userNames(db: Db, ids: Iterable<string>): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter(Boolean);
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function preview(type: string, data: Record<string, unknown>): string {
  const clip = (text: string) => (text.length > PREVIEW_MAX ? `${text.slice(0, PREVIEW_MAX - 1)}…` : text);
  switch (type) {
    case 'message_received':
      return clip(String(data.body ?? '').trim() || '(empty message)');
    case 'voicemail_transcribed':
      return typeof data.text === 'string' && data.text.trim() ? clip(`Voicemail: ${data.text.trim()}`) : 'Voicemail';
    case 'voicemail_recorded':
      return typeof data.durationSeconds === 'number' ? `Voicemail (${data.durationSeconds} s)` : 'Voicemail';
    case 'caller_reported_emergency':
      return 'Reported an emergency on the phone';
    default:
      return 'Missed call';
  }
}

/**
 * Turns lead rows into queue items (names of owners, overdue at `now`, the customer's last inbound
 * call or message), in the rows' order. Two queries whatever the number of rows.
 */
export async function toQueueItems(db: Db, organizationId: string, rows: LeadRow[], now: Date): Promise<QueueItem[]> {
  if (rows.length === 0) return [];
  const states = rows.map((r) => r.lead.state as Exclude<LeadState, { status: 'none' }>);
  const [names, inbound] = await Promise.all([
    userNames(db, states.flatMap((s) => [s.owner, s.backupOwner].filter((x): x is string => typeof x === 'string'))),
    db
      .selectDistinctOn([events.leadId], { leadId: events.leadId, type: events.type, at: events.at, data: events.data })
      .from(events)
      .where(and(eq(events.organizationId, organizationId), inArray(events.leadId, rows.map((r) => r.lead.id)), inArray(events.type, INBOUND_EVENT_TYPES)))
      .orderBy(events.leadId, desc(events.id)),
  ]);
  const lastByLead = new Map(inbound.map((e) => [e.leadId, { at: e.at.toISOString(), preview: preview(e.type, e.data) }]));
  const person = (id: string | null | undefined): PersonRef | null => (id ? { id, name: names.get(id) ?? 'Former team member' } : null);
  return rows.map((row, i) => {
    const s = states[i]!;
    const summary = toSummary(row);
    return {
      ...summary,
      owner: person(s.owner),
      backupOwner: person(s.backupOwner),
      overdue: row.lead.status === 'open' && s.nextAction !== null && Date.parse(s.nextAction.dueAt) < now.getTime(),
      lastInbound: lastByLead.get(row.lead.id) ?? null,
    };
  });
}

/**
 * One lead in the scope with everything the thread shows (contract `LeadDetail`), or null when the
 * scope has no such lead (another organization's, or not the technician's): callers answer 404.
 */
export async function getLeadThread(db: Db, scope: LeadScope, leadId: string, now: Date): Promise<LeadThread | null> {
  const [row] = await db
    .select({ lead: leads, contact: contacts })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(scopeCondition(scope), eq(leads.id, leadId)));
  if (!row) return null;
  const organizationId = scope.organizationId;
  const [[item], evs, msgs, taskRows, booking, integrations] = await Promise.all([
    toQueueItems(db, organizationId, [row], now),
    db.select().from(events).where(and(eq(events.organizationId, organizationId), eq(events.leadId, leadId))).orderBy(asc(events.id)),
    db.select().from(messages).where(and(eq(messages.organizationId, organizationId), eq(messages.leadId, leadId))).orderBy(asc(messages.createdAt)),
    db.select().from(tasks).where(and(eq(tasks.organizationId, organizationId), eq(tasks.leadId, leadId))).orderBy(asc(tasks.createdAt), asc(tasks.dueAt)),
    liveBookingOfLead(db, organizationId, leadId),
    listLeadFsmPushes(db, organizationId, leadId),
  ]);
  const names = await userNames(db, evs.map((e) => (e.actor.startsWith('user:') ? e.actor.slice(5) : '')));
  return {
    ...item!,
    events: evs.map((e) => ({ type: e.type, at: e.at.toISOString(), actor: e.actor, actorName: e.actor.startsWith('user:') ? (names.get(e.actor.slice(5)) ?? null) : null, data: e.data })),
    messages: msgs.map(toMessageView),
    tasks: taskRows.map((t) => ({ id: t.id, type: t.type, status: t.status, reason: t.reason, dueAt: t.dueAt.toISOString(), assignee: t.assignee })),
    booking,
    integrations,
  };
}

function toMessageView(m: typeof messages.$inferSelect): LeadDetail['messages'][number] {
  return {
    id: m.id,
    direction: m.direction,
    status: m.status,
    body: m.body,
    purpose: m.purpose,
    automated: m.automated,
    providerSid: m.providerSid,
    errorCode: m.errorCode,
    createdAt: m.createdAt.toISOString(),
  };
}
