/**
 * Field-service connection settings and pushes (issue 6, item 9): `GET/PUT/DELETE
 * /api/v1/settings/fsm` (read `settings:read`, change `settings:write`, audited as `fsm`; credentials
 * are write-only) and `POST /api/v1/fsm-pushes/{id}/retry` (`leads:work`: a person re-queues a failed
 * push from the lead page). Validation failures are 400 problems with `errors: [{path, message}]`.
 */
import type { FastifyInstance } from 'fastify';
import { isLeadVisible } from '../../../app/lead-views.ts';
import { AppError } from '../../../errors.ts';
import { FSM_PROVIDERS, FSM_PUSH_ON } from '../../../integrations/fsm/fsm-config.ts';
import { deleteFsmConnection, getFsmConnection, putFsmConnection } from '../../../integrations/fsm/fsm-connection.ts';
import { findFsmPush, retryFsmPush } from '../../../integrations/fsm/fsm-pushes.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess } from './access.ts';
import { leadScope } from './lead-routes.ts';

const security = [{ apiKey: [] }];
/** zod validates bodies (with field paths); the JSON schemas document them. */
const docsOnly = { validatorCompiler: () => () => true, config: { rateLimit: {} } } as const;

const connectionSchema = {
  type: ['object', 'null'],
  properties: {
    provider: { type: 'string', enum: [...FSM_PROVIDERS] },
    pushOn: { type: 'string', enum: [...FSM_PUSH_ON], description: 'booked: push each booking; qualified: push when the lead asks for a visit' },
    enabled: { type: 'boolean' },
    config: { type: 'object', additionalProperties: true, description: 'provider settings: tenantId, bookingProviderId, campaignId, businessUnitId, jobTypeId, apiBaseUrl…' },
    credentials: { type: 'object', additionalProperties: { type: 'boolean' }, description: 'which credentials are set (values are never returned)' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;
/** A push as the lead detail's `integrations` shows it. */
export const fsmPushSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    provider: { type: 'string', enum: [...FSM_PROVIDERS] },
    status: { type: 'string', enum: ['pending', 'succeeded', 'failed'] },
    attempts: { type: 'integer' },
    externalId: { type: ['string', 'null'], description: "the record the system created (ServiceTitan booking, Housecall Pro lead, Jobber request)" },
    lastError: { type: ['string', 'null'] },
    nextAttemptAt: { type: ['string', 'null'], format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
  },
} as const;

/** Registers the field-service routes. */
export function registerFsmRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get(
    '/api/v1/settings/fsm',
    { schema: { summary: "The organization's field-service connection (ServiceTitan, Housecall Pro or Jobber), credentials only as set/unset", security, response: { 200: { type: 'object', properties: { connection: connectionSchema } } } }, ...docsOnly },
    async (request) => {
      const access = await requireAccess(ctx, request, 'settings:read');
      return { connection: await getFsmConnection(db, ctx.cipher, access.org.id) };
    },
  );

  app.put(
    '/api/v1/settings/fsm',
    {
      schema: {
        summary: 'Set up or change the field-service connection (audited; credentials are stored encrypted and never returned)',
        security,
        body: {
          type: 'object',
          required: ['provider', 'config'],
          properties: {
            provider: { type: 'string', enum: [...FSM_PROVIDERS] },
            pushOn: { type: 'string', enum: [...FSM_PUSH_ON], default: 'booked' },
            enabled: { type: 'boolean', default: true },
            config: { type: 'object', additionalProperties: true },
            credentials: { type: 'object', additionalProperties: { type: 'string' }, description: 'servicetitan: clientId, clientSecret, appKey; housecall_pro: apiKey; jobber: clientId, clientSecret, accessToken, refreshToken. Omitted fields keep their stored values.' },
          },
        },
        response: { 200: { type: 'object', properties: { connection: connectionSchema } } },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'settings:write');
      return { connection: await putFsmConnection(db, ctx.cipher, access.org.id, request.body ?? {}, access.actor, ctx.clock()) };
    },
  );

  app.delete('/api/v1/settings/fsm', { schema: { summary: 'Remove the field-service connection (audited); pending pushes then fail with a reason', security }, ...docsOnly }, async (request, reply) => {
    const access = await requireAccess(ctx, request, 'settings:write');
    await deleteFsmConnection(db, ctx.cipher, access.org.id, access.actor);
    return reply.code(204).send();
  });

  app.post(
    '/api/v1/fsm-pushes/:id/retry',
    {
      schema: {
        summary: 'Retry a failed field-service push now (409 unless it failed)',
        security,
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: fsmPushSchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:work');
      const { id } = request.params as { id: string };
      const push = await findFsmPush(db, access.org.id, id);
      if (!(await isLeadVisible(db, leadScope(access), push.leadId))) throw new AppError('RB_ERR_NOT_FOUND', `No field-service push ${id} in this organization.`);
      return retryFsmPush(db, access.org.id, id, ctx.clock());
    },
  );
}
