/**
 * Loads a lead's state for `decide` and stores a decision: the database side of the recovery loop.
 * Everything here runs inside the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, ne, notInArray, sql } from 'drizzle-orm';
import type { Decision } from '../core/lead/decide.ts';
import type { ContactSnapshot, LeadSource, LeadState } from '../core/lead/lead-state.ts';
import type { Db, Tx } from '../db/client.ts';
import { contacts, effects, events, leads, messages, tasks } from '../db/schema.ts';
import { queueIntegrations } from '../integrations/queue-integrations.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Replies to the customer's own keyword, safety instructions and booking notices: not counted toward the 24 h cap (see `checkSendPolicy`). */
const KEYWORD_REPLY_PURPOSES = ['opt_out_confirmation', 'opt_in_confirmation', 'help', 'safety_instructions', 'booking_notice'];

type ContactRow = typeof contacts.$inferSelect;

/** Finds or creates the contact for `phoneE164` and locks its row until the transaction ends. */
export async function lockContactByPhone(tx: Tx, organizationId: string, phoneE164: string): Promise<ContactRow> {
  const [row] = await tx
    .insert(contacts)
    .values({ id: randomUUID(), organizationId, phoneE164 })
    .onConflictDoUpdate({ target: [contacts.organizationId, contacts.phoneE164], set: { phoneE164 } })
    .returning();
  if (!row) throw new Error('contact upsert returned nothing');
  return row;
}

/** The id of the contact's open lead (by phone), or null. */
export async function findOpenLeadIdByPhone(db: Db, organizationId: string, phoneE164: string): Promise<string | null> {
  const [row] = await db
    .select({ id: leads.id })
    .from(leads)
    .innerJoin(contacts, eq(contacts.id, leads.contactId))
    .where(and(eq(leads.organizationId, organizationId), eq(contacts.organizationId, organizationId), eq(contacts.phoneE164, phoneE164), eq(leads.status, 'open')));
  return row?.id ?? null;
}

/**
 * Builds the `LeadState` for `decide`: the given lead (or the contact's open lead), else a `none`
 * state with a fresh id. `excludeEffectId` leaves one queued message out of the 24 h count (the
 * message being re-checked at send time).
 */
export async function loadLeadState(
  tx: Tx | Db,
  contact: ContactRow,
  opts: { leadId?: string; source: LeadSource; now: Date; excludeEffectId?: string; preloaded?: LeadState; skipRecentSends?: boolean },
): Promise<LeadState> {
  const leadWhere = opts.leadId
    ? and(eq(leads.organizationId, contact.organizationId), eq(leads.id, opts.leadId))
    : and(eq(leads.organizationId, contact.organizationId), eq(leads.contactId, contact.id), eq(leads.status, 'open'));
  const [leadRow] = opts.preloaded ? [{ state: opts.preloaded }] : await tx.select({ state: leads.state }).from(leads).where(leadWhere).for('update');
  const recent = opts.skipRecentSends
    ? []
    : await tx
    .select({ createdAt: messages.createdAt, effectId: messages.effectId })
    .from(messages)
    .where(
      and(
        eq(messages.organizationId, contact.organizationId),
        eq(messages.contactId, contact.id),
        eq(messages.automated, true),
        eq(messages.direction, 'outbound'),
        ne(messages.status, 'blocked'),
        notInArray(messages.purpose, KEYWORD_REPLY_PURPOSES),
        gt(messages.createdAt, new Date(opts.now.getTime() - DAY_MS)),
      ),
    );
  const snapshot: ContactSnapshot = {
    id: contact.id,
    phoneE164: contact.phoneE164,
    zip: contact.zip,
    lineType: contact.lineType,
    optedOut: contact.optedOutAt ? { at: contact.optedOutAt.toISOString(), method: contact.optOutMethod ?? 'unknown' } : null,
    recentAutomatedSendsAt: recent
      .filter((m) => m.effectId !== opts.excludeEffectId)
      .map((m) => m.createdAt.toISOString()),
  };
  if (leadRow) return { ...leadRow.state, contact: snapshot };
  return { status: 'none', id: randomUUID(), organizationId: contact.organizationId, contact: snapshot, source: opts.source };
}

/**
 * Stores a decision: the lead row, the contact's consent, the events, the outbox effects, the tasks,
 * and the messages the events describe. Returns the ids of the new effects (to hand to the queue).
 */
export async function saveDecision(tx: Tx, before: LeadState, decision: Decision, now: Date): Promise<string[]> {
  const { nextState: state } = decision;
  const organizationId = state.organizationId;
  const contactId = state.contact.id;
  if (state.status !== 'none') {
    const { contact: _contact, ...stored } = state;
    const row = {
      status: state.status,
      stage: state.stage,
      intent: state.intent,
      outcome: state.outcome,
      state: { ...stored, contact: { ...state.contact, recentAutomatedSendsAt: [] } } as LeadState,
      updatedAt: now,
    };
    if (before.status === 'none') {
      await tx.insert(leads).values({ id: state.id, organizationId, contactId, createdAt: now, ...row });
    } else {
      await tx.update(leads).set(row).where(and(eq(leads.organizationId, organizationId), eq(leads.id, state.id)));
    }
  }
  const optedOutBefore = before.contact.optedOut;
  const optedOutAfter = state.contact.optedOut;
  if (JSON.stringify(optedOutBefore) !== JSON.stringify(optedOutAfter)) {
    const words = decision.events.find((e) => e.type === 'opted_out')?.data.words;
    await tx
      .update(contacts)
      .set(
        optedOutAfter
          ? { optedOutAt: new Date(optedOutAfter.at), optOutMethod: optedOutAfter.method, optOutWords: typeof words === 'string' ? words : null }
          : { optedOutAt: null, optOutMethod: null, optOutWords: null },
      )
      .where(and(eq(contacts.organizationId, organizationId), eq(contacts.id, contactId)));
  }
  const leadId = state.status === 'none' ? null : state.id;
  if (decision.events.length > 0) {
    await tx.insert(events).values(
      decision.events.map((e) => ({ organizationId, leadId, contactId, type: e.type, at: new Date(e.at), actor: e.actor, data: e.data })),
    );
  }
  if (decision.tasks.length > 0 && leadId) {
    await tx.insert(tasks).values(
      decision.tasks.map((t) => ({ id: t.id, organizationId, leadId, type: t.type, status: 'open' as const, assignee: t.assignee, reason: t.reason, dueAt: new Date(t.dueAt), createdAt: now })),
    );
  }
  if (decision.canceledTaskIds.length > 0) {
    await tx
      .update(tasks)
      .set({ status: 'canceled', doneAt: now })
      .where(and(eq(tasks.organizationId, organizationId), inArray(tasks.id, decision.canceledTaskIds), eq(tasks.status, 'open')));
  }
  await projectMessages(tx, decision, { organizationId, leadId, contactId, now });
  if (decision.effects.length > 0 && leadId) {
    await tx.insert(effects).values(
      decision.effects.map((e) => ({
        id: e.effectId,
        organizationId,
        leadId,
        type: e.type,
        payload: { ...e },
        status: 'pending' as const,
        createdAt: now,
      })),
    );
  }
  if (leadId && decision.events.length > 0) await queueIntegrations(tx, { organizationId, leadId, state, events: decision.events, now });
  return decision.effects.map((e) => e.effectId);
}

/** Keeps the `messages` table (the inbox view) in step with the message events of a decision. */
async function projectMessages(
  tx: Tx,
  decision: Decision,
  ctx: { organizationId: string; leadId: string | null; contactId: string; now: Date },
): Promise<void> {
  const { organizationId, leadId, contactId, now } = ctx;
  if (!leadId) return;
  const inserts: (typeof messages.$inferInsert)[] = [];
  for (const e of decision.events) {
    const d = e.data;
    if (e.type === 'message_received') {
      inserts.push({ id: randomUUID(), organizationId, leadId, contactId, direction: 'inbound', status: 'received', body: String(d.body ?? ''), purpose: 'inbound', automated: false, providerSid: String(d.messageSid), createdAt: now });
    } else if (e.type === 'message_queued') {
      inserts.push({ id: randomUUID(), organizationId, leadId, contactId, direction: 'outbound', status: 'queued', body: String(d.body), purpose: String(d.purpose), automated: Boolean(d.automated), effectId: String(d.effectId), createdAt: now });
    } else if (e.type === 'message_sent' && d.effectId) {
      await tx.update(messages).set({ status: 'sent', providerSid: String(d.messageSid), sentAt: now }).where(and(eq(messages.organizationId, organizationId), eq(messages.effectId, String(d.effectId))));
    } else if ((e.type === 'message_failed' || e.type === 'message_blocked') && d.effectId) {
      await tx.update(messages).set({ status: e.type === 'message_failed' ? 'failed' : 'blocked', errorCode: typeof d.errorCode === 'number' ? d.errorCode : null }).where(and(eq(messages.organizationId, organizationId), eq(messages.effectId, String(d.effectId))));
    } else if ((e.type === 'message_delivered' || e.type === 'message_failed' || e.type === 'message_status_changed') && d.messageSid) {
      await tx
        .update(messages)
        .set({ status: String(d.status), errorCode: typeof d.errorCode === 'number' ? d.errorCode : null })
        .where(and(eq(messages.organizationId, organizationId), eq(messages.providerSid, String(d.messageSid)), sql`${messages.status} <> 'delivered'`));
    }
  }
  if (inserts.length > 0) await tx.insert(messages).values(inserts).onConflictDoNothing();
}
