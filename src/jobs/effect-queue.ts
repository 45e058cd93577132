/**
 * The effect queue and the timer queue, on pg-boss.
 *
 * Effects: a worker process runs new outbox rows at once, in-process (the fast path that keeps the
 * text-back within milliseconds); a web-only process hands them to pg-boss instead. A transient
 * failure goes to pg-boss for retries with exponential backoff. Rows left by a crashed process are
 * handed to pg-boss when a worker starts, and every 30 s a sweep hands over rows whose lease expired
 * or that waited too long (docs/decisions/0001).
 *
 * Timers: `scheduleTimer` sends a job with `startAfter`; when it comes due the worker records a
 * `timer_fired` input. `singletonKey` (the timer id) keeps one job per timer.
 */
import { createHash } from 'node:crypto';
import { and, eq, inArray, lt, or } from 'drizzle-orm';
import { PgBoss, fromPglite } from 'pg-boss';
import type { Logger } from 'pino';
import type { LeadTimer } from '../core/lead/effects.ts';
import type { Database } from '../db/client.ts';
import { effects } from '../db/schema.ts';

export const EFFECTS_QUEUE = 'ringback.effects';
export const TIMERS_QUEUE = 'ringback.timers';
/** pg-boss retries of one effect before it is recorded as failed (backoff 2 s, 4 s, 8 s…). */
export const EFFECT_RETRY_LIMIT = 5;
/** How often a worker looks for stranded outbox rows (ms). */
const SWEEP_INTERVAL_MS = 30_000;
/** A pending row older than this is taken to have lost its runner (ms). */
const STRANDED_AFTER_MS = 60_000;

/**
 * Worker options for both queues (measured in docs/benchmarks.md, timer lateness): up to 10 jobs per
 * fetch, fetch again at once while batches come back full, poll every 0.5 s (pg-boss's minimum) when idle.
 */
const WORK_OPTIONS = { pollingIntervalSeconds: 0.5, batchSize: 10, burstWhenBatchFull: true, perJobResults: true } as const;

/** The payload of a timer job. */
export interface TimerJob {
  organizationId: string;
  leadId: string;
  timerId: string;
  timer: LeadTimer;
}

/** A stable UUID-shaped id for `key` (SHA-256, version nibble 5-style), for idempotent job inserts. */
export function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface EffectQueue {
  /** Hands committed effect ids to the queue (runs them now when this process is a worker). */
  dispatch(effectIds: string[]): Promise<void>;
  /** Schedules a timer job for `fireAt`. */
  scheduleTimer(job: TimerJob, fireAt: Date): Promise<void>;
  /** Resolves when every in-process run started so far has finished (tests, shutdown). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function startEffectQueue(opts: {
  database: Database;
  worker: boolean;
  logger: Logger;
  run: (effectId: string, o: { final: boolean }) => Promise<unknown>;
  onTimer?: (job: TimerJob) => Promise<unknown>;
}): Promise<EffectQueue> {
  const { database, logger } = opts;
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), supervise: opts.worker, schedule: false })
      : new PgBoss({ connectionString: database.connectionString!, max: 4, supervise: opts.worker, schedule: false });
  boss.on('error', (err) => logger.error({ err }, 'pg-boss error'));
  await boss.start();
  await boss.createQueue(EFFECTS_QUEUE, { retryLimit: EFFECT_RETRY_LIMIT, retryDelay: 2, retryBackoff: true, retryDelayMax: 300 });
  await boss.createQueue(TIMERS_QUEUE, { retryLimit: 10, retryDelay: 5, retryBackoff: true });

  const running = new Set<Promise<unknown>>();
  const handOver = (ids: string[], startAfterSeconds?: number) =>
    ids.length === 0 ? Promise.resolve() : boss.insert(EFFECTS_QUEUE, ids.map((effectId) => ({ data: { effectId }, ...(startAfterSeconds ? { startAfter: new Date(Date.now() + startAfterSeconds * 1000) } : {}) }))).then(() => {});
  const runNow = (effectId: string) => {
    const p = opts
      .run(effectId, { final: false })
      .catch(async (err) => {
        logger.warn({ err, effectId }, 'effect failed in-process; the queue will retry');
        await handOver([effectId], 2).catch((e) => logger.error({ err: e, effectId }, 'could not hand the effect to the queue'));
      })
      .finally(() => running.delete(p));
    running.add(p);
  };
  const sweep = async () => {
    const stranded = await database.db
      .select({ id: effects.id })
      .from(effects)
      .where(
        or(
          and(eq(effects.status, 'running'), lt(effects.lockedUntil, new Date())),
          and(eq(effects.status, 'pending'), lt(effects.createdAt, new Date(Date.now() - STRANDED_AFTER_MS))),
        ),
      );
    if (stranded.length > 0) logger.info({ count: stranded.length }, 'handing stranded effects to the queue');
    await handOver(stranded.map((r) => r.id));
  };
  let sweepTimer: NodeJS.Timeout | undefined;
  /** Runs one job and reports its own result, so one failure retries only that job. */
  const settle = (id: string, work: () => Promise<unknown>, context: Record<string, string>) =>
    work().then(
      () => ({ id, status: 'completed' as const }),
      (err: unknown) => {
        logger.warn({ err, ...context }, 'job failed; the queue will retry');
        return { id, status: 'failed' as const, output: { message: err instanceof Error ? err.message : String(err) } };
      },
    );

  if (opts.worker) {
    // Batches run their jobs concurrently and settle each on its own (perJobResults), and a full batch
    // fetches again at once (burst): with batchSize 1 and the 0.5 s poll a worker ran 2 jobs/s.
    await boss.work<{ effectId: string }>(EFFECTS_QUEUE, WORK_OPTIONS, async (jobs) =>
      Promise.all(jobs.map((job) => settle(job.id, () => opts.run(job.data.effectId, { final: job.retryCount >= EFFECT_RETRY_LIMIT }), { effectId: job.data.effectId }))),
    );
    if (opts.onTimer) {
      const onTimer = opts.onTimer;
      await boss.work<TimerJob>(TIMERS_QUEUE, WORK_OPTIONS, async (jobs) =>
        Promise.all(jobs.map((job) => settle(job.id, () => onTimer(job.data), { timerId: job.data.timerId }))),
      );
    }
    // At start, every unfinished row may belong to a dead process: hand them all over.
    const unfinished = await database.db.select({ id: effects.id }).from(effects).where(inArray(effects.status, ['pending', 'running']));
    if (unfinished.length > 0) logger.info({ count: unfinished.length }, 'handing effects left by a previous process to the queue');
    await handOver(unfinished.map((r) => r.id));
    sweepTimer = setInterval(() => void sweep().catch((err) => logger.error({ err }, 'effect sweep failed')), SWEEP_INTERVAL_MS);
    sweepTimer.unref();
  }

  return {
    async dispatch(effectIds) {
      if (opts.worker) for (const id of effectIds) runNow(id);
      else await handOver(effectIds);
    },
    async scheduleTimer(job, fireAt) {
      // The job id is derived from the timer id, so scheduling one timer twice (a retried effect) inserts one job.
      await boss.send(TIMERS_QUEUE, job, { id: uuidFromKey(`${job.leadId}/${job.timerId}`), startAfter: fireAt, singletonKey: job.timerId });
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
