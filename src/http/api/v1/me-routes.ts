/** `GET /api/v1/me` (the signed-in person, their organizations, role, permissions, CSRF token) and `PATCH /api/v1/me`. */
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { membershipsOf } from '../../../app/memberships.ts';
import { PERMISSIONS, can } from '../../../core/access/roles.ts';
import { normalizeE164 } from '../../../core/phone/normalize-e164.ts';
import { users } from '../../../db/schema.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../context.ts';
import { sessionUser } from './access.ts';

const patchBody = z
  .object({
    name: z.string().trim().min(1).max(120).optional(),
    phoneE164: z
      .string()
      .trim()
      .max(32)
      .nullable()
      .optional()
      .transform((v, c) => {
        if (v === null || v === undefined || v === '') return v === undefined ? undefined : null;
        const e164 = normalizeE164(v);
        if (!e164) c.addIssue({ code: 'custom', message: 'is not a valid phone number' });
        return e164 ?? undefined;
      }),
  })
  .strict();

export function registerMeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const me = async (request: Parameters<typeof sessionUser>[1], csrfToken: string) => {
    const user = await sessionUser(ctx, request);
    if (!user) throw new AppError('RB_ERR_UNAUTHENTICATED', 'Not signed in.');
    const memberships = await membershipsOf(ctx.database.db, user.id);
    const wanted = request.headers['x-ringback-organization'];
    const active = memberships.find((m) => m.organizationId === wanted) ?? memberships[0] ?? null;
    return {
      user,
      memberships,
      activeOrganizationId: active?.organizationId ?? null,
      role: active?.role ?? null,
      permissions: active ? PERMISSIONS.filter((p) => can(active.role, p)) : [],
      csrfToken,
    };
  };

  app.get('/api/v1/me', { schema: { summary: 'The signed-in person, their organizations and permissions in the active one (session only)' } }, async (request, reply) =>
    me(request, reply.generateCsrf()),
  );

  app.patch('/api/v1/me', { schema: { summary: "Update the signed-in person's name or phone (click-to-call rings it)" } }, async (request, reply) => {
    const user = await sessionUser(ctx, request);
    if (!user) throw new AppError('RB_ERR_UNAUTHENTICATED', 'Not signed in.');
    const body = patchBody.parse(request.body ?? {});
    if (body.name !== undefined || body.phoneE164 !== undefined) {
      await ctx.database.db
        .update(users)
        .set({ ...(body.name !== undefined ? { name: body.name } : {}), ...(body.phoneE164 !== undefined ? { phoneE164: body.phoneE164 } : {}), updatedAt: ctx.clock() })
        .where(eq(users.id, user.id));
    }
    return me(request, reply.generateCsrf());
  });
}
