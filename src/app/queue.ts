/**
 * The recovery queue (issue 5, the home screen): every lead that needs a person in one list, safety
 * emergencies first, then other emergencies, then by next-action due time (no due time last), with
 * filters and the counts the queue's header shows.
 */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { contacts, leads } from '../db/schema.ts';
import { scopeCondition, toQueueItems, type LeadScope, type QueueItem } from './lead-views.ts';

/** Filters of `recoveryQueue`; absent ones do not narrow. Instants are `Date`s. */
export interface QueueFilters {
  stage?: string;
  intent?: string;
  /** `emergency`: intent emergency or a safety flag; `normal`: neither. */
  urgency?: 'emergency' | 'normal';
  /** A user id (the lead's owner), or `none` for unowned leads. The route turns `me` into the caller's id. */
  owner?: string;
  /**
   * Free text: leads whose lead source contains it (case-insensitive), or whose tracking number
   * contains its digits (when it has at least 3).
   */
  source?: string;
  /** True: only open leads whose next action is past due at `now`. */
  overdue?: boolean;
  /** Leads created at or after `from` and at or before `to`. */
  from?: Date;
  to?: Date;
  /** Default `open`. */
  status?: 'open' | 'closed';
  /** 1–500, default 200. */
  limit?: number;
}

/** `GET /api/v1/queue`: the items, and counts over the caller's open leads whatever the filters. */
export interface QueueResult {
  items: QueueItem[];
  counts: { open: number; overdue: number; emergencies: number };
}

const dueAt = sql`(${leads.state}->'nextAction'->>'dueAt')::timestamptz`;
// coalesce: a null intent must make `not isEmergency` true, not null.
const isEmergency = sql`(coalesce(${leads.intent}, '') = 'emergency' or coalesce(${leads.state}->>'safety', '') = 'true')`;
const isSafety = sql`${leads.state}->>'safety' = 'true'`;
const isOverdue = (now: Date) => sql`(${leads.status} = 'open' and ${dueAt} < ${now.toISOString()}::timestamptz)`;

/** Escapes `%`, `_` and `\` for a LIKE pattern. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function filterConditions(f: QueueFilters, now: Date): Array<SQL | undefined> {
  const source = f.source?.trim();
  const digits = source?.replace(/\D/g, '') ?? '';
  return [
    eq(leads.status, f.status ?? 'open'),
    f.stage ? eq(leads.stage, f.stage) : undefined,
    f.intent ? eq(leads.intent, f.intent) : undefined,
    f.urgency === 'emergency' ? isEmergency : f.urgency === 'normal' ? sql`not ${isEmergency}` : undefined,
    f.owner === 'none' ? sql`coalesce(${leads.state}->>'owner', '') = ''` : f.owner ? sql`${leads.state}->>'owner' = ${f.owner}` : undefined,
    source
      ? digits.length >= 3
        ? sql`(${leads.state}->'source'->>'leadSource' ilike ${`%${likeEscape(source)}%`} or ${leads.state}->'source'->>'numberE164' like ${`%${digits}%`})`
        : sql`${leads.state}->'source'->>'leadSource' ilike ${`%${likeEscape(source)}%`}`
      : undefined,
    f.overdue ? isOverdue(now) : undefined,
    f.from ? gte(leads.createdAt, f.from) : undefined,
    f.to ? lte(leads.createdAt, f.to) : undefined,
  ];
}

/**
 * The queue for `scope` at `now`. Open leads are ordered safety emergencies, emergencies, then by
 * next-action due time ascending (none last), then oldest first; closed leads most recently changed
 * first. `counts` cover the scope's open leads (not narrowed by the filters): all, overdue, emergencies.
 */
export async function recoveryQueue(db: Db, scope: LeadScope, f: QueueFilters, now: Date): Promise<QueueResult> {
  const order =
    (f.status ?? 'open') === 'open'
      ? [sql`case when ${isSafety} then 0 when ${leads.intent} = 'emergency' then 1 else 2 end`, sql`${dueAt} asc nulls last`, asc(leads.createdAt), asc(leads.id)]
      : [desc(leads.updatedAt), desc(leads.id)];
  const [rows, [counts]] = await Promise.all([
    db
      .select({ lead: leads, contact: contacts })
      .from(leads)
      .innerJoin(contacts, eq(contacts.id, leads.contactId))
      .where(and(scopeCondition(scope), ...filterConditions(f, now)))
      .orderBy(...order)
      .limit(f.limit ?? 200),
    db
      .select({
        open: sql<number>`count(*)::int`,
        overdue: sql<number>`(count(*) filter (where ${isOverdue(now)}))::int`,
        emergencies: sql<number>`(count(*) filter (where ${isEmergency}))::int`,
      })
      .from(leads)
      .where(and(scopeCondition(scope), eq(leads.status, 'open'))),
  ]);
  return {
    items: await toQueueItems(db, scope.organizationId, rows, now),
    counts: { open: Number(counts?.open ?? 0), overdue: Number(counts?.overdue ?? 0), emergencies: Number(counts?.emergencies ?? 0) },
  };
}
