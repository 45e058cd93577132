/**
 * Effect handlers: claim the outbox row (so a retry or a second worker does nothing twice), do the
 * effect, and record the result through `decide` in the transaction that marks the row done.
 * `send_message` re-checks the send gate on fresh state first: an opt-out that arrived after the
 * message was queued wins.
 */
import { and, eq, lt, or, sql } from 'drizzle-orm';
import twilio from 'twilio';
import type { BookSlot, BridgeCall, LeadEffect, PageOnCall, ScheduleTimer, SendMessage } from '../core/lead/effects.ts';
import type { CallBridgeSettled, MessageSendSettled, SlotUnavailable } from '../core/lead/inputs.ts';
import { createBooking } from '../app/bookings.ts';
import { bookingContextFor, issueBookingLink } from '../app/booking-links.ts';
import { AppError } from '../errors.ts';
import { checkSendPolicy } from '../core/send-policy/check-send-policy.ts';
import { recordLeadInput, type RecordLeadInputDeps } from '../app/record-lead-input.ts';
import { findOrganizationById, type OrganizationRow } from '../app/organizations.ts';
import { loadLeadState } from '../app/lead-store.ts';
import type { CredentialCipher } from '../crypto/credentials.ts';
import type { Tx } from '../db/client.ts';
import { contacts, effects, leads } from '../db/schema.ts';
import { ProviderUnavailableError, type ProviderAccount, type TelephonyProvider } from '../telephony/provider.ts';

/** How long a claimed row stays ours before another worker may take it over (ms). */
export const EFFECT_LEASE_MS = 60_000;
/** How long an organization row is reused between effects (ms): policy edits apply within this. */
const ORG_CACHE_MS = 5_000;

export interface RunEffectDeps extends RecordLeadInputDeps {
  cipher: CredentialCipher;
  providerFor: (org: OrganizationRow) => TelephonyProvider;
  /** `PUBLIC_URL`, for StatusCallback and page-acknowledgement URLs. */
  publicUrl: string;
  clock: () => Date;
  /** Hands a timer to the durable timer queue; it comes back as a `timer_fired` input at `fireAt`. */
  scheduleTimer: (t: { organizationId: string; leadId: string; effect: ScheduleTimer }) => Promise<void>;
  logger?: { warn(obj: object, msg: string): void };
}

type Settlement = MessageSendSettled['result'];

const orgCache = new Map<string, { org: OrganizationRow; at: number }>();

async function organization(deps: RunEffectDeps, id: string): Promise<OrganizationRow> {
  const hit = orgCache.get(id);
  if (hit && Date.now() - hit.at < ORG_CACHE_MS) return hit.org;
  const org = await findOrganizationById(deps.database.db, id);
  if (!org) throw new Error(`organization ${id} is gone`);
  orgCache.set(id, { org, at: Date.now() });
  return org;
}

/**
 * Runs one outbox effect. Returns `skipped` when the row is done or another worker holds it.
 * `final` (the queue's last retry) turns a transient provider failure into a recorded failure;
 * otherwise the row goes back to `pending` and `ProviderUnavailableError` is rethrown for a retry.
 */
export async function runEffect(deps: RunEffectDeps, effectId: string, opts: { final: boolean }): Promise<'done' | 'skipped'> {
  const now = deps.clock();
  const [row] = await deps.database.db
    .update(effects)
    .set({ status: 'running', attempts: sql`${effects.attempts} + 1`, lockedUntil: new Date(now.getTime() + EFFECT_LEASE_MS) })
    .where(and(eq(effects.id, effectId), or(eq(effects.status, 'pending'), and(eq(effects.status, 'running'), lt(effects.lockedUntil, now)))))
    .returning();
  if (!row) return 'skipped';
  const org = await organization(deps, row.organizationId);
  const effect = row.payload as unknown as LeadEffect;
  const markDone = (tx: Tx) => tx.update(effects).set({ status: 'done', completedAt: deps.clock(), lockedUntil: null }).where(eq(effects.id, effectId)).then(() => {});
  const account: ProviderAccount = { accountSid: org.twilioAccountSid ?? '', authToken: deps.cipher.decrypt(org.twilioAuthTokenEnc ?? '') };
  try {
    switch (effect.type) {
      case 'send_message': {
        const result = await sendMessage(deps, org, row.leadId, effect, account, now);
        await recordLeadInput(deps, org, { by: 'lead', leadId: row.leadId }, { type: 'message_send_settled', effectId, result }, { now: deps.clock(), extra: markDone });
        return 'done';
      }
      case 'page_on_call':
        await page(deps, org, row.leadId, effect, account);
        await deps.database.db.transaction(markDone);
        return 'done';
      case 'notify_staff': {
        const result = await deps.providerFor(org).sendMessage({ account, to: effect.to, from: effect.from, messagingServiceSid: null, body: effect.body, statusCallbackUrl: `${deps.publicUrl}/webhooks/twilio/sms/status` });
        if (!result.ok) deps.logger?.warn({ effectId, errorCode: result.errorCode }, 'staff notification refused');
        await deps.database.db.transaction(markDone);
        return 'done';
      }
      case 'schedule_timer':
        await deps.scheduleTimer({ organizationId: org.id, leadId: row.leadId, effect });
        await deps.database.db.transaction(markDone);
        return 'done';
      case 'book_slot':
        await bookSlot(deps, org, row.leadId, effect, markDone);
        return 'done';
      case 'bridge_call': {
        const result = await bridgeCall(deps, org, effect, account);
        await recordLeadInput(deps, org, { by: 'lead', leadId: row.leadId }, { type: 'call_bridge_settled', effectId, result }, { now: deps.clock(), extra: markDone });
        return 'done';
      }
      default: {
        const unhandled: never = effect;
        throw new Error(`unknown effect ${JSON.stringify(unhandled)}`);
      }
    }
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    if (opts.final && effect.type === 'send_message') {
      const result: Settlement = { outcome: 'rejected', errorCode: err.errorCode, message: `Provider unavailable: ${err.message}` };
      await recordLeadInput(deps, org, { by: 'lead', leadId: row.leadId }, { type: 'message_send_settled', effectId, result }, { now: deps.clock(), extra: markDone });
      return 'done';
    }
    if (opts.final && effect.type === 'bridge_call') {
      const result: CallBridgeSettled['result'] = { outcome: 'failed', errorCode: err.errorCode, message: `Provider unavailable: ${err.message}` };
      await recordLeadInput(deps, org, { by: 'lead', leadId: row.leadId }, { type: 'call_bridge_settled', effectId, result }, { now: deps.clock(), extra: markDone });
      return 'done';
    }
    await deps.database.db.update(effects).set({ status: 'pending', lockedUntil: null, lastError: err.message }).where(eq(effects.id, effectId));
    throw err;
  }
}

/**
 * The customer picked an offered window by text: book it (source `sms`, actor `customer`). When it
 * filled meanwhile, the lead records `slot_unavailable` with fresh openings (a new offer goes out);
 * when the lead got booked another way meanwhile, nothing more happens. The outbox row is marked done
 * in the same transaction either way.
 */
async function bookSlot(deps: RunEffectDeps, org: OrganizationRow, leadId: string, effect: BookSlot, markDone: (tx: Tx) => Promise<void>): Promise<void> {
  const now = deps.clock();
  try {
    await createBooking(deps, org, { leadId, start: effect.start, end: effect.end, jobType: effect.jobType, source: 'sms', actor: 'customer' }, now, { extra: markDone });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'RB_ERR_SLOT_UNAVAILABLE') {
      const booking = await bookingContextFor(deps.database.db, org, now, null);
      const link = deps.publicUrl ? await issueBookingLink(deps.database.db, org, leadId, now, deps.publicUrl) : null;
      const input: SlotUnavailable = { type: 'slot_unavailable', effectId: effect.effectId, start: effect.start, end: effect.end, booking: { ...booking, link: link?.url ?? null } };
      await recordLeadInput(deps, org, { by: 'lead', leadId }, input, { now, extra: markDone });
      return;
    }
    deps.logger?.warn({ effectId: effect.effectId, code: err.code }, 'slot reply not booked');
    await deps.database.db.transaction(markDone);
  }
}

async function sendMessage(deps: RunEffectDeps, org: OrganizationRow, leadId: string, effect: SendMessage, account: ProviderAccount, now: Date): Promise<Settlement> {
  await lookUpLineTypeOnce(deps, org, effect.to, account);
  const verdict = await gateAtSendTime(deps, org, leadId, effect, now);
  if (!verdict.allowed) return { outcome: 'blocked', reason: verdict.reason };
  const result = await deps.providerFor(org).sendMessage({
    account,
    to: effect.to,
    from: effect.from,
    messagingServiceSid: org.messagingServiceSid,
    body: effect.body,
    statusCallbackUrl: `${deps.publicUrl}/webhooks/twilio/sms/status`,
  });
  return result.ok
    ? { outcome: 'accepted', messageSid: result.sid, providerStatus: result.status }
    : { outcome: 'rejected', errorCode: result.errorCode, message: result.message };
}

/**
 * Pages one on-call person: an SMS (reply 1 to accept) and a call whose `<Gather>` accepts on 1.
 * Pages and overdue notifications go to the organization's own people, not to customers: they are not
 * consumer messaging, so they do not pass `checkSendPolicy`, which judges a customer's consent and
 * quiet hours (docs/decisions/0005).
 */
async function page(deps: RunEffectDeps, org: OrganizationRow, leadId: string, effect: PageOnCall, account: ProviderAccount): Promise<void> {
  const provider = deps.providerFor(org);
  const sms = await provider.sendMessage({ account, to: effect.to, from: effect.from, messagingServiceSid: null, body: effect.smsBody, statusCallbackUrl: `${deps.publicUrl}/webhooks/twilio/sms/status` });
  const response = new twilio.twiml.VoiceResponse();
  const ackUrl = `${deps.publicUrl}/webhooks/twilio/voice/page-ack?org=${org.id}&lead=${leadId}&page=${encodeURIComponent(effect.pageId)}`;
  const gather = response.gather({ numDigits: 1, action: ackUrl, method: 'POST', timeout: 10 });
  gather.say({ voice: 'Polly.Joanna' }, effect.sayText);
  response.say({ voice: 'Polly.Joanna' }, 'No answer received. Goodbye.');
  const call = await provider.placeCall({ account, to: effect.to, from: effect.from, twiml: response.toString() });
  if (!sms.ok && !call.ok) throw new ProviderUnavailableError(`page to ${effect.personName} refused: ${sms.message}`, sms.httpStatus, sms.errorCode);
}

/**
 * Click-to-call: calls the person's phone from the organization's number; when they answer, the
 * TwiML says who is being called and `<Dial>`s the customer with the organization's number as caller
 * id (the number the customer called, so they know who rings). A call a person starts by hand to a
 * customer who called first: not automated consumer messaging, so no `checkSendPolicy`.
 * Throws `ProviderUnavailableError` when the provider's retries ran out (the queue retries).
 */
async function bridgeCall(deps: RunEffectDeps, org: OrganizationRow, effect: BridgeCall, account: ProviderAccount): Promise<CallBridgeSettled['result']> {
  const response = new twilio.twiml.VoiceResponse();
  response.say({ voice: 'Polly.Joanna' }, `${org.policy.businessName}: connecting you to the customer.`);
  const dial = response.dial({ callerId: effect.from, timeout: 30 });
  dial.number(effect.customerPhone);
  const call = await deps.providerFor(org).placeCall({ account, to: effect.agentPhone, from: effect.from, twiml: response.toString() });
  if (call.ok) return { outcome: 'placed', callSid: call.sid };
  deps.logger?.warn({ effectId: effect.effectId, errorCode: call.errorCode }, 'bridge call refused');
  return { outcome: 'failed', errorCode: call.errorCode, message: call.message };
}

/**
 * Looks up the recipient's line type once per contact (a paid Twilio lookup) and caches it on the
 * contact, so the gate can keep texts from landlines. A failed lookup leaves it unknown: the text goes.
 */
async function lookUpLineTypeOnce(deps: RunEffectDeps, org: OrganizationRow, e164: string, account: ProviderAccount): Promise<void> {
  const provider = deps.providerFor(org);
  if (!provider.lookupLineType) return;
  const [contact] = await deps.database.db
    .select({ id: contacts.id, lineType: contacts.lineType })
    .from(contacts)
    .where(and(eq(contacts.organizationId, org.id), eq(contacts.phoneE164, e164)));
  if (!contact || contact.lineType) return;
  let lineType = 'unknown';
  try {
    lineType = await provider.lookupLineType(account, e164);
  } catch {
    return; // unknown this time; the next message tries again
  }
  await deps.database.db.update(contacts).set({ lineType }).where(eq(contacts.id, contact.id));
}

/** The send gate again, on fresh state, without a transaction: two reads (lead + contact, recent sends). */
async function gateAtSendTime(deps: RunEffectDeps, org: OrganizationRow, leadId: string, effect: SendMessage, now: Date) {
  const [row] = await deps.database.db
    .select({ state: leads.state, contact: contacts })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(eq(leads.organizationId, org.id), eq(leads.id, leadId)));
  if (!row) return { allowed: false as const, reason: 'lead_closed' as const };
  const state = await loadLeadState(deps.database.db, row.contact, { leadId, source: row.state.source, now, excludeEffectId: effect.effectId, preloaded: row.state });
  return checkSendPolicy(state, { purpose: effect.purpose, automated: effect.automated, effectId: effect.effectId }, org.policy, now);
}
