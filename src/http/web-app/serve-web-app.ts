/**
 * Serves the built dispatcher app (web/dist): hashed assets cached for a year, `index.html` for `/`
 * and every client-side route (a GET that wants HTML outside the API, webhooks and demo pages).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WEB_DIST } from './build-web-app.ts';

const SERVER_PATHS = /^\/(api|webhooks|demo|simulator|healthz|readyz)(\/|$|\?)/;

/** Whether the request is a browser navigation to a client-side route. */
export function isAppNavigation(request: FastifyRequest): boolean {
  return request.method === 'GET' && !SERVER_PATHS.test(request.url) && (request.headers.accept ?? '').includes('text/html');
}

export async function registerWebApp(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: WEB_DIST,
    prefix: '/',
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes(join('dist', 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** Answers a client-side route with the app's `index.html` (503 with a hint when the app is not built). */
export function sendAppShell(reply: FastifyReply): FastifyReply {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    return reply.code(503).type('text/plain; charset=utf-8').send('The dispatcher app is not built: `npm start` builds it.');
  }
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}
