/**
 * Pushes as people see them (the lead's `integrations`) and a person's Retry of a failed push
 * (`POST /api/v1/fsm-pushes/{id}/retry`).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUuid } from '../../db/ids.ts';
import { fsmConnections, fsmPushes } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

/** One push on the lead detail. `externalId` is the vendor's record id once succeeded (else null). */
export interface FsmPushView {
  id: string;
  provider: string;
  /** `pending` (queued or waiting to retry), `succeeded`, `failed` (a person may retry). */
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  externalId: string | null;
  /** The last attempt's failure, in the vendor's words where it gave any. */
  lastError: string | null;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  updatedAt: string;
}

type PushRow = typeof fsmPushes.$inferSelect;

/** The view of `row`. While pending, `external_id` may hold a multi-step vendor's progress: not shown. */
export function fsmPushView(row: PushRow): FsmPushView {
  return {
    id: row.id,
    provider: row.provider,
    status: row.status,
    attempts: row.attempts,
    externalId: row.status === 'succeeded' ? row.externalId : null,
    lastError: row.lastError,
    nextAttemptAt: row.status === 'pending' && row.nextAttemptAt ? row.nextAttemptAt.toISOString() : null,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The lead's pushes, oldest first. */
export async function listLeadFsmPushes(db: Db, organizationId: string, leadId: string): Promise<FsmPushView[]> {
  const rows = await db.select().from(fsmPushes).where(and(eq(fsmPushes.organizationId, organizationId), eq(fsmPushes.leadId, leadId))).orderBy(asc(fsmPushes.createdAt), asc(fsmPushes.id));
  return rows.map(fsmPushView);
}

/** The push `id` of the organization (for the visibility check of its lead), or throws `RB_ERR_NOT_FOUND`. */
export async function findFsmPush(db: Db, organizationId: string, id: string): Promise<PushRow> {
  const [row] = isUuid(id) ? await db.select().from(fsmPushes).where(and(eq(fsmPushes.organizationId, organizationId), eq(fsmPushes.id, id))) : [];
  if (!row) throw new AppError('RB_ERR_NOT_FOUND', `No field-service push ${id} in this organization.`);
  return row;
}

/**
 * Re-queues a failed push for an attempt now (attempts start again from 0; the last error stays until
 * that attempt). Throws `RB_ERR_NOT_FOUND`, `RB_ERR_CONFLICT` when the push is not `failed` (pending
 * ones are already queued; succeeded ones are in the system) or the organization has no enabled
 * connection to push to.
 */
export async function retryFsmPush(db: Db, organizationId: string, id: string, now: Date): Promise<FsmPushView> {
  const push = await findFsmPush(db, organizationId, id);
  if (push.status !== 'failed') throw new AppError('RB_ERR_CONFLICT', `This push is ${push.status}: only a failed push can be retried.`);
  const [connection] = await db.select({ enabled: fsmConnections.enabled }).from(fsmConnections).where(eq(fsmConnections.organizationId, organizationId));
  if (!connection?.enabled) throw new AppError('RB_ERR_CONFLICT', 'There is no enabled field-service connection to push to: set one up in Settings › Field service first.');
  const [row] = await db
    .update(fsmPushes)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, updatedAt: now })
    .where(and(eq(fsmPushes.id, push.id), eq(fsmPushes.status, 'failed')))
    .returning();
  if (!row) throw new AppError('RB_ERR_CONFLICT', 'This push changed meanwhile: reload and try again.');
  return fsmPushView(row);
}
