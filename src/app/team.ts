/**
 * An organization's team (issue 5): change a person's role, remove them, add them (CLI, accepted
 * invitations). The rules: `team:manage` is needed, a manager cannot give, change or take away the
 * owner role (`canManageRole` for both the current and the new role), nobody changes their own role,
 * and the organization always keeps an owner. Every change is audited as `team`.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { canManageRole, ROLES, type Role } from '../core/access/roles.ts';
import type { Db, Tx } from '../db/client.ts';
import { memberships, organizations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { teamOf, upsertMembership } from './memberships.ts';
import { parseInput, recordChanges } from './settings.ts';

/** Who is changing the team: their role and user id (null for an API key or the CLI) and the audit actor. */
export interface TeamActor {
  role: Role | 'api_key' | 'cli';
  userId: string | null;
  actor: string;
}

/** One person of the team (`GET /api/v1/team`). */
export type TeamMember = Awaited<ReturnType<typeof teamOf>>[number];

/** The organization's people with their roles, by name (`GET /api/v1/team`). */
export const listTeam = teamOf;

/** `PATCH /api/v1/team/:userId`. */
export const roleChangeSchema = z.object({ role: z.enum(ROLES) }).strict();

/** What the audit log records of a membership. */
function auditView(m: { userId: string; email: string; name: string; role: string }) {
  return { userId: m.userId, email: m.email, name: m.name, role: m.role };
}

/** Throws 403 unless `by` may manage both roles (`cli` may manage any). */
function checkMayManage(by: TeamActor, ...roles: Role[]): void {
  if (by.role === 'cli') return;
  for (const role of roles) {
    if (!canManageRole(by.role, role)) {
      throw new AppError('RB_ERR_FORBIDDEN', by.role === 'manager' && role === 'owner' ? 'A manager cannot give, change or take away the owner role.' : `The ${by.role === 'api_key' ? 'API key' : `${by.role} role`} may not manage the ${role} role.`);
    }
  }
}

/** Locks the organization (serializes team changes: two owners cannot demote each other at once). */
async function lockOrganization(tx: Tx, organizationId: string): Promise<void> {
  const [row] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId)).for('update');
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${organizationId}.`);
}

async function memberOf(tx: Tx, organizationId: string, userId: string) {
  const [row] = await tx
    .select({ userId: users.id, email: users.email, name: users.name, role: memberships.role, phoneE164: users.phoneE164 })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No person ${userId} in this organization.`);
  return { ...row, role: row.role as Role };
}

async function ownerCount(tx: Tx, organizationId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

/**
 * Gives `userId` the role in `body` (`{role}`). Throws `RB_ERR_VALIDATION`, `RB_ERR_NOT_FOUND` (not a
 * member), `RB_ERR_FORBIDDEN` (own role, or a role `by` may not manage), `RB_ERR_CONFLICT` (demoting
 * the last owner). Returns the person with the new role.
 */
export async function changeMemberRole(db: Db, organizationId: string, by: TeamActor, userId: string, body: unknown): Promise<TeamMember> {
  const { role } = parseInput(roleChangeSchema, body);
  if (by.userId !== null && by.userId === userId) throw new AppError('RB_ERR_FORBIDDEN', 'You cannot change your own role: ask another owner or manager.');
  return db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const current = await memberOf(tx, organizationId, userId);
    checkMayManage(by, current.role, role);
    if (current.role === role) return current;
    if (current.role === 'owner' && (await ownerCount(tx, organizationId)) <= 1) {
      throw new AppError('RB_ERR_CONFLICT', `${current.name} is the organization's only owner: make someone else owner first.`);
    }
    await tx.update(memberships).set({ role }).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    await recordChanges(tx, organizationId, by.actor, [{ field: 'team', before: auditView(current), after: auditView({ ...current, role }) }]);
    return { ...current, role };
  });
}

/**
 * Removes `userId` from the organization (the membership, not the person: they keep their account and
 * other organizations). Same rules as `changeMemberRole`; a person may leave on their own unless they
 * are the last owner.
 */
export async function removeMember(db: Db, organizationId: string, by: TeamActor, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOrganization(tx, organizationId);
    const current = await memberOf(tx, organizationId, userId);
    if (by.userId !== userId) checkMayManage(by, current.role);
    if (current.role === 'owner' && (await ownerCount(tx, organizationId)) <= 1) {
      throw new AppError('RB_ERR_CONFLICT', `${current.name} is the organization's only owner and cannot be removed.`);
    }
    await tx.delete(memberships).where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
    await recordChanges(tx, organizationId, by.actor, [{ field: 'team', before: auditView(current), after: null }]);
  });
}

/**
 * Adds the person to the organization with `role`, or changes their role when already a member
 * (no rules checked: the CLI and accepted invitations, which were checked when sent). Audited as
 * `team` when something changed. Returns whether the person was already a member.
 */
export async function putMember(db: Db | Tx, organizationId: string, userId: string, role: Role, actor: string): Promise<{ before: Role | null }> {
  const [person] = await db.select({ userId: users.id, email: users.email, name: users.name }).from(users).where(eq(users.id, userId));
  if (!person) throw new AppError('RB_ERR_NOT_FOUND', `No user ${userId}.`);
  const [existing] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  const before = (existing?.role as Role | undefined) ?? null;
  if (before === role) return { before };
  await upsertMembership(db, organizationId, userId, role);
  await recordChanges(db, organizationId, actor, [{ field: 'team', before: before ? auditView({ ...person, role: before }) : null, after: auditView({ ...person, role }) }]);
  return { before };
}
