import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../context.ts';
import { leadsPageVersion, renderLeadsPage } from './leads-page.ts';
import { registerMailboxRoute } from './mailbox-page.ts';
import { renderSimulatorPage } from './simulator-page.ts';
import {
  listSimulatorNumbers,
  loadSimulatorThread,
  SimulatedWebhookRejected,
  simulateCall,
  simulateSms,
  simulatorCallBody,
  simulatorSmsBody,
  simulatorThreadQuery,
} from './simulator.ts';

/**
 * The demo pages and the phone simulator's endpoints. None needs a login, so all of them only see
 * organizations on the simulator provider (never a real Twilio organization):
 *
 * - `GET /`: leads with their timelines (auto-refreshing); `GET /demo/leads/version` is what it polls;
 * - `GET /simulator`: the phone simulator page;
 * - `POST /demo/simulator/call` `{from, to, answered, voicemail?}` and `POST /demo/simulator/sms`
 *   `{from, to, body}`: play Twilio's signed webhooks into the real webhook routes (400 on bad input,
 *   404 when `to` is no simulator organization's number; a webhook's refusal is passed through);
 * - `GET /demo/simulator/thread?from=&to=`: messages and calls between the two numbers, oldest first.
 */
export function registerDemoRoutes(app: FastifyInstance, ctx: AppContext): void {
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get('/demo', { schema: { hide: true } }, async (_request, reply) => {
    const markup = await renderLeadsPage(ctx.database.db, ctx.clock());
    return noStore(reply).type('text/html; charset=utf-8').send(markup.toString());
  });

  registerMailboxRoute(app, ctx);

  app.get('/demo/leads/version', { schema: { hide: true } }, async (_request, reply) => {
    return noStore(reply).send({ version: await leadsPageVersion(ctx.database.db) });
  });

  app.get('/simulator', { schema: { hide: true } }, async (request, reply) => {
    const numbers = await listSimulatorNumbers(ctx.database.db);
    const markup = renderSimulatorPage(numbers, request.query as { from?: unknown; to?: unknown });
    return noStore(reply).type('text/html; charset=utf-8').send(markup.toString());
  });

  app.post('/demo/simulator/call', { schema: { hide: true } }, async (request, reply) => {
    const input = simulatorCallBody.parse(jsonBody(request));
    try {
      return await simulateCall(app, ctx, input);
    } catch (err) {
      if (err instanceof SimulatedWebhookRejected) return passThrough(reply, err);
      throw err;
    }
  });

  app.post('/demo/simulator/sms', { schema: { hide: true } }, async (request, reply) => {
    const input = simulatorSmsBody.parse(jsonBody(request));
    try {
      return await simulateSms(app, ctx, input);
    } catch (err) {
      if (err instanceof SimulatedWebhookRejected) return passThrough(reply, err);
      throw err;
    }
  });

  app.get('/demo/simulator/thread', { schema: { hide: true } }, async (request, reply) => {
    const query = simulatorThreadQuery.parse(request.query);
    return noStore(reply).send(await loadSimulatorThread(ctx.database.db, query));
  });
}

/**
 * The JSON body of a simulator request. Other content types (forms) are refused with 415, so a page
 * on another site cannot post to the simulator without a CORS preflight.
 */
function jsonBody(request: FastifyRequest): unknown {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new AppError('RB_ERR_UNSUPPORTED_MEDIA_TYPE', 'Send a JSON body (Content-Type: application/json).');
  return request.body;
}

/** Answers with the webhook route's own refusal (status and problem document). */
function passThrough(reply: FastifyReply, err: SimulatedWebhookRejected): FastifyReply {
  const type = err.response.headers['content-type'];
  return reply
    .code(err.response.statusCode)
    .type(typeof type === 'string' ? type : 'application/problem+json')
    .send(err.response.body);
}
