/**
 * Secret calendar feed URLs (issue 6, item 7): `${PUBLIC_URL}/calendar/<token>.ics`, one live feed per
 * organization (every booking) and one per person (the bookings assigned to them). The token is the
 * only authorization a calendar app can send, so it is 256 random bits (base64url, 43 characters) and
 * only its SHA-256 is stored, as with API keys. Making a feed again rotates it: the previous URL stops
 * working. Every change is audited as `calendar_feeds` (id, scope, person, revokedAt; never the token).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { hashSecretToken } from '../../crypto/credentials.ts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import { calendarFeeds, memberships, organizations } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordChanges } from '../../app/settings.ts';

/** `organization`: every booking of the organization; `me`: the bookings assigned to the person asking. */
export type CalendarFeedScope = 'organization' | 'me';

/** A feed as lists show it: never its token (which is not stored) or its hash. */
export interface CalendarFeedSummary {
  id: string;
  scope: CalendarFeedScope;
  /** The person whose bookings it carries; null for the organization feed. */
  userId: string | null;
  createdAt: string;
}

/** A feed just made: `url` (https) and `webcalUrl` (the same feed as `webcal://`, which calendar apps open as a subscription) are shown once. */
export interface CreatedCalendarFeed extends CalendarFeedSummary {
  url: string;
  webcalUrl: string;
}

/** The owner of a live feed found by its token. */
export interface ResolvedCalendarFeed {
  id: string;
  organizationId: string;
  /** null: the organization feed. */
  userId: string | null;
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function summary(row: typeof calendarFeeds.$inferSelect): CalendarFeedSummary {
  return { id: row.id, scope: row.userId === null ? 'organization' : 'me', userId: row.userId, createdAt: row.createdAt.toISOString() };
}

function auditValue(row: { id: string; userId: string | null; revokedAt: Date | null }) {
  return { id: row.id, scope: row.userId === null ? 'organization' : 'person', userId: row.userId, revokedAt: row.revokedAt?.toISOString() ?? null };
}

/** The live feeds (`revoked_at` null) of one owner: the organization (`userId` null) or one person. */
function liveFeedsOf(organizationId: string, userId: string | null) {
  return and(eq(calendarFeeds.organizationId, organizationId), userId === null ? isNull(calendarFeeds.userId) : eq(calendarFeeds.userId, userId), isNull(calendarFeeds.revokedAt));
}

/**
 * The live feed of `userId` in the organization (`me`) and the organization's live feed
 * (`organization`), each null when there is none. `userId` null (an API key) gives `me: null`.
 */
export async function listCalendarFeeds(db: Db, organizationId: string, userId: string | null): Promise<{ me: CalendarFeedSummary | null; organization: CalendarFeedSummary | null }> {
  const [organization] = await db.select().from(calendarFeeds).where(liveFeedsOf(organizationId, null)).orderBy(desc(calendarFeeds.createdAt)).limit(1);
  const [me] = userId ? await db.select().from(calendarFeeds).where(liveFeedsOf(organizationId, userId)).orderBy(desc(calendarFeeds.createdAt)).limit(1) : [];
  return { me: me ? summary(me) : null, organization: organization ? summary(organization) : null };
}

/**
 * Makes a feed for the organization (`userId` null) or one person, revoking that owner's live feed
 * if any (rotation: its URL answers 404 from `now`). Concurrent calls for one organization serialise
 * on its row, so an owner never ends with two live feeds. `publicUrl` is `PUBLIC_URL` (no trailing
 * slash). Returns the URL once; only the token's SHA-256 is stored. Audited as `calendar_feeds`.
 * Throws `RB_ERR_NOT_FOUND` for an unknown organization.
 */
export async function createCalendarFeed(db: Db, owner: { organizationId: string; userId: string | null }, actor: string, now: Date, publicUrl: string): Promise<CreatedCalendarFeed> {
  const token = randomBytes(32).toString('base64url');
  const id = randomUUID();
  const row = await db.transaction(async (tx) => {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, owner.organizationId)).for('update');
    if (!org) throw new AppError('RB_ERR_NOT_FOUND', `No organization ${owner.organizationId}.`);
    const revoked = await tx.update(calendarFeeds).set({ revokedAt: now }).where(liveFeedsOf(owner.organizationId, owner.userId)).returning();
    const [created] = await tx.insert(calendarFeeds).values({ id, organizationId: owner.organizationId, userId: owner.userId, tokenHash: hashSecretToken(token), createdAt: now }).returning();
    await recordChanges(tx, owner.organizationId, actor, [
      ...revoked.map((r) => ({ field: 'calendar_feeds', before: auditValue({ ...r, revokedAt: null }), after: auditValue(r) })),
      { field: 'calendar_feeds', before: null, after: auditValue(created!) },
    ]);
    return created!;
  });
  const url = `${publicUrl}/calendar/${token}.ics`;
  return { ...summary(row), url, webcalUrl: url.replace(/^https?:/, 'webcal:') };
}

/**
 * Revokes a feed of the organization: its URL answers 404 from `now`. A person may revoke their own
 * feed; the organization feed and other people's feeds need `mayManage` (`calendar_feeds:manage`).
 * Revoking a revoked feed changes nothing. Throws `RB_ERR_NOT_FOUND` for an unknown id or another
 * organization's feed, `RB_ERR_FORBIDDEN` for a feed the caller may not manage. Audited.
 */
export async function revokeCalendarFeed(
  db: Db,
  organizationId: string,
  id: string,
  caller: { userId: string | null; mayManage: boolean; actor: string },
  now: Date,
): Promise<CalendarFeedSummary & { revokedAt: string }> {
  return db.transaction(async (tx: Tx) => {
    const [row] = isUuid(id) ? await tx.select().from(calendarFeeds).where(and(eq(calendarFeeds.id, id), eq(calendarFeeds.organizationId, organizationId))).for('update') : [];
    if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No calendar feed ${id} in this organization.`);
    const own = row.userId !== null && row.userId === caller.userId;
    if (!own && !caller.mayManage) throw new AppError('RB_ERR_FORBIDDEN', "Only an owner or manager may turn off the organization's or another person's calendar feed.");
    if (row.revokedAt) return { ...summary(row), revokedAt: row.revokedAt.toISOString() };
    const [revoked] = await tx.update(calendarFeeds).set({ revokedAt: now }).where(eq(calendarFeeds.id, id)).returning();
    await recordChanges(tx, organizationId, caller.actor, [{ field: 'calendar_feeds', before: auditValue(row), after: auditValue(revoked!) }]);
    return { ...summary(revoked!), revokedAt: now.toISOString() };
  });
}

/**
 * The live feed behind `token`, or null: a malformed or unknown token, a revoked feed, or a person's
 * feed whose person no longer belongs to the organization (removing someone from the team ends
 * their feed without a separate step).
 */
export async function resolveCalendarFeed(db: Db, token: string): Promise<ResolvedCalendarFeed | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({ id: calendarFeeds.id, organizationId: calendarFeeds.organizationId, userId: calendarFeeds.userId, member: memberships.userId })
    .from(calendarFeeds)
    .leftJoin(memberships, and(eq(memberships.organizationId, calendarFeeds.organizationId), eq(memberships.userId, calendarFeeds.userId)))
    .where(and(eq(calendarFeeds.tokenHash, hashSecretToken(token)), isNull(calendarFeeds.revokedAt)));
  if (!row || (row.userId !== null && row.member === null)) return null;
  return { id: row.id, organizationId: row.organizationId, userId: row.userId };
}
