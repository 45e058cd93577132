/**
 * Field-service pushes (issue 6, item 9): queues a push when a lead is booked (or, if the organization
 * chose `qualified`, when it asks for a visit). Runs inside the transaction that stores the lead's
 * events (`saveDecision` → `queueIntegrations`), so the push exists exactly when the fact does; the
 * worker (`run-due-fsm-pushes.ts`) sends it later, with retries. The booking itself never depends on
 * the push: a failing vendor leaves the booking and the lead as they are.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/client.ts';
import { fsmConnections, fsmPushes } from '../../db/schema.ts';
import type { LeadEvent } from '../../core/lead/events.ts';
import type { StoredLeadFacts } from '../queue-integrations.ts';
import type { FsmPushOn } from './fsm-config.ts';

/** A push the events call for: the booking to push, or null for a lead pushed when qualified. */
export interface PushTrigger {
  bookingId: string | null;
}

/**
 * Which pushes `events` call for under `pushOn` (pure):
 * - `booked`: one per `booking_created` (its `bookingId`);
 * - `qualified`: the first `stage_changed` to `appointment_requested` (bookingId null) or, when the
 *   lead was booked without asking first (a dispatcher booked it), the first `booking_created`.
 *   `alreadyPushed` (the lead has a push) makes `qualified` call for nothing: the lead is in the
 *   system already, and a rebooking or reschedule is the contractor's to handle there.
 */
export function pushTriggers(events: readonly LeadEvent[], pushOn: FsmPushOn, alreadyPushed: boolean): PushTrigger[] {
  if (pushOn === 'booked') {
    return events.filter((e) => e.type === 'booking_created' && typeof e.data.bookingId === 'string').map((e) => ({ bookingId: e.data.bookingId as string }));
  }
  if (alreadyPushed) return [];
  for (const e of events) {
    if (e.type === 'stage_changed' && e.data.to === 'appointment_requested') return [{ bookingId: null }];
    if (e.type === 'booking_created' && typeof e.data.bookingId === 'string') return [{ bookingId: e.data.bookingId }];
  }
  return [];
}

/**
 * Queues a push of the lead (and its booking) into the organization's field-service system, if it has
 * an enabled connection and the events call for one. One push per (lead, booking): the unique index
 * makes a repeat a no-op (`on conflict do nothing`). A qualified push has no booking (NULL), which the
 * index does not deduplicate, so it is checked first; the lead's row is locked by the caller, so two
 * transactions cannot both pass that check.
 */
export async function queueFsmPushes(tx: Tx, facts: StoredLeadFacts): Promise<void> {
  if (!facts.events.some((e) => e.type === 'booking_created' || (e.type === 'stage_changed' && e.data.to === 'appointment_requested'))) return;
  const [connection] = await tx
    .select({ provider: fsmConnections.provider, pushOn: fsmConnections.pushOn, enabled: fsmConnections.enabled })
    .from(fsmConnections)
    .where(eq(fsmConnections.organizationId, facts.organizationId));
  if (!connection?.enabled) return;
  let alreadyPushed = false;
  if (connection.pushOn === 'qualified') {
    const [existing] = await tx.select({ id: fsmPushes.id }).from(fsmPushes).where(and(eq(fsmPushes.organizationId, facts.organizationId), eq(fsmPushes.leadId, facts.leadId))).limit(1);
    alreadyPushed = Boolean(existing);
  }
  for (const trigger of pushTriggers(facts.events, connection.pushOn, alreadyPushed)) {
    if (trigger.bookingId === null) {
      const [existing] = await tx
        .select({ id: fsmPushes.id })
        .from(fsmPushes)
        .where(and(eq(fsmPushes.organizationId, facts.organizationId), eq(fsmPushes.leadId, facts.leadId), isNull(fsmPushes.bookingId)));
      if (existing) continue;
    }
    await tx
      .insert(fsmPushes)
      .values({
        id: randomUUID(),
        organizationId: facts.organizationId,
        leadId: facts.leadId,
        bookingId: trigger.bookingId,
        provider: connection.provider,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: facts.now,
        createdAt: facts.now,
        updatedAt: facts.now,
      })
      .onConflictDoNothing();
  }
}
