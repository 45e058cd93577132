/**
 * The effect queue: outbox rows handed to pg-boss after commit, run by workers with retries and
 * exponential backoff. A process with the worker role also runs new effects at once in-process (the
 * fast path that keeps the text-back within milliseconds); the pg-boss job then finds the row done.
 * On start, rows still pending from a crash are handed to pg-boss again.
 */
import { and, eq, inArray, lt, or } from 'drizzle-orm';
import { PgBoss, fromPglite } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database } from '../db/client.ts';
import { effects } from '../db/schema.ts';

export const EFFECTS_QUEUE = 'ringback.effects';
/** pg-boss retries of one effect before it is recorded as failed (backoff 2 s, 4 s, 8 s…). */
export const EFFECT_RETRY_LIMIT = 5;
/** How often a worker looks for stranded outbox rows (ms). */
const SWEEP_INTERVAL_MS = 30_000;
/** A pending row older than this with no run is taken to have missed its pg-boss job (ms). */
const STRANDED_AFTER_MS = 60_000;

export interface EffectQueue {
  /** Hands committed effect ids to the queue (and runs them now when this process is a worker). */
  dispatch(effectIds: string[]): Promise<void>;
  /** Resolves when every in-process run started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEffectQueue(opts: {
  database: Database;
  worker: boolean;
  logger: Logger;
  run: (effectId: string, o: { final: boolean }) => Promise<unknown>;
}): Promise<EffectQueue> {
  const { database, logger } = opts;
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), supervise: opts.worker, schedule: false })
      : new PgBoss({ connectionString: database.connectionString!, max: 4, supervise: opts.worker, schedule: false });
  boss.on('error', (err) => logger.error({ err }, 'pg-boss error'));
  await boss.start();
  await boss.createQueue(EFFECTS_QUEUE, { retryLimit: EFFECT_RETRY_LIMIT, retryDelay: 2, retryBackoff: true, retryDelayMax: 300 });

  const running = new Set<Promise<unknown>>();
  const runNow = (effectId: string) => {
    const p = opts
      .run(effectId, { final: false })
      .catch(async (err) => {
        logger.warn({ err, effectId }, 'effect failed in-process; the queue will retry');
        await boss.send(EFFECTS_QUEUE, { effectId }, { startAfter: 2 }).catch((e) => logger.error({ err: e, effectId }, 'could not requeue effect'));
      })
      .finally(() => running.delete(p));
    running.add(p);
  };
  const sweep = async () => {
    // Rows a crashed worker held (lease expired) or that never reached pg-boss go back to the queue.
    const stranded = await database.db
      .select({ id: effects.id })
      .from(effects)
      .where(
        or(
          and(eq(effects.status, 'running'), lt(effects.lockedUntil, new Date())),
          and(eq(effects.status, 'pending'), lt(effects.createdAt, new Date(Date.now() - STRANDED_AFTER_MS))),
        ),
      );
    if (stranded.length > 0) {
      logger.info({ count: stranded.length }, 'handing stranded effects to the queue');
      await boss.insert(EFFECTS_QUEUE, stranded.map((r) => ({ data: { effectId: r.id } })));
    }
  };
  let sweepTimer: NodeJS.Timeout | undefined;

  if (opts.worker) {
    await boss.work<{ effectId: string }>(EFFECTS_QUEUE, { pollingIntervalSeconds: 0.5, batchSize: 10 }, async (jobs) => {
      for (const job of jobs) await opts.run(job.data.effectId, { final: job.retryCount >= EFFECT_RETRY_LIMIT });
    });
    // At start, every unfinished row may belong to a dead process: hand them all over.
    const unfinished = await database.db.select({ id: effects.id }).from(effects).where(inArray(effects.status, ['pending', 'running']));
    if (unfinished.length > 0) {
      logger.info({ count: unfinished.length }, 'handing effects left by a previous process to the queue');
      await boss.insert(EFFECTS_QUEUE, unfinished.map((r) => ({ data: { effectId: r.id } })));
    }
    sweepTimer = setInterval(() => void sweep().catch((err) => logger.error({ err }, 'effect sweep failed')), SWEEP_INTERVAL_MS);
    sweepTimer.unref();
  }

  return {
    async dispatch(effectIds) {
      await boss.insert(EFFECTS_QUEUE, effectIds.map((effectId) => ({ data: { effectId } })));
      if (opts.worker) for (const id of effectIds) runNow(id);
    },
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop() {
      clearInterval(sweepTimer);
      await Promise.allSettled([...running]);
      await boss.stop({ graceful: true, timeout: 5000 });
    },
  };
}
