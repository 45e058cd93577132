/**
 * An organization's outbound webhook subscriptions: list, create (the signing secret is shown
 * once), change (URL, description, event types, enabled), delete, rotate the secret. Secrets are
 * stored encrypted with the credential cipher. Every change is audited as `webhooks` (never the
 * secret). Errors are `AppError`s: `RB_ERR_VALIDATION` (400, with field paths) and `RB_ERR_NOT_FOUND`
 * (404: unknown, or another organization's).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { parseInput, recordChanges } from '../../app/settings.ts';
import type { CredentialCipher } from '../../crypto/credentials.ts';
import type { Db, Tx } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import { webhookDeliveries, webhookSubscriptions } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { generateSigningSecret } from './sign-webhook.ts';
import { WEBHOOK_EVENT_TYPES } from './webhook-event-types.ts';

/** A subscription as the API shows it: never the secret. Instants are ISO-8601 UTC. */
export interface WebhookSubscriptionView {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A subscription with its signing secret (`whsec_…`): the answer to create and rotate only. */
export interface WebhookSubscriptionWithSecret extends WebhookSubscriptionView {
  secret: string;
}

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

/**
 * An absolute http(s) URL without credentials (they would travel in every request and the log);
 * 2,000 characters at most. Any host is allowed, private addresses included: self-hosters deliver
 * to their own network.
 */
const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an absolute http:// or https:// URL' })
  .max(2000)
  .refine((u) => {
    // zod runs this even when the URL check failed: an unparsable URL is that check's to report.
    const parsed = URL.parse(u);
    return !parsed || (!parsed.username && !parsed.password);
  }, 'must not carry a user name or password');
const eventTypes = z
  .array(z.enum(WEBHOOK_EVENT_TYPES, { error: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` }))
  .min(1, 'choose at least one event type')
  .transform((types) => [...new Set(types)]);
const description = z.string().trim().max(200).nullable();

/** `POST /api/v1/webhooks/subscriptions` body. */
export const createSubscriptionSchema = z.strictObject({ url: webhookUrl, eventTypes, description: description.optional(), enabled: z.boolean().default(true) });
/** `PATCH /api/v1/webhooks/subscriptions/{id}` body: any of the fields; `{}` changes nothing. */
export const updateSubscriptionSchema = z.strictObject({ url: webhookUrl.optional(), eventTypes: eventTypes.optional(), description: description.optional(), enabled: z.boolean().optional() });

/** The row as the API shows it. */
export function subscriptionView(row: SubscriptionRow): WebhookSubscriptionView {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a subscription (no secret, no timestamps). */
function audited(row: SubscriptionRow): Record<string, unknown> {
  return { id: row.id, url: row.url, description: row.description, eventTypes: row.eventTypes, enabled: row.enabled };
}

/** The organization's subscriptions, oldest first. */
export async function listSubscriptions(db: Db, organizationId: string): Promise<WebhookSubscriptionView[]> {
  const rows = await db.select().from(webhookSubscriptions).where(eq(webhookSubscriptions.organizationId, organizationId)).orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
  return rows.map(subscriptionView);
}

/** Loads one subscription of the organization for update in `tx`; throws `RB_ERR_NOT_FOUND`. */
export async function lockSubscription(tx: Tx, organizationId: string, id: string): Promise<SubscriptionRow> {
  const [row] = isUuid(id)
    ? await tx.select().from(webhookSubscriptions).where(and(eq(webhookSubscriptions.organizationId, organizationId), eq(webhookSubscriptions.id, id))).for('update')
    : [];
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No webhook subscription ${id} in this organization.`);
  return row;
}

/**
 * Creates a subscription from `input` (`createSubscriptionSchema`) with a new signing secret, which
 * the answer carries once; only its ciphertext is stored. Events stored from now on are delivered.
 */
export async function createSubscription(db: Db, cipher: CredentialCipher, organizationId: string, input: unknown, actor: string, now: Date): Promise<WebhookSubscriptionWithSecret> {
  const body = parseInput(createSubscriptionSchema, input);
  const secret = generateSigningSecret();
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhookSubscriptions)
      .values({ id: randomUUID(), organizationId, url: body.url, description: body.description ?? null, eventTypes: body.eventTypes, secretEnc: cipher.encrypt(secret), enabled: body.enabled, createdAt: now, updatedAt: now })
      .returning();
    await recordChanges(tx, organizationId, actor, [{ field: 'webhooks', before: null, after: audited(created!) }]);
    return created!;
  });
  return { ...subscriptionView(row), secret };
}

/**
 * Changes the fields `input` (`updateSubscriptionSchema`) names. Disabling a subscription stops its
 * deliveries: those still pending become `failed` ("subscription disabled"; a replay after enabling
 * sends them), and no new ones are queued while it is disabled.
 */
export async function updateSubscription(db: Db, organizationId: string, id: string, input: unknown, actor: string, now: Date): Promise<WebhookSubscriptionView> {
  return db.transaction(async (tx) => {
    const before = await lockSubscription(tx, organizationId, id);
    const patch = parseInput(updateSubscriptionSchema, input);
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) return subscriptionView(before);
    const [after] = await tx.update(webhookSubscriptions).set({ ...changes, updatedAt: now }).where(eq(webhookSubscriptions.id, before.id)).returning();
    if (before.enabled && !after!.enabled) {
      await tx
        .update(webhookDeliveries)
        .set({ status: 'failed', nextAttemptAt: null, lastError: 'subscription disabled' })
        .where(and(eq(webhookDeliveries.subscriptionId, before.id), eq(webhookDeliveries.status, 'pending')));
    }
    await recordChanges(tx, organizationId, actor, [{ field: 'webhooks', before: audited(before), after: audited(after!) }]);
    return subscriptionView(after!);
  });
}

/** Deletes a subscription and its delivery log (nothing more is sent to it). */
export async function deleteSubscription(db: Db, organizationId: string, id: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await lockSubscription(tx, organizationId, id);
    await tx.delete(webhookDeliveries).where(eq(webhookDeliveries.subscriptionId, row.id));
    await tx.delete(webhookSubscriptions).where(eq(webhookSubscriptions.id, row.id));
    await recordChanges(tx, organizationId, actor, [{ field: 'webhooks', before: audited(row), after: null }]);
  });
}

/**
 * Replaces the signing secret; the answer carries the new one once. Every attempt from now on,
 * retries of older messages included, is signed with it only: receivers should accept both secrets
 * until they have switched (docs/webhooks.md).
 */
export async function rotateSubscriptionSecret(db: Db, cipher: CredentialCipher, organizationId: string, id: string, actor: string, now: Date): Promise<WebhookSubscriptionWithSecret> {
  const secret = generateSigningSecret();
  const row = await db.transaction(async (tx) => {
    const before = await lockSubscription(tx, organizationId, id);
    const [after] = await tx.update(webhookSubscriptions).set({ secretEnc: cipher.encrypt(secret), updatedAt: now }).where(eq(webhookSubscriptions.id, before.id)).returning();
    await recordChanges(tx, organizationId, actor, [{ field: 'webhooks', before: { id: before.id, secret: 'previous' }, after: { id: before.id, secret: 'rotated' } }]);
    return after!;
  });
  return { ...subscriptionView(row), secret };
}
