/** `GET /api/v1/leads` and `GET /api/v1/leads/:id` (DESIGN.md §6). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { getLeadDetail, listLeads } from '../../../app/lead-views.ts';
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
