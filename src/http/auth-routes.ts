/** Mounts better-auth at `/api/auth/*` (sign-in, sign-out, password reset), per its Fastify guide. */
import type { FastifyInstance } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import type { AppContext } from './context.ts';

export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.route({
    method: ['GET', 'POST'],
    url: '/api/auth/*',
    schema: { hide: true },
    async handler(request, reply) {
      const url = new URL(request.url, ctx.config.PUBLIC_URL);
      const body = request.method === 'POST' && request.body !== undefined ? JSON.stringify(request.body) : undefined;
      const headers = fromNodeHeaders(request.headers);
      if (body !== undefined) headers.set('content-type', 'application/json');
      // better-auth rate-limits by client address; Fastify's `request.ip` honours the proxy settings.
      headers.set('x-forwarded-for', request.ip);
      const response = await ctx.auth.handler(new Request(url, { method: request.method, headers, body }));
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      const text = await response.text();
      return reply.send(text.length > 0 ? text : null);
    },
  });
}
