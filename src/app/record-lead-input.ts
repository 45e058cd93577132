/**
 * The shell around `decide`: one input, one transaction (webhook receipt, state, events, outbox),
 * then the new effects go to the queue. A crash anywhere loses nothing and doubles nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { decide, type Decision } from '../core/lead/decide.ts';
import type { LeadInput } from '../core/lead/inputs.ts';
import type { LeadSource, LeadState } from '../core/lead/lead-state.ts';
import type { OrganizationPolicy } from '../core/lead/policy.ts';
import type { Database, Tx } from '../db/client.ts';
import { contacts, leads, webhookRequests } from '../db/schema.ts';
import { loadLeadState, lockContactByPhone, saveDecision } from './lead-store.ts';
import { bookingContextFor, newBookingLinkToken, storeBookingLink } from './booking-links.ts';
import { liveUpdates, type LiveUpdates } from './live-updates.ts';

/** Inputs whose decision may queue a message to the customer: only these need the 24 h send count. */
const MAY_SEND: ReadonlySet<LeadInput['type']> = new Set(['call_missed', 'message_received', 'voicemail_transcribed', 'caller_reported_emergency', 'person_message_requested', 'slot_unavailable']);

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
  /** `PUBLIC_URL`, for booking links in slot offers; without it offers carry no link. */
  publicUrl?: string;
}

export interface RecordResult {
  /** True when the webhook was a retry already processed; nothing else happened. */
  duplicate: boolean;
  leadId: string | null;
  decision: Decision | null;
}

/** Thrown when a `by: 'lead'` target names no lead of the organization. */
export class LeadNotFoundError extends Error {}

/** What `recordLeadInput` does inside its transaction; `RecordResult` plus the effects to dispatch after commit. */
export interface RecordedInTransaction extends RecordResult {
  effectIds: string[];
}

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
  opts: RecordOptions,
): Promise<RecordResult> {
  const outcome = await deps.database.db.transaction((tx) => recordLeadInputInTransaction(tx, deps, org, target, input, opts));
  await announceRecorded(deps, org, input, outcome);
  return { duplicate: outcome.duplicate, leadId: outcome.leadId, decision: outcome.decision };
}

/** Options of `recordLeadInput`. */
export interface RecordOptions {
  now: Date;
  webhook?: WebhookReceipt;
  excludeEffectId?: string;
  extra?: (tx: Tx) => Promise<void>;
}

/**
 * `recordLeadInput`'s transaction body, for callers that store something else in the same transaction
 * (a booking row): they then call `announceRecorded` after commit. For a customer's message or
 * voicemail transcript the booking context (openings, a fresh booking link) is added to the input here,
 * and the link is stored when the decision sent it.
 */
export async function recordLeadInputInTransaction(
  tx: Tx,
  deps: RecordLeadInputDeps,
  org: { id: string; policy: OrganizationPolicy },
  target: LeadTarget,
  input: LeadInput,
  opts: RecordOptions,
): Promise<RecordedInTransaction> {
  const { now } = opts;
  if (opts.webhook) {
    const inserted = await tx
      .insert(webhookRequests)
      .values({ id: randomUUID(), organizationId: org.id, path: opts.webhook.path, params: opts.webhook.params, dedupeKey: opts.webhook.dedupeKey, outcome: 'processed', receivedAt: now })
      .onConflictDoNothing()
      .returning({ id: webhookRequests.id });
    if (inserted.length === 0) return { duplicate: true, leadId: null, decision: null, effectIds: [] };
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
  const wantsContext = (input.type === 'message_received' || input.type === 'voicemail_transcribed') && !input.booking && mayOfferSlots(org.policy, before);
  const link = wantsContext && deps.publicUrl ? newBookingLinkToken() : null;
  const enriched = wantsContext ? { ...input, booking: await bookingContextFor(tx, org, now, link ? `${deps.publicUrl}${link.path}` : null) } : input;
  const decision = decide(before, enriched, org.policy, now);
  const effectIds = decision.refused ? [] : await saveDecision(tx, before, decision, now);
  const after = decision.nextState;
  if (link && !decision.refused && after.status !== 'none' && decision.events.some((e) => e.type === 'slot_offered' && e.data.link)) {
    await storeBookingLink(tx, org, after.id, link, now);
  }
  await opts.extra?.(tx);
  return { duplicate: false, leadId: after.status === 'none' ? null : after.id, decision, effectIds };
}

/**
 * Whether a customer's message could be answered with openings: some intent routes to `offer_booking`,
 * or the lead has an open slot offer the message may answer. Otherwise the booking context (a read of
 * every live booking) is skipped on the webhook path.
 */
function mayOfferSlots(policy: OrganizationPolicy, lead: LeadState): boolean {
  if (lead.status !== 'none' && lead.slotOffer) return true;
  return Object.values(policy.routing).includes('offer_booking');
}

/** After commit: publishes the lead update (when the decision has events) and dispatches the new effects. */
export async function announceRecorded(deps: RecordLeadInputDeps, org: { id: string }, input: Pick<LeadInput, 'type'>, outcome: RecordedInTransaction): Promise<void> {
  if (outcome.leadId && outcome.decision && outcome.decision.events.length > 0) {
    (deps.liveUpdates ?? liveUpdates).publish({ organizationId: org.id, leadId: outcome.leadId, reason: input.type });
  }
  if (outcome.effectIds.length > 0) await deps.dispatch(outcome.effectIds);
}
