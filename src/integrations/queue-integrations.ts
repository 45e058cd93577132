/**
 * The integrations' outbox: called by `saveDecision` inside the transaction that stores a lead's
 * events, so an outbound webhook delivery or a field-service push is queued exactly when the fact it
 * reports is stored (both commit or neither does). Delivery happens later, with retries.
 */
import type { LeadEvent } from '../core/lead/events.ts';
import type { LeadState } from '../core/lead/lead-state.ts';
import type { Tx } from '../db/client.ts';
import { queueFsmPushes } from './fsm/queue-fsm-pushes.ts';
import { queueWebhookDeliveries } from './webhooks/queue-webhook-deliveries.ts';

/** What one stored decision hands to the integrations: the lead after the decision and its new events. */
export interface StoredLeadFacts {
  organizationId: string;
  leadId: string;
  /** The lead's state after the decision. */
  state: LeadState;
  events: readonly LeadEvent[];
  now: Date;
}

/** Queues the outbound webhook deliveries and field-service pushes `facts` call for, in `tx`. */
export async function queueIntegrations(tx: Tx, facts: StoredLeadFacts): Promise<void> {
  await queueWebhookDeliveries(tx, facts);
  await queueFsmPushes(tx, facts);
}
