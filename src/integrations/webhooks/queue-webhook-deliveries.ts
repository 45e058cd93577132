/** Outbound webhooks (issue 6, item 8): queues deliveries for stored lead events. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';
import type { StoredLeadFacts } from '../queue-integrations.ts';
import { newMessageId } from './sign-webhook.ts';
import { webhookTypeOf } from './webhook-event-types.ts';
import { buildWebhookPayload } from './webhook-payload.ts';

/**
 * Queues one delivery per matching subscription for each webhook-worthy event in `facts`, in `tx`
 * (the transaction that stores the events: both commit or neither does). Each event gets one
 * message id (`msg_…`), shared by every subscription's delivery of it and kept on every retry and
 * replay, so a receiver can drop duplicates by `webhook-id`. Only enabled subscriptions that list
 * the event's type get a delivery; it is due at `facts.now`. Costs no query when no event maps to
 * a webhook type, one select plus one insert otherwise.
 */
export async function queueWebhookDeliveries(tx: Tx, facts: StoredLeadFacts): Promise<void> {
  const worthy = facts.events.flatMap((event) => {
    const type = webhookTypeOf(event.type);
    return type ? [{ event, type }] : [];
  });
  if (worthy.length === 0) return;
  const subscriptions = await tx
    .select({ id: webhookSubscriptions.id, eventTypes: webhookSubscriptions.eventTypes })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.organizationId, facts.organizationId), eq(webhookSubscriptions.enabled, true)));
  if (subscriptions.length === 0) return;
  const rows: (typeof webhookDeliveries.$inferInsert)[] = [];
  for (const { event, type } of worthy) {
    const listening = subscriptions.filter((s) => s.eventTypes.includes(type));
    if (listening.length === 0) continue;
    const messageId = newMessageId();
    const payload = buildWebhookPayload(type, event, { organizationId: facts.organizationId, leadId: facts.leadId }, facts.state);
    for (const s of listening) {
      rows.push({
        id: randomUUID(),
        organizationId: facts.organizationId,
        subscriptionId: s.id,
        eventType: type,
        messageId,
        payload: payload as unknown as Record<string, unknown>,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: facts.now,
        createdAt: facts.now,
      });
    }
  }
  if (rows.length > 0) await tx.insert(webhookDeliveries).values(rows);
}
