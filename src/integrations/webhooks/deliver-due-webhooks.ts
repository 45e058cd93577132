/**
 * The delivery worker's step: claims due deliveries, sends each once, records the outcome and the
 * next retry (retry-schedule.ts). Workers call it about once a second (webhook-worker.ts); tests
 * call it with their own clock.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { CredentialCipher } from '../../crypto/credentials.ts';
import type { Database } from '../../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';
import { postWebhook, type WebhookAttemptResult } from './post-webhook.ts';
import { nextRetryAt } from './retry-schedule.ts';
import { signedHeaders } from './sign-webhook.ts';
import { webhookBody } from './webhook-payload.ts';

/** What delivering needs: the database, the cipher that opens signing secrets, a logger. */
export interface WebhookDeliveryDeps {
  database: Database;
  cipher: CredentialCipher;
  logger: Logger;
}

/** Deliveries one step claims at most (the rest wait for the next step, or another worker). */
export const DELIVERY_BATCH = 20;
/**
 * How long a claim keeps other workers off a delivery (ms): longer than an attempt can take
 * (`WEBHOOK_TIMEOUT_MS`), so two workers never send one delivery at once; if the claiming worker
 * dies mid-attempt, the delivery is due again when the lease ends.
 */
export const CLAIM_LEASE_MS = 60_000;

/** A claimed delivery: the row as claimed (attempts already counted) and its subscription's URL and secret. */
export interface ClaimedDelivery {
  delivery: typeof webhookDeliveries.$inferSelect;
  url: string;
  secretEnc: string;
}

/**
 * Delivers every delivery due at `now` (pending, `next_attempt_at <= now`, subscription enabled),
 * up to `DELIVERY_BATCH`, each attempt signed at `now`. Rows are claimed with `FOR UPDATE SKIP
 * LOCKED` and leased for `CLAIM_LEASE_MS` in one short transaction, then sent outside it, so no
 * transaction is held open across a slow receiver. Returns how many were attempted. Never throws
 * for a receiver's failure; throws only when the database does.
 */
export async function deliverDueWebhooks(deps: WebhookDeliveryDeps, now: Date): Promise<number> {
  const claimed = await claimDueDeliveries(deps.database, now);
  await Promise.all(claimed.map((c) => attemptClaimedDelivery(deps, c, now)));
  return claimed.length;
}

/** Claims and leases up to `DELIVERY_BATCH` due deliveries; each claim counts as an attempt. */
async function claimDueDeliveries(database: Database, now: Date): Promise<ClaimedDelivery[]> {
  return database.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: webhookDeliveries.id, url: webhookSubscriptions.url, secretEnc: webhookSubscriptions.secretEnc })
      .from(webhookDeliveries)
      .innerJoin(webhookSubscriptions, eq(webhookSubscriptions.id, webhookDeliveries.subscriptionId))
      .where(and(eq(webhookDeliveries.status, 'pending'), lte(webhookDeliveries.nextAttemptAt, now), eq(webhookSubscriptions.enabled, true)))
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(DELIVERY_BATCH)
      .for('update', { of: webhookDeliveries, skipLocked: true });
    if (due.length === 0) return [];
    const leased = await tx
      .update(webhookDeliveries)
      .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) })
      .where(inArray(webhookDeliveries.id, due.map((d) => d.id)))
      .returning();
    const byId = new Map(due.map((d) => [d.id, d]));
    return leased.map((delivery) => ({ delivery, url: byId.get(delivery.id)!.url, secretEnc: byId.get(delivery.id)!.secretEnc }));
  });
}

/**
 * Sends a claimed delivery (its attempt already counted) and records the outcome: `delivered`, or
 * `pending` with the next retry time, or `failed` after `MAX_DELIVERY_ATTEMPTS` (retry-schedule.ts).
 * The record only lands while the row still carries this claim's attempt number, so a replay that
 * claimed the row meanwhile is not overwritten. `retry: false` (test messages) makes a failure final at once.
 * Returns the stored row (null when another claim took it over).
 */
export async function attemptClaimedDelivery(deps: WebhookDeliveryDeps, claimed: ClaimedDelivery, now: Date, opts: { retry?: boolean } = {}): Promise<typeof webhookDeliveries.$inferSelect | null> {
  const { delivery } = claimed;
  let result: WebhookAttemptResult;
  try {
    const secret = deps.cipher.decrypt(claimed.secretEnc);
    const body = webhookBody(delivery.payload);
    result = await postWebhook(claimed.url, signedHeaders(secret, delivery.messageId, now, body), body);
  } catch (err) {
    // A secret that no longer decrypts (RINGBACK_SECRET changed) fails like a receiver would: visible in the log and retried.
    deps.logger.error({ err, deliveryId: delivery.id }, 'webhook delivery could not be signed');
    result = { delivered: false, statusCode: null, error: 'could not sign: the signing secret does not decrypt (was RINGBACK_SECRET changed?)', responseExcerpt: '' };
  }
  const retryAt = result.delivered || opts.retry === false ? null : nextRetryAt(delivery.attempts, now);
  const [stored] = await deps.database.db
    .update(webhookDeliveries)
    .set({
      status: result.delivered ? 'delivered' : retryAt ? 'pending' : 'failed',
      nextAttemptAt: retryAt,
      lastStatusCode: result.statusCode,
      lastError: result.error,
      lastResponse: result.responseExcerpt,
      ...(result.delivered ? { deliveredAt: now } : {}),
    })
    .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, delivery.attempts)))
    .returning();
  deps.logger.info(
    { deliveryId: delivery.id, messageId: delivery.messageId, eventType: delivery.eventType, attempt: delivery.attempts, statusCode: result.statusCode, error: result.error, status: stored?.status },
    'webhook delivery attempted',
  );
  return stored ?? null;
}
