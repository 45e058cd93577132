/**
 * `GET /calendar/<token>.ics` (public): a secret calendar feed that Google, Apple or Outlook calendar
 * subscribes to. The token is the authorization (calendar apps send no headers of ours); an unknown,
 * revoked or malformed one is a 404 problem that says no more.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { calendarFeedDocument } from '../integrations/calendar-feeds/calendar-feed-document.ts';
import { AppError } from '../errors.ts';
import type { AppContext } from './context.ts';

/**
 * Per client address and minute. Calendar apps poll a feed every 15 minutes to a few hours; the
 * limit is a brake on token guessing (hopeless anyway at 256 bits), far above any real subscriber.
 */
const FEED_REQUESTS_PER_MINUTE = 120;

/** Registers `GET /calendar/:file` (`<token>.ics`). */
export function registerCalendarFeedRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(
    '/calendar/:file',
    {
      schema: { hide: true },
      config: { rateLimit: { max: FEED_REQUESTS_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (request: FastifyRequest) => request.ip } },
    },
    async (request, reply) => {
      const file = (request.params as { file: string }).file;
      const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : null;
      const document = token ? await calendarFeedDocument(ctx.database.db, token, ctx.clock(), ctx.config.PUBLIC_URL) : null;
      if (document === null) throw new AppError('RB_ERR_NOT_FOUND', 'No such calendar feed. It may have been turned off or replaced by a new link.');
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="ringback.ics"')
        // The URL is a secret: no shared caches, no search engines.
        .header('cache-control', 'private, no-cache')
        .header('x-robots-tag', 'noindex')
        .send(document);
    },
  );
}
