/**
 * The `send_message` effect handler: claims the outbox row (so a retry or a second worker does
 * nothing twice), re-checks the send gate with fresh state, calls the provider, and records the
 * result through `decide` in the same transaction that marks the row done.
 */
import { and, eq, or, lt, sql } from 'drizzle-orm';
import type { SendMessage } from '../core/lead/effects.ts';
import { checkSendPolicy } from '../core/send-policy/check-send-policy.ts';
import { recordLeadInput, type RecordLeadInputDeps } from '../app/record-lead-input.ts';
import { findOrganizationById, type OrganizationRow } from '../app/organizations.ts';
import { loadLeadState, lockContactById } from '../app/lead-store.ts';
import type { CredentialCipher } from '../crypto/credentials.ts';
import type { Tx } from '../db/client.ts';
import { effects, leads } from '../db/schema.ts';
import { ProviderUnavailableError, type TelephonyProvider } from '../telephony/provider.ts';

/** How long a claimed row stays ours before another worker may take it over (ms). */
export const EFFECT_LEASE_MS = 60_000;

export interface RunEffectDeps extends RecordLeadInputDeps {
  cipher: CredentialCipher;
  providerFor: (org: OrganizationRow) => TelephonyProvider;
  /** `PUBLIC_URL`, for the StatusCallback. */
  publicUrl: string;
  clock: () => Date;
}

/**
 * Runs one outbox effect. Returns `skipped` when the row is done or another worker holds it.
 * `final` (the queue's last retry) turns a transient provider failure into a recorded failure;
 * otherwise the row goes back to `pending` and `ProviderUnavailableError` is rethrown for a retry.
 */
export async function runEffect(deps: RunEffectDeps, effectId: string, opts: { final: boolean }): Promise<'done' | 'skipped' | 'retry'> {
  const now = deps.clock();
  const [row] = await deps.database.db
    .update(effects)
    .set({ status: 'running', attempts: sql`${effects.attempts} + 1`, lockedUntil: new Date(now.getTime() + EFFECT_LEASE_MS) })
    .where(and(eq(effects.id, effectId), or(eq(effects.status, 'pending'), and(eq(effects.status, 'running'), lt(effects.lockedUntil, now)))))
    .returning();
  if (!row) return 'skipped';
  const org = await findOrganizationById(deps.database.db, row.organizationId);
  if (!org) throw new Error(`effect ${effectId}: organization ${row.organizationId} is gone`);
  const effect = row.payload as unknown as SendMessage;
  const markDone = (tx: Tx) => tx.update(effects).set({ status: 'done', completedAt: deps.clock(), lockedUntil: null }).where(eq(effects.id, effectId)).then(() => {});
  const settle = (result: Parameters<typeof settleInput>[1]) =>
    recordLeadInput(deps, org, { by: 'lead', leadId: row.leadId }, settleInput(effectId, result), { now: deps.clock(), extra: markDone });

  const verdict = await gateAtSendTime(deps, org, row.leadId, effect, now);
  if (!verdict.allowed) {
    await settle({ outcome: 'blocked', reason: verdict.reason });
    return 'done';
  }
  try {
    const result = await deps.providerFor(org).sendMessage({
      account: { accountSid: org.twilioAccountSid ?? '', authToken: deps.cipher.decrypt(org.twilioAuthTokenEnc ?? '') },
      to: effect.to,
      from: effect.from,
      messagingServiceSid: org.messagingServiceSid,
      body: effect.body,
      statusCallbackUrl: `${deps.publicUrl}/webhooks/twilio/sms/status`,
    });
    await settle(
      result.ok
        ? { outcome: 'accepted', messageSid: result.sid, providerStatus: result.status }
        : { outcome: 'rejected', errorCode: result.errorCode, message: result.message },
    );
    return 'done';
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    if (opts.final) {
      await settle({ outcome: 'rejected', errorCode: err.errorCode, message: `Provider unavailable: ${err.message}` });
      return 'done';
    }
    await deps.database.db.update(effects).set({ status: 'pending', lockedUntil: null, lastError: err.message }).where(eq(effects.id, effectId));
    throw err;
  }
}

function settleInput(
  effectId: string,
  result:
    | { outcome: 'accepted'; messageSid: string; providerStatus: string }
    | { outcome: 'rejected'; errorCode: number | null; message: string }
    | { outcome: 'blocked'; reason: string },
) {
  return { type: 'message_send_settled' as const, effectId, result };
}

/** The send gate again, on fresh state: an opt-out that arrived after queueing wins. */
async function gateAtSendTime(deps: RunEffectDeps, org: OrganizationRow, leadId: string, effect: SendMessage, now: Date) {
  return deps.database.db.transaction(async (tx) => {
    const [lead] = await tx.select({ contactId: leads.contactId, state: leads.state }).from(leads).where(and(eq(leads.organizationId, org.id), eq(leads.id, leadId)));
    if (!lead) return { allowed: false as const, reason: 'lead_closed' as const };
    const contact = await lockContactById(tx, org.id, lead.contactId);
    if (!contact) return { allowed: false as const, reason: 'lead_closed' as const };
    const state = await loadLeadState(tx, contact, { leadId, source: lead.state.source, now, excludeEffectId: effect.effectId });
    return checkSendPolicy(state, { purpose: effect.purpose, automated: effect.automated, effectId: effect.effectId }, org.policy, now);
  });
}
