/**
 * The team API (issue 5): `GET /api/v1/team` for anyone who sees leads (owner pickers); role changes,
 * removals and invitations need `team:manage` (a manager cannot touch owners; the last owner stays).
 */
import type { FastifyInstance } from 'fastify';
import { createInvitation, listPendingInvitations, revokeInvitation } from '../../../app/invitations.ts';
import { changeMemberRole, listTeam, removeMember, type TeamActor } from '../../../app/team.ts';
import { users } from '../../../db/schema.ts';
import { eq } from 'drizzle-orm';
import { ROLES } from '../../../core/access/roles.ts';
import type { AppContext } from '../../context.ts';
import { requireAccess, type Access } from './access.ts';

const docsOnly = { validatorCompiler: () => () => true, config: { rateLimit: {} } } as const;
const memberSchema = {
  type: 'object',
  properties: { userId: { type: 'string' }, name: { type: 'string' }, email: { type: 'string' }, role: { type: 'string', enum: [...ROLES] }, phoneE164: { type: ['string', 'null'] } },
} as const;
const invitationSchema = {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, role: { type: 'string', enum: [...ROLES] }, expiresAt: { type: 'string', format: 'date-time' } },
} as const;
const userParams = { type: 'object', properties: { userId: { type: 'string' } } } as const;

function teamActor(access: Access): TeamActor {
  return { role: access.role, userId: access.userId, actor: access.actor };
}

/** Registers `/api/v1/team*`. */
export function registerTeamRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;
  const userIdOf = (request: { params: unknown }) => (request.params as { userId: string }).userId;

  app.get('/api/v1/team', { schema: { summary: "The organization's people with their roles, by name", response: { 200: { type: 'array', items: memberSchema } } }, ...docsOnly }, async (request) => {
    const access = await requireAccess(ctx, request, 'leads:read');
    return listTeam(db, access.org.id);
  });

  app.patch(
    '/api/v1/team/:userId',
    {
      schema: {
        summary: "Change a person's role (not your own; a manager cannot touch owners; the last owner stays)",
        params: userParams,
        body: { type: 'object', required: ['role'], properties: { role: { type: 'string', enum: [...ROLES] } } },
        response: { 200: memberSchema },
      },
      ...docsOnly,
    },
    async (request) => {
      const access = await requireAccess(ctx, request, 'team:manage');
      return changeMemberRole(db, access.org.id, teamActor(access), userIdOf(request), request.body ?? {});
    },
  );

  app.delete(
    '/api/v1/team/:userId',
    { schema: { summary: 'Remove a person from the organization (their account stays; the last owner cannot be removed)', params: userParams }, ...docsOnly },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'team:manage');
      await removeMember(db, access.org.id, teamActor(access), userIdOf(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/team/invitations',
    {
      schema: {
        summary: 'Invite someone by email with a role; the link (valid 7 days) goes out by email',
        body: { type: 'object', required: ['email', 'role'], properties: { email: { type: 'string', format: 'email' }, role: { type: 'string', enum: [...ROLES] } } },
        response: { 201: invitationSchema },
      },
      ...docsOnly,
    },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'team:manage');
      const [inviter] = access.userId ? await db.select({ name: users.name }).from(users).where(eq(users.id, access.userId)) : [];
      const created = await createInvitation(
        { db, mailer: ctx.mailer, publicUrl: ctx.config.PUBLIC_URL, now: ctx.clock() },
        { id: access.org.id, name: access.org.name },
        { ...teamActor(access), name: inviter?.name ?? null },
        request.body ?? {},
      );
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/team/invitations',
    { schema: { summary: 'Invitations not yet accepted, revoked or expired, newest first', response: { 200: { type: 'array', items: invitationSchema } } }, ...docsOnly },
    async (request) => {
      const access = await requireAccess(ctx, request, 'team:manage');
      return listPendingInvitations(db, access.org.id, ctx.clock());
    },
  );

  app.delete(
    '/api/v1/team/invitations/:id',
    { schema: { summary: 'Revoke a pending invitation (its link stops working)', params: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } } }, ...docsOnly },
    async (request, reply) => {
      const access = await requireAccess(ctx, request, 'team:manage');
      await revokeInvitation(db, access.org.id, teamActor(access), (request.params as { id: string }).id, ctx.clock());
      return reply.code(204).send();
    },
  );
}
