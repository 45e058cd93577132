/**
 * Who is asking, for which organization, with what role: the one guard of every `/api/v1` route.
 * Integrations send `Authorization: Bearer <apiKey>`; people send their better-auth session cookie
 * and `X-Ringback-Organization: <id>` (or `?organizationId=` where headers can't be set, e.g.
 * EventSource). Writes with a cookie also carry `X-CSRF-Token` (checked by a hook in `app.ts`).
 */
import type { FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { membershipsOf } from '../../../app/memberships.ts';
import { findOrganizationById, type OrganizationRow } from '../../../app/organizations.ts';
import { can, seesAllLeads, type Permission, type Role } from '../../../core/access/roles.ts';
import { AppError } from '../../../errors.ts';
import type { AppContext } from '../../context.ts';
import { requireOrganization } from './authenticate-api-key.ts';
import { isUuid } from '../../../db/ids.ts';

/** The caller in one organization. `actor` is what events and audits record. */
export interface Access {
  org: OrganizationRow;
  role: Role | 'api_key';
  /** The person's user id; null for an API key. */
  userId: string | null;
  /** `user:<id>` or `api_key:<prefix>`. */
  actor: string;
  can(permission: Permission): boolean;
  /** False for technicians: they see only leads they own, back up or are assigned. */
  seesAllLeads: boolean;
}


/** The signed-in person behind the request's session cookie, or null. */
export async function sessionUser(ctx: AppContext, request: FastifyRequest): Promise<{ id: string; email: string; name: string; phoneE164: string | null } | null> {
  if (!request.headers.cookie) return null;
  const session = await ctx.auth.api.getSession({ headers: fromNodeHeaders(request.headers) });
  if (!session) return null;
  const u = session.user as { id: string; email: string; name: string; phoneE164?: string | null };
  return { id: u.id, email: u.email, name: u.name, phoneE164: u.phoneE164 ?? null };
}

/** The organization the request asks for: the header, else `?organizationId=`, else null. */
function requestedOrganization(request: FastifyRequest): string | null {
  const header = request.headers['x-ringback-organization'];
  if (typeof header === 'string' && header) return header;
  const q = (request.query ?? {}) as Record<string, unknown>;
  return typeof q.organizationId === 'string' && q.organizationId ? q.organizationId : null;
}

/**
 * Authenticates the request and checks `permission` in the organization it acts in. A person with no
 * organization header acts in their first organization. Throws `AppError`: `RB_ERR_UNAUTHENTICATED`
 * (401) without a valid key or session, `RB_ERR_NOT_FOUND` (404) for an organization they don't
 * belong to (never reveals it exists), `RB_ERR_FORBIDDEN` (403) when the role lacks `permission`.
 */
export async function requireAccess(ctx: AppContext, request: FastifyRequest, permission: Permission): Promise<Access> {
  let access: Access;
  if (request.headers.authorization) {
    const org = await requireOrganization(ctx, request);
    const prefix = /^Bearer\s+(\S{0,12})/i.exec(request.headers.authorization)?.[1] ?? '';
    access = { org, role: 'api_key', userId: null, actor: `api_key:${prefix}`, can: (p) => can('api_key', p), seesAllLeads: true };
  } else {
    const user = await sessionUser(ctx, request);
    if (!user) throw new AppError('RB_ERR_UNAUTHENTICATED', 'Sign in, or send Authorization: Bearer <apiKey>.');
    const memberships = await membershipsOf(ctx.database.db, user.id);
    const wanted = requestedOrganization(request);
    const m = wanted ? memberships.find((x) => x.organizationId === wanted) : memberships[0];
    if (!m || (wanted && !isUuid(wanted))) {
      throw new AppError('RB_ERR_NOT_FOUND', wanted ? `No organization ${wanted} for this person.` : 'This person belongs to no organization yet.');
    }
    const org = await findOrganizationById(ctx.database.db, m.organizationId);
    if (!org) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${m.organizationId}.`);
    const role = m.role;
    access = { org, role, userId: user.id, actor: `user:${user.id}`, can: (p) => can(role, p), seesAllLeads: seesAllLeads(role) };
  }
  if (!access.can(permission)) {
    throw new AppError('RB_ERR_FORBIDDEN', `The ${access.role === 'api_key' ? 'API key' : `${access.role} role`} may not ${permission.replace(':', ' ')} in this organization.`);
  }
  return access;
}
