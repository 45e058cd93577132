/**
 * The shell around `decide`: one input, one transaction (webhook receipt, state, events, outbox),
 * then the new effects go to the queue. A crash anywhere loses nothing and doubles nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { decide, type Decision } from '../core/lead/decide.ts';
import type { LeadInput } from '../core/lead/inputs.ts';
import type { LeadSource } from '../core/lead/lead-state.ts';
import type { OrganizationPolicy } from '../core/lead/policy.ts';
import type { Database, Tx } from '../db/client.ts';
import { contacts, leads, webhookRequests } from '../db/schema.ts';
import { loadLeadState, lockContactByPhone, saveDecision } from './lead-store.ts';
import { liveUpdates, type LiveUpdates } from './live-updates.ts';

/** Inputs whose decision may queue a message to the customer: only these need the 24 h send count. */
const MAY_SEND: ReadonlySet<LeadInput['type']> = new Set(['call_missed', 'message_received', 'voicemail_transcribed', 'caller_reported_emergency', 'person_message_requested']);

/** Which lead an input belongs to: the contact's open lead (by phone), or a known lead. */
export type LeadTarget =
  | { by: 'phone'; phoneE164: string; source: LeadSource }
  | { by: 'lead'; leadId: string };

/** The webhook request behind an input, stored in the same transaction; `dedupeKey` makes retries no-ops. */
export interface WebhookReceipt {
  path: string;
  params: Record<string, unknown>;
  dedupeKey: string;
}

export interface RecordLeadInputDeps {
  database: Database;
  /** Hands committed effect ids to the effect queue (after commit, never inside the transaction). */
  dispatch: (effectIds: string[]) => Promise<void>;
  /** Where committed lead changes are announced (the open app's live updates); default the process-wide hub. */
  liveUpdates?: LiveUpdates;
}

export interface RecordResult {
  /** True when the webhook was a retry already processed; nothing else happened. */
  duplicate: boolean;
  leadId: string | null;
  decision: Decision | null;
}

/** Thrown when a `by: 'lead'` target names no lead of the organization. */
export class LeadNotFoundError extends Error {}

/**
 * Records `input` for the organization: loads the lead (locking the contact row, so inputs for one
 * contact serialise), calls `decide`, stores everything in one transaction, then dispatches effects.
 * `extra` runs inside the same transaction after the decision is stored (e.g. marking an effect done).
 * A decision `decide` refused (`decision.refused`, a person's request it cannot apply) stores nothing;
 * the caller reads the refusal from the result. After commit, a decision with events publishes a
 * `LeadUpdate` (`reason` = the input type) to `deps.liveUpdates`.
 */
export async function recordLeadInput(
  deps: RecordLeadInputDeps,
  org: { id: string; policy: OrganizationPolicy },
  target: LeadTarget,
  input: LeadInput,
  opts: { now: Date; webhook?: WebhookReceipt; excludeEffectId?: string; extra?: (tx: Tx) => Promise<void> },
): Promise<RecordResult> {
  const { now } = opts;
  const outcome = await deps.database.db.transaction(async (tx) => {
    if (opts.webhook) {
      const inserted = await tx
        .insert(webhookRequests)
        .values({ id: randomUUID(), organizationId: org.id, path: opts.webhook.path, params: opts.webhook.params, dedupeKey: opts.webhook.dedupeKey, outcome: 'processed', receivedAt: now })
        .onConflictDoNothing()
        .returning({ id: webhookRequests.id });
      if (inserted.length === 0) return { duplicate: true, leadId: null, decision: null, effectIds: [] as string[] };
    }
    let contact;
    let source: LeadSource;
    let leadId: string | undefined;
    if (target.by === 'phone') {
      contact = await lockContactByPhone(tx, org.id, target.phoneE164);
      source = target.source;
    } else {
      // One statement: the lead's contact, locked (contact first, as on the phone path: no deadlock).
      const [row] = await tx
        .select({ contact: contacts, state: leads.state })
        .from(leads)
        .innerJoin(contacts, eq(contacts.id, leads.contactId))
        .where(and(eq(leads.organizationId, org.id), eq(leads.id, target.leadId)))
        .for('update', { of: contacts });
      if (!row) throw new LeadNotFoundError(`No lead ${target.leadId} in this organization`);
      contact = row.contact;
      source = row.state.source;
      leadId = target.leadId;
    }
    const before = await loadLeadState(tx, contact, {
      leadId,
      source,
      now,
      excludeEffectId: opts.excludeEffectId,
      skipRecentSends: !MAY_SEND.has(input.type),
    });
    const decision = decide(before, input, org.policy, now);
    const effectIds = decision.refused ? [] : await saveDecision(tx, before, decision, now);
    await opts.extra?.(tx);
    const after = decision.nextState;
    return { duplicate: false, leadId: after.status === 'none' ? null : after.id, decision, effectIds };
  });
  if (outcome.leadId && outcome.decision && outcome.decision.events.length > 0) {
    (deps.liveUpdates ?? liveUpdates).publish({ organizationId: org.id, leadId: outcome.leadId, reason: input.type });
  }
  if (outcome.effectIds.length > 0) await deps.dispatch(outcome.effectIds);
  return { duplicate: outcome.duplicate, leadId: outcome.leadId, decision: outcome.decision };
}
