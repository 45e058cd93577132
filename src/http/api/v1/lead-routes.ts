/** `GET /api/v1/leads` and `GET /api/v1/leads/:id` (DESIGN.md §6). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getLeadDetail, listLeads } from '../../../app/lead-views.ts';
import { reviewQueue } from '../../../app/review-queue.ts';
import { LeadNotFoundError, recordLeadInput } from '../../../app/record-lead-input.ts';
import { STAGES } from '../../../core/lead/lead-state.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../context.ts';
import { requireOrganization } from './authenticate-api-key.ts';

const listQuery = z.object({
  stage: z.enum(STAGES).optional(),
  intent: z.string().min(1).max(40).optional(),
  status: z.enum(['open', 'closed']).optional(),
  since: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  before: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const leadParams = z.object({ id: z.string() });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const bearer = [{ apiKey: [] }];
const leadSummarySchema = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: ['open', 'closed'] },
    stage: { type: 'string', enum: [...STAGES] },
    intent: { type: ['string', 'null'] },
    safety: { type: 'boolean' },
    outcome: { type: ['string', 'null'] },
    contact: { type: 'object', properties: { id: { type: 'string' }, phone: { type: 'string', description: 'E.164' }, name: { type: ['string', 'null'] }, optedOut: { type: 'boolean' } } },
    nextAction: { type: ['object', 'null'], properties: { type: { type: 'string' }, dueAt: { type: 'string', format: 'date-time' }, assignee: { type: ['string', 'null'] } } },
    automation: { type: 'object', properties: { state: { type: 'string', enum: ['active', 'paused', 'stopped'] }, reason: { type: ['string', 'null'] } } },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;

export function registerLeadRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/leads',
    {
      schema: {
        summary: 'List leads, newest first',
        security: bearer,
        querystring: {
          type: 'object',
          properties: {
            stage: { type: 'string', enum: [...STAGES] },
            intent: { type: 'string' },
            status: { type: 'string', enum: ['open', 'closed'] },
            since: { type: 'string', format: 'date-time', description: 'leads created at or after this instant' },
            before: { type: 'string', format: 'date-time', description: 'page back: leads created before this instant' },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
        response: { 200: { type: 'array', items: leadSummarySchema } },
      },
      // zod validates; the JSON schema above documents (Fastify would otherwise coerce before zod sees it).
      validatorCompiler: () => () => true,
      config: { rateLimit: {} },
    },
    async (request) => {
      const org = await requireOrganization(ctx, request);
      const q = listQuery.parse(request.query);
      return listLeads(ctx.database.db, org.id, q);
    },
  );

  app.get(
    '/api/v1/leads/:id',
    {
      schema: {
        summary: 'One lead with its contact, state, next action, automation and timeline of events',
        security: bearer,
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
      },
      validatorCompiler: () => () => true,
      config: { rateLimit: {} },
    },
    async (request) => {
      const org = await requireOrganization(ctx, request);
      const { id } = leadParams.parse(request.params);
      const lead = UUID.test(id) ? await getLeadDetail(ctx.database.db, org.id, id) : null;
      if (!lead) throw new AppError('RB_ERR_NOT_FOUND', `No lead ${id} in this organization.`);
      return lead;
    },
  );
}

const messageBody = z.object({ body: z.string().trim().min(1, 'must not be empty').max(1600, 'at most 1600 characters (10 segments)') }).strict();
const automationBody = z.object({ state: z.enum(['paused', 'active']), reason: z.string().trim().min(1).max(200).default('taken over by a person') }).strict();

/**
 * `POST /api/v1/leads/:id/messages` (a person's message: passes the send gate, pauses automation;
 * 422 `RB_ERR_SEND_REFUSED` with the gate's reason when refused) and `POST /api/v1/leads/:id/automation`
 * (take over / release).
 */
export function registerLeadActionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const leadIdOf = (request: { params: unknown }) => {
    const { id } = leadParams.parse(request.params);
    if (!UUID.test(id)) throw new AppError('RB_ERR_NOT_FOUND', `No lead ${id} in this organization.`);
    return id;
  };
  const record = async (org: Parameters<typeof recordLeadInput>[1], leadId: string, input: Parameters<typeof recordLeadInput>[3]) => {
    try {
      return await recordLeadInput(ctx.recordDeps, org, { by: 'lead', leadId }, input, { now: ctx.clock() });
    } catch (err) {
      if (err instanceof LeadNotFoundError) throw new AppError('RB_ERR_NOT_FOUND', `No lead ${leadId} in this organization.`);
      throw err;
    }
  };

  app.post(
    '/api/v1/leads/:id/messages',
    {
      schema: {
        summary: "Send a person's message to the lead's customer (through the send gate; pauses automation)",
        security: bearer,
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
        body: { type: 'object', required: ['body'], properties: { body: { type: 'string', minLength: 1, maxLength: 1600 } } },
        response: { 202: { type: 'object', properties: { status: { type: 'string' }, effectId: { type: 'string' } } } },
      },
      validatorCompiler: () => () => true,
      config: { rateLimit: {} },
    },
    async (request, reply) => {
      const org = await requireOrganization(ctx, request);
      const leadId = leadIdOf(request);
      const { body } = messageBody.parse(request.body ?? {});
      const result = await record(org, leadId, { type: 'person_message_requested', actor: 'api', body });
      const blocked = result.decision?.events.find((e) => e.type === 'message_blocked');
      if (blocked) {
        throw new AppError('RB_ERR_SEND_REFUSED', String(blocked.data.detail ?? blocked.data.reason), { reason: blocked.data.reason, retryAt: blocked.data.retryAt ?? null });
      }
      const queued = result.decision?.events.find((e) => e.type === 'message_queued');
      return reply.code(202).send({ status: 'queued', effectId: String(queued?.data.effectId ?? '') });
    },
  );

  app.post(
    '/api/v1/leads/:id/automation',
    {
      schema: {
        summary: 'Take over (pause automation) or release the lead (resume automation)',
        security: bearer,
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
        body: { type: 'object', required: ['state'], properties: { state: { type: 'string', enum: ['paused', 'active'] }, reason: { type: 'string' } } },
      },
      validatorCompiler: () => () => true,
      config: { rateLimit: {} },
    },
    async (request) => {
      const org = await requireOrganization(ctx, request);
      const leadId = leadIdOf(request);
      const { state, reason } = automationBody.parse(request.body ?? {});
      await record(org, leadId, { type: 'automation_changed', actor: 'api', state, reason });
      const lead = await getLeadDetail(ctx.database.db, org.id, leadId);
      return { automation: lead?.automation };
    },
  );
}

/** `GET /api/v1/review`: the morning review queue (emergencies first, then oldest due). */
export function registerReviewRoute(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/review',
    { schema: { summary: 'Every open lead that needs a person, emergencies first, then by due time, with the reason', security: bearer }, config: { rateLimit: {} } },
    async (request) => {
      const org = await requireOrganization(ctx, request);
      return reviewQueue(ctx.database.db, org.id, ctx.clock());
    },
  );
}
