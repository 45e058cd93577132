/**
 * The outbound webhooks API (issue 6, item 8): subscriptions (create with a once-shown secret,
 * change, delete, rotate the secret, send a test message) and the delivery log with replay. Every
 * route needs `webhooks:manage` (owner, manager, API keys). Validation failures are 400 problems
 * with `errors: [{path, message}]`; another organization's ids are 404. docs/webhooks.md describes
 * what receivers get.
 */
import type { FastifyInstance } from 'fastify';
import { listDeliveries, replayDelivery, sendTestMessage } from '../../../integrations/webhooks/webhook-deliveries.ts';
import { WEBHOOK_EVENT_TYPES } from '../../../integrations/webhooks/webhook-event-types.ts';
import { createSubscription, deleteSubscription, listSubscriptions, rotateSubscriptionSecret, updateSubscription } from '../../../integrations/webhooks/webhook-subscriptions.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess } from './access.ts';

const security = [{ apiKey: [] }];
const idParams = { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } } as const;
/** zod validates bodies and queries (with field paths); the JSON schemas document them. */
const docsOnly = { validatorCompiler: () => () => true, config: { rateLimit: {} } } as const;

const eventTypes = { type: 'array', items: { type: 'string', enum: [...WEBHOOK_EVENT_TYPES] }, minItems: 1 } as const;
const subscriptionSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    url: { type: 'string', format: 'uri' },
    description: { type: ['string', 'null'] },
    eventTypes,
    enabled: { type: 'boolean' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;
const withSecret = {
  type: 'object',
  properties: { ...subscriptionSchema.properties, secret: { type: 'string', description: 'whsec_… signing secret: shown in this answer only' } },
} as const;
const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    subscriptionId: { type: 'string', format: 'uuid' },
    eventType: { type: 'string' },
    messageId: { type: 'string', description: 'the webhook-id header, the same on every attempt and replay' },
    status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    lastStatusCode: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    lastResponse: { type: ['string', 'null'], description: "the first 500 characters of the receiver's last answer" },
    createdAt: { type: 'string', format: 'date-time' },
    deliveredAt: { type: ['string', 'null'], format: 'date-time' },
    payload: { type: 'object', additionalProperties: true, description: '{type, timestamp, data} as sent' },
  },
} as const;
const subscriptionBody = {
  type: 'object',
  properties: {
    url: { type: 'string', format: 'uri', description: 'absolute http(s) URL, no user name or password' },
    eventTypes,
    description: { type: ['string', 'null'], maxLength: 200 },
    enabled: { type: 'boolean' },
  },
} as const;

const idOf = (request: { params: unknown }) => (request.params as { id: string }).id;

/** Registers `/api/v1/webhooks/*`. */
export function registerWebhookRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get(
    '/api/v1/webhooks/subscriptions',
    { schema: { summary: "The organization's outbound webhook subscriptions, oldest first (never their secrets)", security, response: { 200: { type: 'array', items: subscriptionSchema } } }, ...docsOnly },
    async (request) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      return listSubscriptions(db, access.org.id);
    },
  );

  app.post(
    '/api/v1/webhooks/subscriptions',
    {
      schema: {
        summary: 'Subscribe a URL to event types; the answer carries the signing secret once (audited)',
        security,
        body: { ...subscriptionBody, required: ['url', 'eventTypes'] },
        response: { 201: withSecret },
      },
      ...docsOnly,
    },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      const created = await createSubscription(db, ctx.cipher, access.org.id, request.body, access.actor, ctx.clock());
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.patch(
    '/api/v1/webhooks/subscriptions/:id',
    {
      schema: {
        summary: "Change a subscription's URL, event types, description or enabled flag; disabling fails its pending deliveries (audited)",
        security,
        params: idParams,
        body: subscriptionBody,
        response: { 200: subscriptionSchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      return updateSubscription(db, access.org.id, idOf(request), request.body ?? {}, access.actor, ctx.clock());
    },
  );

  app.delete(
    '/api/v1/webhooks/subscriptions/:id',
    { schema: { summary: 'Delete a subscription and its delivery log (audited)', security, params: idParams, response: { 204: { type: 'null' } } }, ...docsOnly },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      await deleteSubscription(db, access.org.id, idOf(request), access.actor);
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/webhooks/subscriptions/:id/rotate-secret',
    { schema: { summary: 'Replace the signing secret; the answer carries the new one once (audited)', security, params: idParams, response: { 200: withSecret } }, ...docsOnly },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      return reply.header('cache-control', 'no-store').send(await rotateSubscriptionSecret(db, ctx.cipher, access.org.id, idOf(request), access.actor, ctx.clock()));
    },
  );

  app.post(
    '/api/v1/webhooks/subscriptions/:id/test',
    {
      schema: {
        summary: 'Send a webhook.test message to the subscription now (one attempt, logged); answers with the delivery after the attempt',
        security,
        params: idParams,
        response: { 200: deliverySchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      return sendTestMessage(ctx, access.org.id, idOf(request), ctx.clock());
    },
  );

  app.get(
    '/api/v1/webhooks/deliveries',
    {
      schema: {
        summary: 'The delivery log, newest first: status, attempts, last status code, error and response, next attempt',
        security,
        querystring: {
          type: 'object',
          properties: {
            subscriptionId: { type: 'string', format: 'uuid' },
            status: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
          },
        },
        response: { 200: { type: 'array', items: deliverySchema } },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      return listDeliveries(ctx, access.org.id, request.query);
    },
  );

  app.post(
    '/api/v1/webhooks/deliveries/:id/replay',
    {
      schema: {
        summary: 'Send a delivery again now: same webhook-id and body, new timestamp and signature, a fresh retry schedule; answers with the delivery after the attempt',
        security,
        params: idParams,
        response: { 200: deliverySchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'webhooks:manage');
      return replayDelivery(ctx, access.org.id, idOf(request), ctx.clock());
    },
  );
}
