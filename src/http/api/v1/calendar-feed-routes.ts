/**
 * The calendar feed API (issue 6, item 7): a person's own secret ICS feed (`calendar_feeds:own`, every
 * role) and the organization's (`calendar_feeds:manage`: owners and managers). API keys have neither:
 * a feed is for a person's calendar app, not an integration (which reads `GET /api/v1/bookings`).
 * The feed itself is served by `GET /calendar/<token>.ics` (`../../calendar-feed-routes.ts`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../../../app/settings.ts';
import { AppError } from '../../../errors.ts';
import { createCalendarFeed, listCalendarFeeds, revokeCalendarFeed } from '../../../integrations/calendar-feeds/calendar-feeds.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess } from './access.ts';

/** zod validates bodies (with field paths); the JSON schemas document them. */
const docsOnly = { validatorCompiler: () => () => true, config: { rateLimit: {} } } as const;
const security = [{ apiKey: [] }];
const feedSummary = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    scope: { type: 'string', enum: ['organization', 'me'] },
    userId: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
} as const;
const createBody = z.object({ scope: z.enum(['organization', 'me']) }).strict();

/** Registers `/api/v1/calendar-feeds*`. */
export function registerCalendarFeedApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;

  app.get(
    '/api/v1/calendar-feeds',
    {
      schema: {
        summary: "The caller's own calendar feed and, for owners and managers, the organization's: whether each exists and since when (never the URL)",
        security,
        response: {
          200: {
            type: 'object',
            properties: {
              me: { anyOf: [feedSummary, { type: 'null' }] },
              organization: { anyOf: [feedSummary, { type: 'null' }], description: 'null also when the caller may not manage it' },
              canManageOrganizationFeed: { type: 'boolean' },
            },
          },
        },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'calendar_feeds:own');
      const feeds = await listCalendarFeeds(db, access.org.id, access.userId);
      const canManage = access.can('calendar_feeds:manage');
      return { me: feeds.me, organization: canManage ? feeds.organization : null, canManageOrganizationFeed: canManage };
    },
  );

  app.post(
    '/api/v1/calendar-feeds',
    {
      schema: {
        summary: 'Make a secret calendar (ICS) feed URL, replacing the previous one of the same scope; the URL is in this answer only',
        security,
        body: { type: 'object', required: ['scope'], properties: { scope: { type: 'string', enum: ['organization', 'me'], description: "organization: every booking (owner/manager); me: the bookings assigned to the caller" } } },
        response: {
          201: { type: 'object', properties: { ...feedSummary.properties, url: { type: 'string', format: 'uri' }, webcalUrl: { type: 'string', description: 'the same feed as webcal://' } } },
        },
      },
      ...docsOnly,
    },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'calendar_feeds:own');
      const { scope } = parseInput(createBody, request.body);
      if (scope === 'organization' && !access.can('calendar_feeds:manage')) {
        throw new AppError('RB_ERR_FORBIDDEN', "Only an owner or manager may make the organization's calendar feed; make your own with scope \"me\".");
      }
      if (scope === 'me' && !access.userId) throw new AppError('RB_ERR_FORBIDDEN', 'An API key has no calendar of its own.');
      const created = await createCalendarFeed(db, { organizationId: access.org.id, userId: scope === 'me' ? access.userId : null }, access.actor, ctx.clock(), ctx.config.PUBLIC_URL);
      return reply.code(201).header('cache-control', 'no-store').send(created);
    },
  );

  app.delete(
    '/api/v1/calendar-feeds/:id',
    {
      schema: {
        summary: "Turn a calendar feed off (its URL answers 404 from now on): your own, or as owner/manager the organization's or anyone's",
        security,
        params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
        response: { 200: { type: 'object', properties: { ...feedSummary.properties, revokedAt: { type: 'string', format: 'date-time' } } } },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'calendar_feeds:own');
      const id = (request.params as { id: string }).id;
      return revokeCalendarFeed(db, access.org.id, id, { userId: access.userId, mayManage: access.can('calendar_feeds:manage'), actor: access.actor }, ctx.clock());
    },
  );
}
