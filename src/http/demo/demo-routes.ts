import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

/** The demo pages: `/` lists leads with their timelines; `/simulator` plays the homeowner. */
export function registerDemoRoutes(app: FastifyInstance, ctx: AppContext): void {
  void ctx;
  app.get('/', async (_request, reply) => reply.type('text/html').send('<!doctype html><title>Ringback</title><h1>Ringback</h1>'));
}
