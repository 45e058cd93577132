/** People's roles in organizations (issue 5): who belongs where, with which role. */
import { and, asc, eq } from 'drizzle-orm';
import type { Role } from '../core/access/roles.ts';
import type { Db, Tx } from '../db/client.ts';
import { memberships, organizations, users } from '../db/schema.ts';

/** One organization a person belongs to. */
export interface MembershipView {
  organizationId: string;
  organizationName: string;
  role: Role;
}

/** The person's organizations, oldest membership first. */
export async function membershipsOf(db: Db, userId: string): Promise<MembershipView[]> {
  const rows = await db
    .select({ organizationId: memberships.organizationId, organizationName: organizations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organizations.name));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}

/** The person's role in the organization, or null when they are not a member. */
export async function roleIn(db: Db, organizationId: string, userId: string): Promise<Role | null> {
  const [row] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  return (row?.role as Role | undefined) ?? null;
}

/** Adds the person to the organization with `role`, or changes their role when already a member. */
export async function upsertMembership(db: Db | Tx, organizationId: string, userId: string, role: Role): Promise<void> {
  await db
    .insert(memberships)
    .values({ organizationId, userId, role })
    .onConflictDoUpdate({ target: [memberships.organizationId, memberships.userId], set: { role } });
}

/** The organization's people with their roles, by name. */
export async function teamOf(db: Db, organizationId: string): Promise<Array<{ userId: string; name: string; email: string; role: Role; phoneE164: string | null }>> {
  const rows = await db
    .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, phoneE164: users.phoneE164 })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organizationId, organizationId))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ ...r, role: r.role as Role }));
}
