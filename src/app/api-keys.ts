/**
 * An organization's API keys (issue 5 settings): list, create (the key is shown once; only its
 * SHA-256 is stored) and revoke. Every change is audited as `api_keys` with the key's prefix, never
 * the key. Authentication by key is `authenticateApiKey` (organizations.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { generateApiKey } from '../crypto/credentials.ts';
import type { Db } from '../db/client.ts';
import { apiKeys } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { recordChanges } from './settings.ts';
import { isUuid } from '../db/ids.ts';

/** One key as lists show it: never the key or its hash. */
export interface ApiKeySummary {
  id: string;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
}


function summary(row: typeof apiKeys.$inferSelect): ApiKeySummary {
  return { id: row.id, prefix: row.prefix, createdAt: row.createdAt.toISOString(), revokedAt: row.revokedAt?.toISOString() ?? null };
}

/** The organization's keys, live and revoked, newest first. */
export async function listApiKeys(db: Db, organizationId: string): Promise<ApiKeySummary[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.organizationId, organizationId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(summary);
}

/** Creates a key for the organization. Returns it once (`key`); stores its hash; audits the prefix. */
export async function createApiKey(db: Db, organizationId: string, actor: string, now: Date): Promise<{ id: string; key: string; prefix: string }> {
  const key = generateApiKey();
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(apiKeys).values({ id, organizationId, keyHash: key.hash, prefix: key.prefix, createdAt: now });
    await recordChanges(tx, organizationId, actor, [{ field: 'api_keys', before: null, after: { id, prefix: key.prefix, revokedAt: null } }]);
  });
  return { id, key: key.key, prefix: key.prefix };
}

/**
 * Revokes a key of the organization: requests with it are refused (401) from now on. Revoking a
 * revoked key changes nothing. Throws `RB_ERR_NOT_FOUND` for an unknown key or another organization's.
 */
export async function revokeApiKey(db: Db, organizationId: string, id: string, actor: string, now: Date): Promise<ApiKeySummary> {
  return db.transaction(async (tx) => {
    const [row] = isUuid(id) ? await tx.select().from(apiKeys).where(and(eq(apiKeys.id, id), eq(apiKeys.organizationId, organizationId))).for('update') : [];
    if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No API key ${id} in this organization.`);
    if (row.revokedAt) return summary(row);
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning();
    await recordChanges(tx, organizationId, actor, [
      { field: 'api_keys', before: { id, prefix: row.prefix, revokedAt: null }, after: { id, prefix: row.prefix, revokedAt: now.toISOString() } },
    ]);
    return summary(revoked!);
  });
}
