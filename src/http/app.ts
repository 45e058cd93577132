/** Builds the Fastify app (no `listen`): tests drive it with `inject` or a real port. */
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { registerLeadActionRoutes, registerLeadRoutes, registerReviewRoute } from './api/v1/lead-routes.ts';
import type { AppContext } from './context.ts';
import { registerDemoRoutes } from './demo/demo-routes.ts';
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
  app.setNotFoundHandler((request, reply) => sendProblem(reply, problem('RB_ERR_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`)));
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(formbody);
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

  registerVoiceRoutes(app, ctx);
  registerSmsRoutes(app, ctx);
  registerLeadRoutes(app, ctx);
  registerLeadActionRoutes(app, ctx);
  registerReviewRoute(app, ctx);
  registerDemoRoutes(app, ctx);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
