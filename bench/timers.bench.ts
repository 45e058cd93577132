/**
 * `npm run bench`, issue 4: follow-up timer lateness with 100,000 pending follow-ups, and the time to
 * stop a lead's cadence after the lead replies. Results are in docs/benchmarks.md.
 *
 * For each database (PostgreSQL: a fresh `ringback_bench_timers_<random>`, dropped at the end; PGlite:
 * a fresh temporary `DATA_DIR`, removed at the end):
 *
 * 1. **Timer lateness.**
 *    - The timer queue under test is the app's own: `startEffectQueue({ worker: true, onTimer })`
 *      from src/jobs/effect-queue.ts. Its `onTimer` only records `Date.now()`.
 *    - A second PgBoss instance on the same database (no supervisor, no worker) bulk-inserts the
 *      jobs with `insert()`. Each job has the shape `scheduleTimer` gives it: a TimerJob payload, a
 *      stable id and a `singletonKey`.
 *    - First the pending load: `BENCH_TIMER_PENDING` jobs due 1 hour to 7 days from now. Then the
 *      due jobs: `BENCH_TIMER_DUE` jobs whose `startAfter` is spread evenly over a
 *      `BENCH_TIMER_WINDOW` second window that starts 3 s after the insert.
 *    - The due jobs are inserted last. pg-boss fetches in (priority, created_on) order and filters
 *      `start_after` inside its index, so every fetch walks past all the pending entries first. That
 *      is the worst case for the fetch, and the case of a short timer (the +2 h text) scheduled
 *      after many long ones.
 *    - Lateness = the moment `onTimer` ran − the job's `startAfter`. The bench waits up to
 *      `BENCH_TIMER_DRAIN` seconds after the window for the stragglers. A job still not run then
 *      counts with its lateness so far, a lower bound, and the table marks the figures with ≥.
 *    - Before the due jobs exist, the bench also times a `fetch()` that finds nothing, with the
 *      queue empty and with the pending load in it. That is the cost of one poll.
 * 2. **Cadence stop.** On the same database, with the pending load still in the queue.
 *    - Ringback starts in this process (`startRingback`, worker role, real clock) against the local
 *      fake Twilio API, with an organization that has Twilio credentials.
 *    - For each of `BENCH_CADENCE_LEADS` callers in turn: a signed missed call (`DialCallStatus=no-answer`),
 *      then a wait for the text-back and for the lead's in-process effects.
 *    - Then the lead's first cadence timer is fired through the same code the app's `onTimer` runs
 *      (`findOrganizationById` + `recordLeadInput(timer_fired)`), and that call is timed. This is
 *      the cost of one timer job, which bounds a serial worker's throughput.
 *    - Then a signed SMS reply. The measured time runs from posting the reply to a `cadence_stopped`
 *      row appearing in `events`. A separate connection polls for that row every 5 ms (on PGlite the
 *      poll goes through the app's own in-process instance).
 *
 * Environment:
 *
 * | variable | meaning |
 * |---|---|
 * | `BENCH_DBS` | the databases (default `pglite,postgres`) |
 * | `BENCH_QUICK=1` | a smaller, shorter run |
 * | `BENCH_TIMER_PENDING`, `BENCH_TIMER_DUE`, `BENCH_TIMER_WINDOW` | pending load, due jobs, window in seconds (default 100,000 / 2,000 / 20; `BENCH_QUICK`: 20,000 / 500 / 5) |
 * | `BENCH_TIMER_PENDING_PGLITE`, `BENCH_TIMER_DUE_PGLITE` | the same for PGlite only (default: the same counts as PostgreSQL) |
 * | `BENCH_TIMER_DRAIN` | longest wait for the due jobs after the window, in seconds (default 20) |
 * | `BENCH_TIMER_HANDLER_MS` | a simulated handler cost (a sleep) per timer job (default 0) |
 * | `BENCH_TIMER_WORK` | JSON work() options. When set, the bench's own worker with these options replaces the app's timer worker, and runs each batch's jobs in turn: a what-if for src/jobs/effect-queue.ts |
 * | `BENCH_TIMER_PARALLEL=1` | with `BENCH_TIMER_WORK`: run a batch's jobs concurrently, settled one by one (`perJobResults`) |
 * | `BENCH_CADENCE_LEADS` | the leads of part 2 (default 50) |
 * | `BENCH_DATABASE_URL` | the server; else `TEST_DATABASE_URL`, else postgres://postgres@127.0.0.1:5432/test |
 * | `BENCH_TIMERS_JSON=<file>` | raw results |
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { PgBoss, fromPglite, type WorkOptions } from 'pg-boss';
import pino from 'pino';
import twilio from 'twilio';
import { createOrganization, findOrganizationById } from '../src/app/organizations.ts';
import { recordLeadInput } from '../src/app/record-lead-input.ts';
import { loadConfig } from '../src/config.ts';
import type { ScheduleTimer } from '../src/core/lead/effects.ts';
import { openDatabase, type Database, type OpenDatabaseOptions } from '../src/db/client.ts';
import { effects } from '../src/db/schema.ts';
import { startEffectQueue, TIMERS_QUEUE, uuidFromKey, type TimerJob } from '../src/jobs/effect-queue.ts';
import { startRingback, type Ringback } from '../src/runtime.ts';
import { startFakeTwilio, type FakeTwilio } from '../test/support/fake-twilio.ts';
import { inboundSms } from '../test/support/harness.ts';
import { ACCOUNT_SID, createScratchDatabase, AUTH_TOKEN, BENCH_SECRET, FORWARD_TO, ORG_NUMBER, type DbKind } from './bench-database.ts';
import { machineCpuMs } from './cpu.ts';
import { buildCalls, Callers, DIAL_STATUS_PATH, PUBLIC_URL } from './load.ts';
import { ms, summarize, table, type LatencySummary } from './stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);
const PENDING = num(process.env.BENCH_TIMER_PENDING, QUICK ? 20_000 : 100_000);
const DUE = num(process.env.BENCH_TIMER_DUE, QUICK ? 500 : 2_000);
const PLAN = {
  dbs: (process.env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean) as DbKind[],
  pending: { postgres: PENDING, pglite: num(process.env.BENCH_TIMER_PENDING_PGLITE, PENDING) },
  due: { postgres: DUE, pglite: num(process.env.BENCH_TIMER_DUE_PGLITE, DUE) },
  windowSeconds: num(process.env.BENCH_TIMER_WINDOW, QUICK ? 5 : 20),
  drainSeconds: num(process.env.BENCH_TIMER_DRAIN, QUICK ? 5 : 20),
  leadInMs: 3_000,
  handlerMs: num(process.env.BENCH_TIMER_HANDLER_MS, 0),
  work: process.env.BENCH_TIMER_WORK ? (JSON.parse(process.env.BENCH_TIMER_WORK) as WorkOptions) : null,
  parallel: process.env.BENCH_TIMER_PARALLEL === '1',
  cadenceLeads: num(process.env.BENCH_CADENCE_LEADS, QUICK ? 10 : 50),
  /** How often the cadence part looks for the `cadence_stopped` row (ms). */
  pollMs: 5,
  insertChunk: 5_000,
  targetP99Ms: 1_000,
};

const logger = pino({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' }, pino.destination(2));

const cleanups: Array<() => Promise<unknown>> = [];
async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((err) => console.error('cleanup failed:', err));
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

// ---------------------------------------------------------------------------------------------
// The database
// ---------------------------------------------------------------------------------------------

interface TimersDatabase {
  kind: DbKind;
  options: OpenDatabaseOptions;
  /** Environment for `loadConfig`. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function createDatabase(kind: DbKind): Promise<TimersDatabase> {
  if (kind === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'ringback-bench-timers-'));
    return { kind, options: { dataDir }, env: { DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { url, drop } = await createScratchDatabase('bench_timers');
  return { kind, options: { databaseUrl: url }, env: { DATABASE_URL: url }, drop };
}

/** A query on the open database, whichever driver. */
async function query<R>(database: Database, text: string, params: unknown[] = []): Promise<R[]> {
  if (database.kind === 'pglite') return (await database.pglite!.query<R>(text, params)).rows;
  const c = new pg.Client({ connectionString: database.connectionString! });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as R[];
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Part 1: timer lateness
// ---------------------------------------------------------------------------------------------

interface TimerResult {
  db: DbKind;
  worker: string;
  pending: number;
  due: number;
  windowSeconds: number;
  insertPendingMs: number;
  insertDueMs: number;
  /** Median of 20 empty fetches (ms), with the queue empty and with the pending load. */
  emptyFetchMs: { empty: number; loaded: number };
  lateness: LatencySummary;
  /** Due jobs that had not run when the bench stopped waiting (their lateness is a lower bound). */
  notRun: number;
  /** Jobs that ran more than once, and jobs that ran but were not due (a far-future one). */
  duplicated: number;
  unexpected: number;
  /** Due jobs run per second from the first due time until the last run. */
  throughputPerSecond: number;
  /** Lateness by fifth of the window (p99 of the jobs due in each), to show a growing backlog. */
  p99ByFifth: number[];
  jobStates: Record<string, number>;
}

function timerJob(i: number, organizationId: string): { job: TimerJob; id: string } {
  const leadId = randomUUID();
  const timerId = `bench-${i}`;
  const job: TimerJob = { organizationId, leadId, timerId, timer: { kind: 'cadence_step', cadenceId: 'missed_call', stepIndex: 1, attempt: 0 } };
  return { job, id: uuidFromKey(`${leadId}/${timerId}`) };
}

async function insertJobs(boss: PgBoss, jobs: Array<{ job: TimerJob; id: string; startAfter: Date }>): Promise<void> {
  for (let i = 0; i < jobs.length; i += PLAN.insertChunk) {
    const chunk = jobs.slice(i, i + PLAN.insertChunk);
    await boss.insert(
      TIMERS_QUEUE,
      chunk.map((j) => ({ id: j.id, data: j.job, startAfter: j.startAfter, singletonKey: j.job.timerId })),
    );
  }
}

async function medianEmptyFetchMs(boss: PgBoss): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const jobs = await boss.fetch(TIMERS_QUEUE, { batchSize: 1 });
    times.push(performance.now() - t);
    if (jobs.length > 0) throw new Error('the empty-fetch probe claimed a job');
  }
  return summarize(times).p50;
}

async function timerLateness(db: TimersDatabase, log: (m: string) => void): Promise<TimerResult> {
  const pending = PLAN.pending[db.kind];
  const due = PLAN.due[db.kind];
  const windowMs = PLAN.windowSeconds * 1000;
  const database = await openDatabase(db.options);
  let closed = false;
  const close: Array<() => Promise<unknown>> = [];
  const closeAll = async () => {
    if (closed) return;
    closed = true;
    while (close.length > 0) await close.pop()!().catch((err) => console.error('close failed:', err));
  };
  cleanups.push(closeAll);
  close.push(() => database.close());

  const dueAt = new Map<string, number>();
  const ranAt = new Map<string, number[]>();
  let unexpected = 0;
  const onTimer = async (job: TimerJob) => {
    const now = Date.now();
    if (!dueAt.has(job.timerId)) unexpected++;
    else {
      const list = ranAt.get(job.timerId);
      if (list) list.push(now);
      else ranAt.set(job.timerId, [now]);
    }
    if (PLAN.handlerMs > 0) await sleep(PLAN.handlerMs);
  };

  // The app's queue (and, unless BENCH_TIMER_WORK asks for a what-if, the app's timer worker).
  const queue = await startEffectQueue({ database, worker: true, logger, run: async () => {}, ...(PLAN.work ? {} : { onTimer }) });
  close.push(() => queue.stop());
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite!), supervise: false, schedule: false, migrate: false })
      : new PgBoss({ connectionString: database.connectionString!, max: 2, supervise: false, schedule: false, migrate: false });
  boss.on('error', (err) => logger.error({ err }, 'bench pg-boss error'));
  await boss.start();
  close.push(() => boss.stop({ graceful: true, timeout: 5000 }));
  let worker = 'app: startEffectQueue';
  if (PLAN.work && PLAN.parallel) {
    // The batch's jobs at once, each settled on its own: a failure retries that job only.
    await boss.work<TimerJob>(TIMERS_QUEUE, { ...PLAN.work, perJobResults: true }, async (jobs) =>
      Promise.all(
        jobs.map((job) =>
          onTimer(job.data).then(
            () => ({ id: job.id, status: 'completed' as const }),
            (err: unknown) => ({ id: job.id, status: 'failed' as const, output: { message: String(err) } }),
          ),
        ),
      ),
    );
    worker = `what-if: ${JSON.stringify({ ...PLAN.work, perJobResults: true })}, a batch's jobs concurrently`;
  } else if (PLAN.work) {
    await boss.work<TimerJob>(TIMERS_QUEUE, PLAN.work, async (jobs) => {
      for (const job of jobs) await onTimer(job.data);
    });
    worker = `what-if: ${JSON.stringify(PLAN.work)}, a batch's jobs one after another`;
  }
  if (PLAN.handlerMs > 0) worker += ` + ${PLAN.handlerMs} ms/job`;

  const organizationId = randomUUID();
  const emptyFetchEmpty = await medianEmptyFetchMs(boss);

  log(`inserting ${pending.toLocaleString('en-US')} pending timer jobs (due in 1 h – 7 d)`);
  const hour = 3_600_000;
  const now0 = Date.now();
  const pendingJobs = Array.from({ length: pending }, (_, i) => ({ ...timerJob(i, organizationId), startAfter: new Date(now0 + hour + Math.random() * (7 * 24 * hour - hour)) }));
  const t1 = performance.now();
  await insertJobs(boss, pendingJobs);
  const insertPendingMs = performance.now() - t1;
  if (db.kind === 'postgres') await query(database, 'analyze pgboss.job');
  const emptyFetchLoaded = await medianEmptyFetchMs(boss);
  log(`inserted in ${ms(insertPendingMs)} ms; an empty fetch takes ${emptyFetchEmpty.toFixed(1)} ms on an empty queue, ${emptyFetchLoaded.toFixed(1)} ms with the pending load`);

  const start = Date.now() + PLAN.leadInMs;
  const dueJobs = Array.from({ length: due }, (_, i) => {
    const j = timerJob(pending + i, organizationId);
    const at = start + ((i + 0.5) * windowMs) / due;
    dueAt.set(j.job.timerId, at);
    return { ...j, startAfter: new Date(at) };
  });
  const t2 = performance.now();
  await insertJobs(boss, dueJobs);
  const insertDueMs = performance.now() - t2;
  if (Date.now() > start) log(`warning: inserting the due jobs ran ${ms(Date.now() - start)} ms into the window`);
  log(`${due.toLocaleString('en-US')} jobs fall due over ${PLAN.windowSeconds} s (${(due / PLAN.windowSeconds).toFixed(0)}/s); worker: ${worker}`);

  const deadline = start + windowMs + PLAN.drainSeconds * 1000;
  let lastReport = Date.now();
  while (ranAt.size < due && Date.now() < deadline) {
    await sleep(50);
    if (Date.now() - lastReport >= 5_000) {
      lastReport = Date.now();
      const dueSoFar = dueJobs.filter((j) => j.startAfter.getTime() <= Date.now()).length;
      log(`  ${ranAt.size} of ${dueSoFar} due so far have run`);
    }
  }
  await sleep(1_000); // late duplicates
  const end = Date.now();
  const lateness: number[] = [];
  const byFifth: number[][] = [[], [], [], [], []];
  let notRun = 0;
  let duplicated = 0;
  let lastRun = start;
  dueJobs.forEach((j, i) => {
    const at = dueAt.get(j.job.timerId)!;
    const runs = ranAt.get(j.job.timerId);
    let late: number;
    if (runs) {
      late = runs[0]! - at;
      lastRun = Math.max(lastRun, runs[0]!);
      if (runs.length > 1) duplicated++;
    } else {
      late = end - at;
      notRun++;
    }
    lateness.push(late);
    byFifth[Math.min(4, Math.floor((i * 5) / due))]!.push(late);
  });
  const states = await query<{ state: string; n: number }>(database, "select state::text as state, count(*)::int as n from pgboss.job where name = $1 group by state order by state", [TIMERS_QUEUE]);
  const result: TimerResult = {
    db: db.kind,
    worker,
    pending,
    due,
    windowSeconds: PLAN.windowSeconds,
    insertPendingMs,
    insertDueMs,
    emptyFetchMs: { empty: emptyFetchEmpty, loaded: emptyFetchLoaded },
    lateness: summarize(lateness),
    notRun,
    duplicated,
    unexpected,
    throughputPerSecond: ranAt.size / Math.max(0.001, (lastRun - start) / 1000),
    p99ByFifth: byFifth.map((l) => summarize(l).p99),
    jobStates: Object.fromEntries(states.map((s) => [s.state, s.n])),
  };
  await closeAll();
  cleanups.splice(cleanups.indexOf(closeAll), 1);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Part 2: the time to stop a lead's cadence after its reply
// ---------------------------------------------------------------------------------------------

interface CadenceResult {
  db: DbKind;
  leads: number;
  /** Reply posted → `cadence_stopped` row seen (ms). */
  stop: LatencySummary;
  /** Reply posted → webhook response (ms). */
  webhook: LatencySummary;
  /** The app's timer handler body (`findOrganizationById` + `recordLeadInput(timer_fired)`), per call (ms). */
  timerHandler: LatencySummary;
  /** Leads where something was off: no cadence enrolled, no stop seen in 10 s, or another reason. */
  problems: string[];
}

const SMS_PATH = '/webhooks/twilio/sms';

function signedSms(from: string, body: string): { body: string; signature: string } {
  const params = { ...inboundSms(from, body), AccountSid: ACCOUNT_SID, To: ORG_NUMBER };
  return { body: new URLSearchParams(params).toString(), signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + SMS_PATH, params) };
}

function post(baseUrl: string, path: string, body: string, signature: string): Promise<Response> {
  return fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TwilioProxy/1.1', 'x-twilio-signature': signature },
    body,
    signal: AbortSignal.timeout(30_000),
  });
}

async function waitFor<T>(fn: () => Promise<T | null | undefined> | T | null | undefined, timeoutMs: number, everyMs: number): Promise<T | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() > deadline) return null;
    await sleep(everyMs);
  }
}

async function cadenceStop(db: TimersDatabase, log: (m: string) => void): Promise<CadenceResult> {
  const fake: FakeTwilio = await startFakeTwilio();
  fake.tokens.set(ACCOUNT_SID, AUTH_TOKEN);
  const stopFake = () => fake.close();
  cleanups.push(stopFake);
  const config = loadConfig({
    ...db.env,
    PUBLIC_URL,
    TWILIO_API_BASE_URL: fake.url,
    RINGBACK_SECRET: BENCH_SECRET,
    RINGBACK_ROLE: 'all',
    RINGBACK_DEMO: 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  });
  const rb: Ringback = await startRingback(config, { logger, database: db.options, seedDemo: false });
  const closeRb = () => rb.close();
  cleanups.push(closeRb);
  const org = await createOrganization(rb.database.db, rb.ctx.cipher, {
    name: 'Bench Plumbing',
    timeZone: 'America/Chicago',
    number: ORG_NUMBER,
    forwardTo: [FORWARD_TO],
    twilioAccountSid: ACCOUNT_SID,
    twilioAuthToken: AUTH_TOKEN,
  });
  const baseUrl = await rb.app.listen({ port: 0, host: '127.0.0.1' });

  // The poller: its own connection on PostgreSQL; the app's in-process instance on PGlite.
  let pollClient: pg.Client | null = null;
  if (rb.database.kind === 'postgres') {
    pollClient = new pg.Client({ connectionString: rb.database.connectionString! });
    await pollClient.connect();
  }
  const endPoll = async () => {
    await pollClient?.end();
    pollClient = null;
  };
  cleanups.push(endPoll);
  const stopSql = "select 1 from events where organization_id = $1 and lead_id = $2 and type = 'cadence_stopped' and data->>'reason' = 'customer_replied' limit 1";
  const stoppedNow = async (leadId: string): Promise<boolean> => {
    const rows = pollClient ? (await pollClient.query(stopSql, [org.id, leadId])).rows : (await rb.database.pglite!.query(stopSql, [org.id, leadId])).rows;
    return rows.length > 0;
  };

  const calls = buildCalls('cadence', PLAN.cadenceLeads, new Callers());
  const stop: number[] = [];
  const webhook: number[] = [];
  const handler: number[] = [];
  const problems: string[] = [];
  log(`cadence stop: ${calls.length} leads, one at a time`);
  for (const [i, call] of calls.entries()) {
    // 1. The missed call and its text-back.
    const res = await post(baseUrl, DIAL_STATUS_PATH, call.body, call.signature);
    await res.arrayBuffer();
    if (res.status !== 200) {
      problems.push(`lead ${i}: dial-status answered ${res.status}`);
      continue;
    }
    const texted = await waitFor(() => fake.messages.some((m) => m.to === call.from), 10_000, 2);
    await rb.queue.idle();
    if (!texted) problems.push(`lead ${i}: no text-back within 10 s`);
    const [lead] = await query<{ id: string }>(
      rb.database,
      'select l.id from leads l join contacts c on c.id = l.contact_id where l.organization_id = $1 and c.phone_e164 = $2',
      [org.id, call.from],
    );
    if (!lead) {
      problems.push(`lead ${i}: no lead`);
      continue;
    }
    // 2. Its first cadence timer, through the body of the app's onTimer (src/runtime.ts).
    const timers = (await rb.database.db.select({ payload: effects.payload }).from(effects).where(and(eq(effects.leadId, lead.id), eq(effects.type, 'schedule_timer'))))
      .map((r) => r.payload as unknown as ScheduleTimer)
      .filter((t) => t.timer.kind === 'cadence_step');
    const first = timers[0];
    if (!first) {
      problems.push(`lead ${i}: no cadence timer scheduled`);
    } else {
      const t = performance.now();
      const o = await findOrganizationById(rb.database.db, org.id);
      await recordLeadInput(rb.ctx.recordDeps, o!, { by: 'lead', leadId: lead.id }, { type: 'timer_fired', timerId: first.timerId, timer: first.timer }, { now: rb.ctx.clock() });
      handler.push(performance.now() - t);
      await rb.queue.idle();
    }
    await sleep(20);
    // 3. The reply, and the time until its `cadence_stopped` row is there.
    const sms = signedSms(call.from, 'yes please, the furnace is still out');
    const sent = performance.now();
    let answered = Number.NaN;
    const response = post(baseUrl, SMS_PATH, sms.body, sms.signature).then(async (r) => {
      await r.arrayBuffer();
      answered = performance.now() - sent;
      if (r.status !== 200) problems.push(`lead ${i}: reply answered ${r.status}`);
    });
    let seen = Number.NaN;
    const deadline = sent + 10_000;
    while (performance.now() < deadline) {
      if (await stoppedNow(lead.id)) {
        seen = performance.now() - sent;
        break;
      }
      await sleep(PLAN.pollMs);
    }
    await response;
    await rb.queue.idle();
    if (Number.isNaN(seen)) problems.push(`lead ${i}: no cadence_stopped within 10 s`);
    else stop.push(seen);
    webhook.push(answered);
  }
  await endPoll();
  cleanups.splice(cleanups.indexOf(endPoll), 1);
  await closeRb();
  cleanups.splice(cleanups.indexOf(closeRb), 1);
  await stopFake();
  cleanups.splice(cleanups.indexOf(stopFake), 1);
  return { db: db.kind, leads: calls.length, stop: summarize(stop), webhook: summarize(webhook), timerHandler: summarize(handler), problems };
}

// ---------------------------------------------------------------------------------------------

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${availableParallelism()} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

async function busyPct(): Promise<number | null> {
  const a = machineCpuMs();
  await sleep(1000);
  const b = machineCpuMs();
  if (!a || !b) return null;
  return (100 * (b.busy - a.busy)) / (b.total - a.total);
}

function loadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

async function serverVersion(db: TimersDatabase): Promise<string> {
  const database = await openDatabase(db.options);
  try {
    const [row] = await query<{ v: string }>(database, 'select version() as v');
    return (row?.v ?? 'unknown').replace(/ on .*$/, '').replace(/,.*$/, '');
  } finally {
    await database.close();
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log(`Ringback timer benchmark${QUICK ? ' (BENCH_QUICK)' : ''} — ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  const busy = await busyPct();
  if (busy !== null) console.log(`machine busy before the run: ${busy.toFixed(0)} % (load average ${loadAverage()})${busy > 15 ? ' — other work is running: expect noisy figures' : ''}`);
  const timers: TimerResult[] = [];
  const cadences: CadenceResult[] = [];
  const versions: Record<string, string> = {};
  for (const kind of PLAN.dbs) {
    const started = Date.now();
    const log = (m: string) => console.error(`[timers ${kind} +${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`);
    let db: TimersDatabase | undefined;
    try {
      db = await createDatabase(kind);
      const drop = db.drop;
      cleanups.push(drop);
      versions[kind] = await serverVersion(db);
      log(`fresh database (${versions[kind]})`);
      timers.push(await timerLateness(db, log));
      cadences.push(await cadenceStop(db, log));
      await cleanup();
    } catch (err) {
      await cleanup();
      console.error(`[timers ${kind}] failed:`, err);
      process.exitCode = 1;
    }
  }

  console.log('');
  console.log('Timer lateness (job startAfter → onTimer ran), milliseconds');
  console.log(
    table(
      ['db', 'pending', 'due', 'window s', 'due/s', 'p50', 'p95', 'p99', 'max', 'not run', 'dup', 'ran/s', 'p99 by fifth of the window', 'fetch ms'],
      timers.map((r) => {
        const ge = r.notRun > 0 ? '≥' : '';
        return [
          r.db,
          r.pending.toLocaleString('en-US'),
          r.due.toLocaleString('en-US'),
          String(r.windowSeconds),
          (r.due / r.windowSeconds).toFixed(0),
          ge + ms(r.lateness.p50),
          ge + ms(r.lateness.p95),
          ge + ms(r.lateness.p99),
          ge + ms(r.lateness.max),
          String(r.notRun),
          String(r.duplicated),
          r.throughputPerSecond.toFixed(1),
          r.p99ByFifth.map((v) => ms(v)).join(' / '),
          `${r.emptyFetchMs.empty.toFixed(1)} → ${r.emptyFetchMs.loaded.toFixed(1)}`,
        ];
      }),
    ),
  );
  console.log(
    'not run: due jobs that had not run when the bench stopped waiting (their lateness counts up to then: ≥); ran/s: due jobs run per second;\n' +
      'fetch ms: median time of a fetch that finds nothing, on an empty queue → with the pending load.',
  );
  for (const r of timers) {
    const met = r.notRun === 0 && r.lateness.p99 <= PLAN.targetP99Ms;
    console.log(`${r.db}: worker ${r.worker}; p99 ${r.notRun > 0 ? '≥ ' : ''}${ms(r.lateness.p99)} ms (target ≤ ${ms(PLAN.targetP99Ms)} ms: ${met ? 'met' : 'MISSED'})`);
    console.log(`  inserted ${r.pending.toLocaleString('en-US')} pending in ${ms(r.insertPendingMs)} ms, ${r.due.toLocaleString('en-US')} due in ${ms(r.insertDueMs)} ms; jobs by state at the end: ${JSON.stringify(r.jobStates)}`);
    if (r.unexpected > 0) console.log(`  ${r.unexpected} jobs ran that were not due (far-future jobs run early)`);
  }

  console.log('');
  console.log('Cadence stop (signed SMS reply posted → cadence_stopped row committed, polled every 5 ms), milliseconds');
  console.log(
    table(
      ['db', 'leads', 'p50', 'p95', 'p99', 'max', 'webhook p50', 'webhook p99', 'timer handler p50', 'timer handler p99', 'problems'],
      cadences.map((r) => [
        r.db,
        String(r.leads),
        ms(r.stop.p50),
        ms(r.stop.p95),
        ms(r.stop.p99),
        ms(r.stop.max),
        ms(r.webhook.p50),
        ms(r.webhook.p99),
        r.timerHandler.p50.toFixed(1),
        r.timerHandler.p99.toFixed(1),
        String(r.problems.length),
      ]),
    ),
  );
  console.log('timer handler: the body of the app\'s onTimer (findOrganizationById + recordLeadInput(timer_fired)) for each lead\'s first cadence step.');
  for (const r of cadences) for (const p of r.problems.slice(0, 5)) console.log(`  ${r.db}: ${p}`);
  for (const [k, v] of Object.entries(versions)) console.log(`${k}: ${v}`);
  console.log(`\ntotal time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (process.env.BENCH_TIMERS_JSON) writeFileSync(process.env.BENCH_TIMERS_JSON, JSON.stringify({ machine: machine(), plan: PLAN, timers, cadences }, null, 2));
}

main().catch(async (err) => {
  console.error(err);
  await cleanup();
  process.exit(1);
});
