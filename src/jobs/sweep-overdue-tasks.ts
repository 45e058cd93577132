/**
 * Finds open leads whose next-action task passed its next escalation time
 * (`dueAt + policy.overdueNotifyMinutes[level]`) and records `task_overdue` for the next level.
 * A worker runs it every minute; `decide` makes a repeated or late sweep harmless.
 */
import { and, eq, sql } from 'drizzle-orm';
import { recordLeadInput, type RecordLeadInputDeps } from '../app/record-lead-input.ts';
import { findOrganizationById } from '../app/organizations.ts';
import type { LeadState } from '../core/lead/lead-state.ts';
import { leads } from '../db/schema.ts';

/** How many overdue leads one sweep handles at most (the rest wait for the next sweep). */
const SWEEP_BATCH = 500;

/** Records the next overdue level for every lead that reached it at `now`. Returns how many were recorded. */
export async function sweepOverdueTasks(deps: RecordLeadInputDeps, now: Date): Promise<number> {
  const rows = await deps.database.db
    .select({ id: leads.id, organizationId: leads.organizationId, state: leads.state })
    .from(leads)
    .where(and(eq(leads.status, 'open'), sql`(${leads.state}->'nextAction'->>'dueAt')::timestamptz <= ${now.toISOString()}::timestamptz`))
    .limit(SWEEP_BATCH);
  let recorded = 0;
  const orgs = new Map<string, Awaited<ReturnType<typeof findOrganizationById>>>();
  for (const row of rows) {
    const state = row.state as Exclude<LeadState, { status: 'none' }>;
    const next = state.nextAction;
    if (!next?.taskId) continue;
    if (!orgs.has(row.organizationId)) orgs.set(row.organizationId, await findOrganizationById(deps.database.db, row.organizationId));
    const org = orgs.get(row.organizationId);
    if (!org) continue;
    const level = (next.overdueLevel ?? -1) + 1;
    const after = org.policy.overdueNotifyMinutes[level];
    if (after === undefined || Date.parse(next.dueAt) + after * 60_000 > now.getTime()) continue;
    await recordLeadInput(deps, org, { by: 'lead', leadId: row.id }, { type: 'task_overdue', taskId: next.taskId, level }, { now });
    recorded += 1;
  }
  return recorded;
}
