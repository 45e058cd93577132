/** `GET /api/v1/queue`: the recovery queue, the dispatcher app's home screen (issue 5). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recoveryQueue } from '../../../app/queue.ts';
import { STAGES } from '../../../core/lead/lead-state.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess } from './access.ts';
import { leadScope, queueItemSchema } from './lead-routes.ts';

const instant = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
const queueQuery = z.object({
  stage: z.enum(STAGES).optional(),
  intent: z.string().min(1).max(40).optional(),
  urgency: z.enum(['emergency', 'normal']).optional(),
  owner: z.string().min(1).max(100).optional(),
  source: z.string().trim().min(1).max(100).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  from: instant.optional(),
  to: instant.optional(),
  status: z.enum(['open', 'closed']).default('open'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/**
 * `GET /api/v1/queue` (`leads:read`) → `{ items: QueueItem[], counts: {open, overdue, emergencies} }`;
 * `owner=me` is the caller. 400 `RB_ERR_VALIDATION` for a bad filter.
 */
export function registerQueueRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/api/v1/queue',
    {
      schema: {
        summary: 'The recovery queue: safety emergencies, emergencies, then by next-action due time (none last); counts of open, overdue and emergency leads',
        security: [{ apiKey: [] }],
        querystring: {
          type: 'object',
          properties: {
            stage: { type: 'string', enum: [...STAGES] },
            intent: { type: 'string' },
            urgency: { type: 'string', enum: ['emergency', 'normal'] },
            owner: { type: 'string', description: 'a user id, `me` or `none` (unowned)' },
            source: { type: 'string', description: 'lead source (contains, any case) or tracking number digits' },
            overdue: { type: 'string', enum: ['true', 'false'] },
            from: { type: 'string', format: 'date-time', description: 'created at or after' },
            to: { type: 'string', format: 'date-time', description: 'created at or before' },
            status: { type: 'string', enum: ['open', 'closed'], default: 'open' },
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 200 },
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: queueItemSchema },
              counts: { type: 'object', properties: { open: { type: 'integer' }, overdue: { type: 'integer' }, emergencies: { type: 'integer' } } },
            },
          },
        },
      },
      validatorCompiler: () => () => true,
      config: { rateLimit: {} },
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      const { owner, ...q } = queueQuery.parse(request.query);
      // `me` for an API key (no person) matches no owner.
      const ownerId = owner === 'me' ? (access.userId ?? 'api_key') : owner;
      return recoveryQueue(ctx.database.db, leadScope(access), { ...q, owner: ownerId }, ctx.clock());
    },
  );
}
