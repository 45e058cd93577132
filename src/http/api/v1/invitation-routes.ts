/**
 * The public side of invitations (issue 5): `GET /api/v1/invitations/:token` shows what the link is
 * for; `POST /api/v1/invitations/:token/accept {name, password}` joins the organization and signs
 * the new person in (session cookie). No session or CSRF token is needed (the token is the secret),
 * so both are rate-limited per client address, and accepting takes JSON only from this site's own
 * pages (a cross-site form cannot post JSON without a CORS preflight, which is refused).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { acceptInvitation, previewInvitation } from '../../../app/invitations.ts';
import { ROLES } from '../../../core/access/roles.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../context.ts';
import { sessionUser } from './access.ts';

/** Requests per minute per client address on each public invitation route. */
export const INVITATION_ROUTE_LIMIT_PER_MINUTE = 20;

const limited = {
  validatorCompiler: () => () => true,
  config: { rateLimit: { max: INVITATION_ROUTE_LIMIT_PER_MINUTE, timeWindow: '1 minute', keyGenerator: (request: FastifyRequest) => request.ip } },
} as const;
const tokenParams = { type: 'object', properties: { token: { type: 'string', description: 'the token from the emailed link /invite/<token>' } } } as const;

/** Registers the public invitation routes. */
export function registerInvitationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;
  const tokenOf = (request: { params: unknown }) => (request.params as { token: string }).token;

  /** Refuses bodies that are not JSON and requests from another site's pages. */
  const checkSameSiteJson = (request: FastifyRequest): void => {
    if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) throw new AppError('RB_ERR_UNSUPPORTED_MEDIA_TYPE', 'Send a JSON body (Content-Type: application/json).');
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const host = request.headers.host;
    const allowed = [new URL(ctx.config.PUBLIC_URL).origin, ...(host ? [`http://${host}`, `https://${host}`] : [])];
    if (!allowed.includes(origin)) throw new AppError('RB_ERR_FORBIDDEN', 'Invitations are accepted from Ringback itself only.');
  };

  app.get(
    '/api/v1/invitations/:token',
    {
      schema: {
        summary: 'What an invitation link is for (public; 404 unknown, used or revoked, 410 expired)',
        params: tokenParams,
        response: {
          200: {
            type: 'object',
            properties: { organizationName: { type: 'string' }, email: { type: 'string' }, role: { type: 'string', enum: [...ROLES] }, expiresAt: { type: 'string', format: 'date-time' } },
          },
        },
      },
      ...limited,
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return previewInvitation(db, tokenOf(request), ctx.clock());
    },
  );

  app.post(
    '/api/v1/invitations/:token/accept',
    {
      schema: {
        summary: 'Accept an invitation: a new person chooses a name and password and is signed in; someone with an account signs in first',
        params: tokenParams,
        body: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 120 }, password: { type: 'string', minLength: 10, maxLength: 128 } } },
        response: {
          200: { type: 'object', properties: { ok: { type: 'boolean' }, organizationId: { type: 'string' }, role: { type: 'string', enum: [...ROLES] }, userId: { type: 'string' } } },
        },
      },
      ...limited,
    },
    async (request, reply) => {
      checkSameSiteJson(request);
      const signedIn = await sessionUser(ctx, request);
      const accepted = await acceptInvitation({ db, auth: ctx.auth, now: ctx.clock() }, tokenOf(request), request.body ?? {}, signedIn);
      if (accepted.signInWith) {
        const { headers } = await ctx.auth.api.signInEmail({ body: accepted.signInWith, headers: fromNodeHeaders(request.headers), returnHeaders: true });
        const cookies = headers.getSetCookie();
        if (cookies.length > 0) reply.header('set-cookie', cookies);
      }
      reply.header('cache-control', 'no-store');
      return { ok: true, organizationId: accepted.organizationId, role: accepted.role, userId: accepted.userId };
    },
  );
}
