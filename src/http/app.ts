/** Builds the Fastify app (no `listen`): tests drive it with `inject` or a real port. */
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { registerLeadActionRoutes, registerLeadRoutes, registerReviewRoute } from './api/v1/lead-routes.ts';
import { registerMeRoutes } from './api/v1/me-routes.ts';
import { registerQueueRoutes } from './api/v1/queue-routes.ts';
import { registerBookingRoutes } from './api/v1/booking-routes.ts';
import { registerStreamRoutes } from './api/v1/stream-routes.ts';
import { registerSettingsRoutes } from './api/v1/settings-routes.ts';
import { registerTeamRoutes } from './api/v1/team-routes.ts';
import { registerInvitationRoutes } from './api/v1/invitation-routes.ts';
import { registerWebhookRoutes } from './api/v1/webhook-routes.ts';
import { registerFsmRoutes } from './api/v1/fsm-routes.ts';
import { registerCalendarFeedApiRoutes } from './api/v1/calendar-feed-routes.ts';
import { registerCalendarFeedRoutes } from './calendar-feed-routes.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import type { AppContext } from './context.ts';
import { isAppNavigation, registerWebApp, sendAppShell } from './web-app/serve-web-app.ts';
import { registerDemoRoutes } from './demo/demo-routes.ts';
import { registerBookingPageRoutes } from './public/booking-page-routes.ts';
import { errorHandler, problem, sendProblem } from './problem.ts';
import { registerSmsRoutes } from './webhooks/twilio/sms-routes.ts';
import { registerVoiceRoutes } from './webhooks/twilio/voice-routes.ts';

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as unknown as FastifyBaseLogger,
    // Behind a proxy the request id comes from it; Twilio webhooks get one of ours.
    requestIdHeader: 'x-request-id',
    bodyLimit: 1024 * 1024, // 1 MiB
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((request, reply) =>
    isAppNavigation(request) ? sendAppShell(reply) : sendProblem(reply, problem('RB_ERR_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`)),
  );
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(formbody);
  await app.register(cookie);
  // Double-submit CSRF token for cookie-authenticated writes to the API (the app gets it from
  // GET /api/v1/me). API-key requests carry no cookie and need none; better-auth checks Origin itself.
  await app.register(csrf, { cookieKey: 'ringback.csrf', cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: ctx.config.PUBLIC_URL.startsWith('https:') } });
  app.addHook('onRequest', (request, reply, done) => {
    const write = request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS';
    const cookieAuth = !request.headers.authorization && request.url.startsWith('/api/v1/') && !request.url.startsWith('/api/v1/invitations/');
    if (write && cookieAuth) return app.csrfProtection(request, reply, done);
    done();
  });
  // Per API key (or client address): generous for integrations, a brake on key guessing. Webhooks are
  // not limited here: Twilio's bursts are legitimate and signatures already gate them.
  await app.register(rateLimit, {
    global: false,
    max: 600,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.headers.authorization ?? request.ip,
  });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Ringback API', version: '1' },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'An organization API key' } } },
    },
  });

  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await ctx.database.db.execute(sql`select 1`);
      return { ok: true, database: ctx.database.kind };
    } catch {
      return sendProblem(reply, problem('RB_ERR_NOT_READY', 'The database does not answer.'));
    }
  });

  registerAuthRoutes(app, ctx);
  registerMeRoutes(app, ctx);
  registerSettingsRoutes(app, ctx);
  registerTeamRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerFsmRoutes(app, ctx);
  registerCalendarFeedApiRoutes(app, ctx);
  registerCalendarFeedRoutes(app, ctx);
  registerVoiceRoutes(app, ctx);
  registerSmsRoutes(app, ctx);
  registerLeadRoutes(app, ctx);
  registerLeadActionRoutes(app, ctx);
  registerReviewRoute(app, ctx);
  registerQueueRoutes(app, ctx);
  registerBookingRoutes(app, ctx);
  registerStreamRoutes(app, ctx);
  registerDemoRoutes(app, ctx);
  registerBookingPageRoutes(app, ctx);
  await registerWebApp(app);
  app.get('/', { schema: { hide: true } }, async (_request, reply) => sendAppShell(reply));
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
