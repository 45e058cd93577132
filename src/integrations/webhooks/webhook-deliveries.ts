/**
 * The delivery log an organization sees (newest first, filtered), a replay of one delivery, and a
 * test message to one subscription. Replays and tests are sent at once, in the request, and answer
 * with the delivery as it stands after the attempt. Errors are `AppError`s: `RB_ERR_VALIDATION`
 * (400), `RB_ERR_NOT_FOUND` (404: unknown, or another organization's), `RB_ERR_CONFLICT` (409: the
 * subscription is disabled).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput } from '../../app/settings.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';
import { isUuid } from '../../db/ids.ts';
import { AppError } from '../../errors.ts';
import { attemptClaimedDelivery, CLAIM_LEASE_MS, type WebhookDeliveryDeps } from './deliver-due-webhooks.ts';
import { newMessageId } from './sign-webhook.ts';
import { WEBHOOK_TEST_TYPE } from './webhook-event-types.ts';
import { webhookBody } from './webhook-payload.ts';
import { lockSubscription } from './webhook-subscriptions.ts';

/** One delivery as the log shows it. Instants are ISO-8601 UTC. */
export interface WebhookDeliveryView {
  id: string;
  subscriptionId: string;
  eventType: string;
  /** The `webhook-id` header: the same on every attempt and replay. */
  messageId: string;
  status: 'pending' | 'delivered' | 'failed';
  /** Attempts so far (a replay starts counting again at 1). */
  attempts: number;
  /** When the next attempt is due (pending only; during an attempt, when its claim lapses). */
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  /** The first 500 characters of the receiver's last answer. */
  lastResponse: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** The message body: `{type, timestamp, data}`. */
  payload: Record<string, unknown>;
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

/** `GET /api/v1/webhooks/deliveries` query. */
export const deliveryQuerySchema = z.strictObject({
  subscriptionId: z.uuid('must be a subscription id').optional(),
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** How a session names its organization where it cannot send the header (access.ts); not a filter. */
  organizationId: z.string().optional(),
});

/** The row as the API shows it. */
export function deliveryView(row: DeliveryRow): WebhookDeliveryView {
  return {
    id: row.id,
    subscriptionId: row.subscriptionId,
    eventType: row.eventType,
    messageId: row.messageId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastResponse: row.lastResponse,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    // In the documented order, as sent (jsonb keeps keys in its own order).
    payload: JSON.parse(webhookBody(row.payload)) as Record<string, unknown>,
  };
}

/** The organization's deliveries, newest first, filtered by `query` (`deliveryQuerySchema`). */
export async function listDeliveries(deps: Pick<WebhookDeliveryDeps, 'database'>, organizationId: string, query: unknown): Promise<WebhookDeliveryView[]> {
  const q = parseInput(deliveryQuerySchema, query);
  const where: SQL[] = [eq(webhookDeliveries.organizationId, organizationId)];
  if (q.subscriptionId) where.push(eq(webhookDeliveries.subscriptionId, q.subscriptionId));
  if (q.status) where.push(eq(webhookDeliveries.status, q.status));
  const rows = await deps.database.db
    .select()
    .from(webhookDeliveries)
    .where(and(...where))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit);
  return rows.map(deliveryView);
}

/**
 * Sends delivery `id` again now: same `webhook-id` and body, a new timestamp and signature. The
 * delivery becomes pending with a fresh retry schedule (this attempt is attempt 1), so a replay that
 * fails is retried like a new message. Throws `RB_ERR_NOT_FOUND`, or `RB_ERR_CONFLICT` when the
 * subscription is disabled (enable it first).
 */
export async function replayDelivery(deps: WebhookDeliveryDeps, organizationId: string, id: string, now: Date): Promise<WebhookDeliveryView> {
  const claimed = await deps.database.db.transaction(async (tx) => {
    const [found] = isUuid(id)
      ? await tx
          .select({ delivery: webhookDeliveries, url: webhookSubscriptions.url, secretEnc: webhookSubscriptions.secretEnc, enabled: webhookSubscriptions.enabled })
          .from(webhookDeliveries)
          .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
          .where(and(eq(webhookDeliveries.organizationId, organizationId), eq(webhookDeliveries.id, id)))
          .for('update', { of: webhookDeliveries })
      : [];
    if (!found) throw new AppError('RB_ERR_NOT_FOUND', `No webhook delivery ${id} in this organization.`);
    if (!found.enabled) throw new AppError('RB_ERR_CONFLICT', 'The subscription is disabled: enable it before replaying its deliveries.');
    const [delivery] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', attempts: 1, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(eq(webhookDeliveries.id, found.delivery.id))
      .returning();
    return { delivery: delivery!, url: found.url, secretEnc: found.secretEnc };
  });
  const stored = await attemptClaimedDelivery(deps, claimed, now);
  return deliveryView(stored ?? claimed.delivery);
}

/**
 * Sends a `webhook.test` message to subscription `subscriptionId` now, whatever event types it
 * lists, and logs it like any delivery. It is attempted once (no retries): a failure shows at once.
 * Throws `RB_ERR_NOT_FOUND`, or `RB_ERR_CONFLICT` when the subscription is disabled.
 */
export async function sendTestMessage(deps: WebhookDeliveryDeps, organizationId: string, subscriptionId: string, now: Date): Promise<WebhookDeliveryView> {
  const claimed = await deps.database.db.transaction(async (tx) => {
    const subscription = await lockSubscription(tx, organizationId, subscriptionId);
    if (!subscription.enabled) throw new AppError('RB_ERR_CONFLICT', 'The subscription is disabled: enable it before sending a test message.');
    const payload = { type: WEBHOOK_TEST_TYPE, timestamp: now.toISOString(), data: { organizationId, subscriptionId: subscription.id, message: 'A test message from Ringback.' } };
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({
        id: randomUUID(),
        organizationId,
        subscriptionId: subscription.id,
        eventType: WEBHOOK_TEST_TYPE,
        messageId: newMessageId(),
        payload,
        status: 'pending',
        attempts: 1,
        nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
        createdAt: now,
      })
      .returning();
    return { delivery: delivery!, url: subscription.url, secretEnc: subscription.secretEnc };
  });
  const stored = await attemptClaimedDelivery(deps, claimed, now, { retry: false });
  return deliveryView(stored ?? claimed.delivery);
}
