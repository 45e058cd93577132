/**
 * `GET /api/v1/stream`: Server-Sent Events of the organization's lead changes, so the open app
 * refreshes the queue and threads within a second (issue 5). EventSource cannot set headers, so the
 * organization comes from `?organizationId=` (read by `requireAccess`) and the session cookie.
 *
 * Each committed change is `event: lead` + `data: {"leadId","reason"}`; a `: ping` comment every
 * 15 s keeps proxies from closing an idle stream. Technicians only get events of leads they can see.
 * In-process only (see `src/app/live-updates.ts`): several processes need a shared channel.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerResponse } from 'node:http';
import { isLeadVisible } from '../../../app/lead-views.ts';
import { liveUpdates as defaultHub, type LeadUpdate, type LiveUpdates } from '../../../app/live-updates.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess } from './access.ts';
import { leadScope } from './lead-routes.ts';

/** How often an idle stream gets a `: ping` comment (ms). */
export const STREAM_PING_MS = 15_000;

/** Registers the stream route; `hub` is the process-wide `liveUpdates` unless a test passes another. */
export function registerStreamRoutes(app: FastifyInstance, ctx: AppContext, hub: LiveUpdates = ctx.recordDeps.liveUpdates ?? defaultHub): void {
  const open = new Set<ServerResponse>();
  // Open streams never end by themselves: end them so `app.close()` does not wait on them.
  app.addHook('preClose', (done) => {
    for (const res of open) res.end();
    open.clear();
    done();
  });

  app.get(
    '/api/v1/stream',
    {
      schema: {
        summary: 'Server-Sent Events: `lead` {leadId, reason} whenever a lead of the organization changes; `: ping` every 15 s',
        querystring: { type: 'object', properties: { organizationId: { type: 'string', format: 'uuid' } } },
      },
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'leads:read');
      const scope = leadScope(access);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // Reconnect after 3 s when the connection drops; the first bytes also flush the headers.
      res.write('retry: 3000\n: connected\n\n');
      open.add(res);

      const send = (u: LeadUpdate) => {
        if (!res.writableEnded) res.write(`event: lead\ndata: ${JSON.stringify({ leadId: u.leadId, reason: u.reason })}\n\n`);
      };
      const unsubscribe = hub.subscribe(access.org.id, (u) => {
        if (!scope.visibleTo) return send(u);
        isLeadVisible(ctx.database.db, scope, u.leadId)
          .then((visible) => visible && send(u))
          .catch((err: unknown) => request.log.warn({ err }, 'stream visibility check failed'));
      });
      const ping = setInterval(() => {
        if (!res.writableEnded) res.write(': ping\n\n');
      }, STREAM_PING_MS);
      ping.unref();
      const cleanup = () => {
        clearInterval(ping);
        unsubscribe();
        open.delete(res);
      };
      request.raw.on('close', cleanup);
      res.on('close', cleanup);
      res.on('error', cleanup);
    },
  );
}
