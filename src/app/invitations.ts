/**
 * Invitations (issue 5): a person with `team:manage` invites an email address with a role; the
 * invitee gets a link `PUBLIC_URL/invite/<token>` by email, valid 7 days, and accepts it by choosing
 * a name and password (or, with an account already, by being signed in to it). Only the token's
 * SHA-256 is stored. Sending, revoking and accepting are audited as `team`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecretToken } from '../crypto/credentials.ts';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { createUserWithPassword, MIN_PASSWORD_LENGTH, type Auth } from '../auth/auth.ts';
import { canManageRole, ROLES, type Role } from '../core/access/roles.ts';
import type { Db } from '../db/client.ts';
import { invitations, memberships, organizations, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Mailer } from '../mail/mailer.ts';
import { validationFailed } from './policy-schema.ts';
import { parseInput, recordChanges } from './settings.ts';
import { putMember, type TeamActor } from './team.ts';
import { isUuid } from '../db/ids.ts';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** A pending invitation as the team page shows it. */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
}

/** What the invitee sees before accepting (`GET /api/v1/invitations/:token`). */
export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: Role;
  expiresAt: string;
}

/** `POST /api/v1/team/invitations`. */
export const invitationInputSchema = z
  .object({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email('must be an email address').max(254)),
    role: z.enum(ROLES),
  })
  .strict();

/** `POST /api/v1/invitations/:token/accept`: name and password for a new account (ignored when signed in to an existing one). */
export const acceptInputSchema = z
  .object({
    name: z.string().trim().min(1, 'must not be empty').max(120).optional(),
    password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(128, 'must be at most 128 characters').optional(),
  })
  .strict();

/** SHA-256 (hex) of an invitation token. */
export function hashInvitationToken(token: string): string {
  return hashSecretToken(token);
}

function view(row: Pick<typeof invitations.$inferSelect, 'id' | 'email' | 'role' | 'expiresAt'>): InvitationView {
  return { id: row.id, email: row.email, role: row.role as Role, expiresAt: row.expiresAt.toISOString() };
}

/** 32 random bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function checkMayInvite(by: TeamActor, role: Role): void {
  if (by.role === 'cli') return;
  if (!canManageRole(by.role, role)) {
    throw new AppError('RB_ERR_FORBIDDEN', by.role === 'manager' && role === 'owner' ? 'A manager cannot invite or uninvite owners.' : `The ${by.role} role may not invite ${role}s.`);
  }
}

/**
 * Invites `email` with `role` to the organization and emails the link (purpose `invitation`). A
 * pending invitation to the same address is replaced (its link stops working). Throws
 * `RB_ERR_VALIDATION`, `RB_ERR_FORBIDDEN` (a role `by` may not manage), `RB_ERR_CONFLICT` (already a member).
 */
export async function createInvitation(
  deps: { db: Db; mailer: Mailer; publicUrl: string; now: Date },
  org: { id: string; name: string },
  by: TeamActor & { name?: string | null },
  body: unknown,
): Promise<InvitationView> {
  const { db, now } = deps;
  const input = parseInput(invitationInputSchema, body);
  checkMayInvite(by, input.role);
  const [member] = await db
    .select({ userId: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.organizationId, org.id), eq(sql`lower(${users.email})`, input.email)));
  if (member) throw new AppError('RB_ERR_CONFLICT', `${input.email} is already on the team.`);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const row = {
    id: randomUUID(),
    organizationId: org.id,
    email: input.email,
    role: input.role,
    tokenHash: hashInvitationToken(token),
    invitedBy: by.actor,
    expiresAt,
    createdAt: now,
  };
  await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: now })
      .where(and(eq(invitations.organizationId, org.id), eq(invitations.email, input.email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
    await tx.insert(invitations).values(row);
    await recordChanges(tx, org.id, by.actor, [{ field: 'team', before: null, after: { invitation: row.id, email: input.email, role: input.role, expiresAt: expiresAt.toISOString() } }]);
  });
  const link = `${deps.publicUrl}/invite/${token}`;
  const inviter = by.name ? `${by.name} invited you` : 'You are invited';
  const until = DateTime.fromJSDate(expiresAt, { zone: 'utc' }).toFormat("LLLL d, yyyy 'at' HH:mm 'UTC'");
  await deps.mailer.send({
    to: input.email,
    subject: `Join ${org.name} on Ringback`,
    text: `Hi,\n\n${inviter} to join ${org.name} on Ringback as ${input.role === 'assistant' ? 'an' : 'a'} ${input.role}. Ringback shows every missed call and lead in one queue.\n\nOpen this link to accept and choose your password (it works until ${until}):\n\n${link}\n\nIf you weren't expecting this, ignore this email.\n`,
    purpose: 'invitation',
    organizationId: org.id,
  });
  return view(row);
}

/** The organization's invitations that can still be accepted, newest first. */
export async function listPendingInvitations(db: Db, organizationId: string, now: Date): Promise<InvitationView[]> {
  const rows = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .orderBy(desc(invitations.createdAt));
  return rows.map(view);
}

/**
 * Revokes a pending invitation (its link stops working). Throws `RB_ERR_NOT_FOUND` for an unknown,
 * accepted or revoked one or another organization's, `RB_ERR_FORBIDDEN` for a role `by` may not manage.
 */
export async function revokeInvitation(db: Db, organizationId: string, by: TeamActor, id: string, now: Date): Promise<void> {
  const [row] = isUuid(id)
    ? await db
        .select()
        .from(invitations)
        .where(and(eq(invitations.id, id), eq(invitations.organizationId, organizationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    : [];
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No pending invitation ${id} in this organization.`);
  checkMayInvite(by, row.role as Role);
  await db.transaction(async (tx) => {
    await tx.update(invitations).set({ revokedAt: now }).where(eq(invitations.id, id));
    await recordChanges(tx, organizationId, by.actor, [{ field: 'team', before: { invitation: id, email: row.email, role: row.role }, after: null }]);
  });
}

/**
 * The invitation behind `token` while it can be accepted. Throws `RB_ERR_NOT_FOUND` for an unknown,
 * revoked or accepted token and `RB_ERR_INVITATION_EXPIRED` (410) for an expired one.
 */
async function pendingInvitation(db: Db, token: string, now: Date) {
  const [row] = TOKEN.test(token)
    ? await db
        .select({ invitation: invitations, organizationName: organizations.name })
        .from(invitations)
        .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
        .where(eq(invitations.tokenHash, hashInvitationToken(token)))
    : [];
  if (!row || row.invitation.acceptedAt || row.invitation.revokedAt) throw new AppError('RB_ERR_NOT_FOUND', 'This invitation link is not valid (or was already used).');
  if (row.invitation.expiresAt.getTime() <= now.getTime()) throw new AppError('RB_ERR_INVITATION_EXPIRED', 'This invitation has expired: ask for a new one.');
  return row;
}

/** What the invitee sees before accepting. Errors as `pendingInvitation`. */
export async function previewInvitation(db: Db, token: string, now: Date): Promise<InvitationPreview> {
  const { invitation, organizationName } = await pendingInvitation(db, token, now);
  return { organizationName, email: invitation.email, role: invitation.role as Role, expiresAt: invitation.expiresAt.toISOString() };
}

/** The outcome of `acceptInvitation`. `signInWith` is set when a new account was made: the caller signs them in with it. */
export interface AcceptedInvitation {
  userId: string;
  email: string;
  organizationId: string;
  role: Role;
  signInWith: { email: string; password: string } | null;
}

/**
 * Accepts the invitation behind `token`:
 * - no account with its email yet: creates one with `name` and `password` (both required) and
 *   returns `signInWith` so the caller signs the new person in;
 * - an account exists: adds the membership only when `signedIn` is that account (else
 *   `RB_ERR_CONFLICT` with `reason: 'sign_in_required'`); a member already keeps their role.
 * The invitation is claimed first (conditional update), so two accepts of one link make one member.
 * Errors as `pendingInvitation`, plus `RB_ERR_VALIDATION`.
 */
export async function acceptInvitation(
  deps: { db: Db; auth: Auth; now: Date },
  token: string,
  body: unknown,
  signedIn: { id: string; email: string } | null,
): Promise<AcceptedInvitation> {
  const { db, now } = deps;
  const input = parseInput(acceptInputSchema, body);
  const { invitation } = await pendingInvitation(db, token, now);
  const email = invitation.email;
  const role = invitation.role as Role;
  const [existing] = await db.select({ id: users.id, email: users.email }).from(users).where(eq(sql`lower(${users.email})`, email));
  if (existing && signedIn?.id !== existing.id) {
    throw new AppError('RB_ERR_CONFLICT', `${email} already has a Ringback account: sign in with it, then open this invitation link again.`, { reason: 'sign_in_required', email });
  }
  if (!existing) {
    const errors = [
      ...(input.name === undefined ? [{ path: 'name', message: 'is required' }] : []),
      ...(input.password === undefined ? [{ path: 'password', message: 'is required' }] : []),
    ];
    if (errors.length > 0) throw validationFailed(errors);
  }
  const [claimed] = await db
    .update(invitations)
    .set({ acceptedAt: now })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  if (!claimed) throw new AppError('RB_ERR_NOT_FOUND', 'This invitation link is not valid (or was already used).');
  try {
    let userId: string;
    let actor: string;
    if (existing) {
      userId = existing.id;
      actor = `user:${userId}`;
      const [member] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.organizationId, invitation.organizationId), eq(memberships.userId, userId)));
      if (member) return { userId, email, organizationId: invitation.organizationId, role: member.role as Role, signInWith: null };
    } else {
      ({ id: userId } = await createUserWithPassword(deps.auth, { email, name: input.name!, password: input.password! }));
      actor = `user:${userId}`;
    }
    await putMember(db, invitation.organizationId, userId, role, actor);
    return { userId, email, organizationId: invitation.organizationId, role, signInWith: existing ? null : { email, password: input.password! } };
  } catch (err) {
    // Give the link back: nothing was joined.
    await db.update(invitations).set({ acceptedAt: null }).where(eq(invitations.id, invitation.id));
    throw err;
  }
}
