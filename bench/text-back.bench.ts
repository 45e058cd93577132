/**
 * `npm run bench`: text-back latency and the highest sustained missed-call rate, on PGlite and on
 * PostgreSQL (issue 2, item 11; results in docs/benchmarks.md).
 *
 * For each database: a fresh database with one organization, a local fake Twilio REST API, and
 * Ringback (`src/main.ts`) in a child process. Missed calls are signed `<Dial action>` webhooks
 * (`DialCallStatus=no-answer`) from callers never seen before, sent open-loop to 127.0.0.1.
 * Text-back latency = the fake API's receipt of the SMS to that caller − the moment the webhook
 * request was sent.
 *
 * 1. A warm-up (5 s at the steady rate, not measured), then the steady phase (default 100 calls/s
 *    for 10 s): p50/p95/p99/max, webhook response p99, lost (no text) and duplicated texts.
 * 2. A ramp (50, 75, 100, 150, 200, 300, 400, 600 calls/s, 10 s each) that stops at the first step
 *    that fails; a step passes when every call got exactly one text, no webhook failed, p99 < 1 s
 *    and the last text arrived within 5 s of the last call (the backlog drained).
 *
 * It also reports, for the steady phase, the SQL statements per missed call (counted inside the
 * server by `count-queries.ts`), the CPU the server, PostgreSQL, the generator and other processes
 * used (/proc), and on PostgreSQL the pg-boss effect jobs still waiting. Before starting it waits up
 * to 60 s for the machine to be quiet, and prints how busy it was.
 *
 * Environment: `BENCH_QUICK=1` (a short run), `BENCH_DBS=pglite,postgres`, `BENCH_RATE`,
 * `BENCH_SECONDS`, `BENCH_WARMUP_RATE`, `BENCH_STEPS=50,100,…`, `BENCH_STEP_SECONDS`,
 * `BENCH_DATABASE_URL` (else `TEST_DATABASE_URL`, else postgres://postgres@127.0.0.1:5432/test),
 * `BENCH_JSON=<file>` (raw results), `BENCH_CPU_PROF=<dir>` (a V8 CPU profile of the server).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFakeTwilio, type FakeTwilio } from '../test/support/fake-twilio.ts';
import { ACCOUNT_SID, AUTH_TOKEN, BENCH_SECRET, prepareDatabase, type BenchDatabase, type DbKind } from './bench-database.ts';
import { buildCalls, Callers, PUBLIC_URL, sendOpenLoop, type Call } from './load.ts';
import { cpuSnapshot, cpuUse, machineCpuMs, type CpuUse } from './cpu.ts';
import { startServer, type QueryCounts, type ServerProcess } from './server-process.ts';
import { ms, summarize, table, type LatencySummary } from './stats.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const numList = (v: string | undefined, d: number[]) => (v ? v.split(',').map((s) => Number(s.trim())).filter((n) => n > 0) : d);
const PLAN = {
  dbs: (process.env.BENCH_DBS ?? 'pglite,postgres').split(',').map((s) => s.trim()).filter(Boolean) as DbKind[],
  steadyRate: Number(process.env.BENCH_RATE ?? 100),
  /** Warm-up at the steady rate by default: JIT, pool connections and caches are warm when measuring starts. */
  warmupRate: Number(process.env.BENCH_WARMUP_RATE ?? process.env.BENCH_RATE ?? 100),
  warmupSeconds: QUICK ? 1 : 5,
  steadySeconds: Number(process.env.BENCH_SECONDS ?? (QUICK ? 4 : 10)),
  steps: numList(process.env.BENCH_STEPS, QUICK ? [50, 100, 200] : [50, 75, 100, 150, 200, 300, 400, 600]),
  stepSeconds: Number(process.env.BENCH_STEP_SECONDS ?? (QUICK ? 2 : 10)),
  /** Longest wait for the texts of a phase after its last call (ms). */
  steadyDrainMs: 30_000,
  stepDrainMs: 5_000,
  /** Extra wait after a phase drained, for late duplicates (ms). */
  graceMs: 1_000,
  stepP99LimitMs: 1_000,
  targetP99Ms: 250,
};

interface PhaseResult {
  db: DbKind;
  phase: string;
  rate: number;
  calls: number;
  achievedRate: number;
  latency: LatencySummary;
  webhookP99: number;
  lost: number;
  duplicated: number;
  failedWebhooks: number;
  drainMs: number;
  maxLagMs: number;
  /** Server + PostgreSQL backend CPU per call in this phase (ms), and the machine share other processes used (%). */
  cpuPerCallMs?: number;
  othersPct?: number | null;
  passed?: boolean;
}

interface DbResult {
  db: DbKind;
  version: string;
  phases: PhaseResult[];
  maxSustainedRate: number | null;
  maxSustainedIsLowerBound: boolean;
  statementsPerCall: number | null;
  statementBreakdown: Array<[string, number]>;
  commitsPerCall: number | null;
  /** pg-boss effect jobs still waiting after the steady phase drained, and at the end (PostgreSQL only). */
  queueBacklogAfterSteady: number | null;
  queueBacklogAtEnd: number | null;
  /** CPU during the steady phase (warm-up excluded), from /proc. */
  cpu: CpuUse & { wallMs: number };
  strayTexts: number;
  serverWarnings: number;
  sampleWarnings: string[];
}

const cleanups: Array<() => Promise<unknown>> = [];
async function cleanup(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()!().catch((err) => console.error('cleanup failed:', err));
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));

/** Assigns the fake API's messages to the calls, by recipient; counts texts to unknown numbers. */
class TextTracker {
  private cursor = 0;
  stray = 0;
  private readonly byCaller = new Map<string, Call>();
  constructor(private readonly fake: FakeTwilio) {}
  track(calls: Call[]) {
    for (const c of calls) this.byCaller.set(c.from, c);
  }
  collect() {
    const list = this.fake.messages;
    for (; this.cursor < list.length; this.cursor++) {
      const m = list[this.cursor]!;
      const call = this.byCaller.get(m.to);
      if (call) call.textsAt.push(m.receivedAt);
      else this.stray++;
    }
  }
  /** Waits until every call has a text or a failed webhook, or `timeoutMs`. Returns whether all were settled. */
  async waitSettled(calls: Call[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.collect();
      if (calls.every((c) => c.textsAt.length > 0 || c.error !== null || (c.status !== null && c.status !== 200))) return true;
      if (Date.now() > deadline) return false;
      await sleep(20);
    }
  }
}

function phaseResult(db: DbKind, phase: string, rate: number, calls: Call[], sentMs: number): PhaseResult {
  const latencies = calls.filter((c) => c.textsAt.length > 0).map((c) => Math.min(...c.textsAt) - c.sentAt);
  const webhook = calls.filter((c) => c.respondedAt !== null).map((c) => c.respondedAt! - c.sentAt);
  const lastSent = Math.max(...calls.map((c) => c.sentAt));
  const lastText = Math.max(...calls.flatMap((c) => c.textsAt));
  return {
    db,
    phase,
    rate,
    calls: calls.length,
    achievedRate: calls.length / Math.max(sentMs / 1000, 1 / rate),
    latency: summarize(latencies),
    webhookP99: summarize(webhook).p99,
    lost: calls.filter((c) => c.textsAt.length === 0).length,
    duplicated: calls.filter((c) => c.textsAt.length > 1).length,
    failedWebhooks: calls.filter((c) => c.error !== null || c.status !== 200).length,
    drainMs: Number.isFinite(lastText) ? lastText - lastSent : Number.NaN,
    maxLagMs: Math.max(...calls.map((c) => c.lagMs)),
  };
}

function stepPassed(r: PhaseResult, drained: boolean): boolean {
  return drained && r.lost === 0 && r.duplicated === 0 && r.failedWebhooks === 0 && r.latency.p99 < PLAN.stepP99LimitMs && r.drainMs <= PLAN.stepDrainMs;
}

function diffCounts(before: QueryCounts, after: QueryCounts): { total: number; byKey: Array<[string, number]> } {
  const byKey: Array<[string, number]> = Object.entries(after.byKey)
    .map(([k, v]): [string, number] => [k, v - (before.byKey[k] ?? 0)])
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1]);
  return { total: after.total - before.total, byKey };
}

async function runPhase(server: ServerProcess, db: BenchDatabase, tracker: TextTracker, calls: Call[], rate: number, drainMs: number) {
  tracker.track(calls);
  const pids = await db.backendPids();
  const before = cpuSnapshot(server.pid, pids);
  const { sentMs, responses } = await sendOpenLoop(server.baseUrl, calls, rate);
  const drained = await tracker.waitSettled(calls, drainMs);
  await responses;
  const after = cpuSnapshot(server.pid, [...new Set([...pids, ...(await db.backendPids())])]);
  const use = cpuUse(before, after);
  const cpu = {
    cpuPerCallMs: (use.serverMs + use.databaseMs) / calls.length,
    othersPct: use.otherMs === null ? null : (100 * use.otherMs) / ((after.at - before.at) * availableParallelism()),
  };
  return { sentMs, drained, cpu };
}

async function benchDatabase(kind: DbKind): Promise<DbResult> {
  const started = Date.now();
  const log = (msg: string) => console.error(`[${kind} +${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
  log('preparing a fresh database');
  const db: BenchDatabase = await prepareDatabase(kind);
  cleanups.push(() => db.drop());
  const fake = await startFakeTwilio();
  cleanups.push(() => fake.close());
  fake.tokens.set(ACCOUNT_SID, AUTH_TOKEN);
  log(`starting the server (${db.version})`);
  const server = await startServer({ ...db.env, PUBLIC_URL, TWILIO_API_BASE_URL: fake.url, RINGBACK_SECRET: BENCH_SECRET });
  cleanups.push(() => server.stop());
  const tracker = new TextTracker(fake);
  const callers = new Callers();
  const phases: PhaseResult[] = [];

  log(`warm-up: ${PLAN.warmupRate}/s for ${PLAN.warmupSeconds} s`);
  const warm = buildCalls('warm-up', PLAN.warmupRate * PLAN.warmupSeconds, callers);
  await runPhase(server, db, tracker, warm, PLAN.warmupRate, PLAN.steadyDrainMs);
  await sleep(PLAN.graceMs);

  log(`steady: ${PLAN.steadyRate}/s for ${PLAN.steadySeconds} s`);
  const steady = buildCalls('steady', PLAN.steadyRate * PLAN.steadySeconds, callers);
  const countsBefore = await server.queryCounts();
  const commitsBefore = await db.commits();
  const pidsBefore = await db.backendPids();
  const cpuBefore = cpuSnapshot(server.pid, pidsBefore);
  const s = await runPhase(server, db, tracker, steady, PLAN.steadyRate, PLAN.steadyDrainMs);
  await sleep(PLAN.graceMs);
  tracker.collect();
  const pidsAfter = await db.backendPids();
  const cpuAfter = cpuSnapshot(server.pid, [...new Set([...pidsBefore, ...pidsAfter])]);
  const countsAfter = await server.queryCounts();
  if (kind === 'postgres') await sleep(1_100); // backends report their commits to pg_stat_database at most once a second
  const commitsAfter = await db.commits();
  const queueBacklogAfterSteady = await db.queueBacklog();
  const steadyResult = { ...phaseResult(kind, 'steady', PLAN.steadyRate, steady, s.sentMs), ...s.cpu };
  phases.push(steadyResult);
  log(`steady: p50 ${ms(steadyResult.latency.p50)} p99 ${ms(steadyResult.latency.p99)} ms, lost ${steadyResult.lost}${s.drained ? '' : ' (not drained)'}`);
  const statements = diffCounts(countsBefore, countsAfter);

  const ramp: Array<{ rate: number; calls: Call[]; sentMs: number; drained: boolean; cpu: Pick<PhaseResult, 'cpuPerCallMs' | 'othersPct'> }> = [];
  for (const rate of PLAN.steps) {
    log(`ramp: ${rate}/s for ${PLAN.stepSeconds} s`);
    const calls = buildCalls('ramp', rate * PLAN.stepSeconds, callers);
    const r = await runPhase(server, db, tracker, calls, rate, PLAN.stepDrainMs);
    ramp.push({ rate, calls, sentMs: r.sentMs, drained: r.drained, cpu: r.cpu });
    const result = phaseResult(kind, 'ramp', rate, calls, r.sentMs);
    const passed = stepPassed(result, r.drained);
    log(`ramp ${rate}/s: p99 ${ms(result.latency.p99)} ms, lost ${result.lost}, drain ${ms(result.drainMs)} ms → ${passed ? 'pass' : 'FAIL'}`);
    if (!passed) break;
    await sleep(500);
  }
  // A failed step's backlog and late duplicates: wait for what can still arrive, then judge every
  // step on the final counts (a duplicate that came late still fails its step).
  await tracker.waitSettled(ramp.flatMap((r) => r.calls), PLAN.steadyDrainMs);
  await sleep(PLAN.graceMs);
  tracker.collect();
  phases[0] = { ...phaseResult(kind, 'steady', PLAN.steadyRate, steady, s.sentMs), ...s.cpu };
  let maxSustained: number | null = null;
  let failedSeen = false;
  for (const r of ramp) {
    const result: PhaseResult = { ...phaseResult(kind, 'ramp', r.rate, r.calls, r.sentMs), ...r.cpu };
    // `lost`/`drain` at judgment time: a text that only came during the final wait still fails the step.
    result.passed = !failedSeen && stepPassed(result, r.drained);
    if (result.passed) maxSustained = r.rate;
    else failedSeen = true;
    phases.push(result);
  }
  const lowerBound = !failedSeen && ramp.length === PLAN.steps.length;

  const queueBacklogAtEnd = await db.queueBacklog();
  const warnings = server.warnings();
  log('stopping');
  await cleanup();
  return {
    db: kind,
    version: db.version,
    phases,
    maxSustainedRate: maxSustained,
    maxSustainedIsLowerBound: lowerBound,
    statementsPerCall: statements.total / steady.length,
    statementBreakdown: statements.byKey.map(([k, v]) => [k, v / steady.length]),
    queueBacklogAfterSteady,
    queueBacklogAtEnd,
    cpu: { ...cpuUse(cpuBefore, cpuAfter), wallMs: cpuAfter.at - cpuBefore.at },
    commitsPerCall: commitsBefore !== null && commitsAfter !== null ? (commitsAfter - commitsBefore) / steady.length : null,
    strayTexts: tracker.stray,
    serverWarnings: warnings.length,
    sampleWarnings: warnings.slice(0, 3),
  };
}

/** Busy % of the machine over one second, retried until under 15 % or `maxWaitMs` passed; null without /proc. */
async function waitForQuietMachine(maxWaitMs: number): Promise<number | null> {
  const deadline = Date.now() + maxWaitMs;
  for (;;) {
    const a = machineCpuMs();
    await sleep(1000);
    const b = machineCpuMs();
    if (!a || !b) return null;
    const pct = (100 * (b.busy - a.busy)) / (b.total - a.total);
    if (pct < 15 || Date.now() >= deadline) return pct;
  }
}

function readLoadAverage(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
}

function machine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${availableParallelism()} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log(`Ringback text-back benchmark${QUICK ? ' (BENCH_QUICK)' : ''} — ${new Date().toISOString()}`);
  console.log(`machine: ${machine()}`);
  console.log(
    `plan: warm-up ${PLAN.warmupRate}/s × ${PLAN.warmupSeconds} s; steady ${PLAN.steadyRate}/s × ${PLAN.steadySeconds} s; ramp ${PLAN.steps.join(', ')}/s × ${PLAN.stepSeconds} s each`,
  );
  // The machine may be shared: wait (bounded) for a quiet second, and say how busy it was.
  const busy = await waitForQuietMachine(QUICK ? 0 : 60_000);
  if (busy !== null) {
    console.log(`machine busy before the run: ${busy.toFixed(0)} % (load average ${readLoadAverage()})${busy > 15 ? ' — other work is running: expect noisy figures' : ''}`);
  }
  const results: DbResult[] = [];
  for (const kind of PLAN.dbs) {
    try {
      results.push(await benchDatabase(kind));
    } catch (err) {
      await cleanup();
      console.error(`[${kind}] failed:`, err);
      process.exitCode = 1;
    }
  }

  console.log('');
  console.log('Text-back latency (webhook sent → SMS request at the fake Twilio API), milliseconds');
  const rows = results.flatMap((r) =>
    r.phases.map((p) => [
      p.db,
      p.phase,
      String(p.rate),
      String(p.calls),
      ms(p.latency.p50),
      ms(p.latency.p95),
      ms(p.latency.p99),
      ms(p.latency.max),
      ms(p.webhookP99),
      String(p.lost),
      String(p.duplicated),
      String(p.failedWebhooks),
      ms(p.drainMs),
      p.cpuPerCallMs === undefined ? '-' : p.cpuPerCallMs.toFixed(1),
      p.othersPct === undefined || p.othersPct === null ? '-' : p.othersPct.toFixed(0),
      p.passed === undefined ? '' : p.passed ? 'pass' : 'FAIL',
    ]),
  );
  console.log(table(['db', 'phase', 'rate/s', 'calls', 'p50', 'p95', 'p99', 'max', 'hook p99', 'lost', 'dup', 'failed', 'drain', 'cpu/call', 'others%', 'step'], rows));
  console.log(
    'lost: calls that got no text; dup: calls that got more than one; failed: webhooks not answered 200; drain: last text − last call;\n' +
      'cpu/call: server + PostgreSQL backend CPU ms per call; others%: share of the machine other processes used meanwhile.',
  );
  console.log('');
  for (const r of results) {
    const steady = r.phases.find((p) => p.phase === 'steady')!;
    const target = r.db === 'postgres' ? ` (target ≤ ${PLAN.targetP99Ms} ms: ${steady.latency.p99 <= PLAN.targetP99Ms && steady.lost === 0 ? 'met' : 'MISSED'})` : '';
    console.log(`${r.db}: ${r.version}`);
    console.log(`  steady ${steady.rate}/s: p99 ${ms(steady.latency.p99)} ms${target}; sent at ${steady.achievedRate.toFixed(1)}/s, generator lag max ${ms(steady.maxLagMs)} ms`);
    console.log(
      `  highest sustained rate: ${r.maxSustainedRate === null ? 'none of the steps' : `${r.maxSustainedIsLowerBound ? '≥ ' : ''}${r.maxSustainedRate} missed calls/s`} (every call one text, p99 < ${PLAN.stepP99LimitMs} ms, drained within ${PLAN.stepDrainMs / 1000} s)`,
    );
    console.log(
      `  statements per missed call (steady phase): ${r.statementsPerCall?.toFixed(1)}` +
        (r.commitsPerCall !== null ? `; committed transactions per missed call (pg_stat_database): ${r.commitsPerCall.toFixed(1)}` : ''),
    );
    const c = r.cpu;
    const n = steady.calls;
    console.log(
      `  CPU per missed call (steady phase, ${(c.wallMs / 1000).toFixed(1)} s wall): server ${(c.serverMs / n).toFixed(1)} ms` +
        (r.db === 'postgres' ? `, PostgreSQL backends ${(c.databaseMs / n).toFixed(1)} ms` : ' (PGlite runs inside it)') +
        `, load generator + fake Twilio ${(c.benchMs / n).toFixed(1)} ms` +
        (c.otherMs !== null ? `; machine ${c.machineBusyPct!.toFixed(0)} % busy, of which other processes and hypervisor steal ${((100 * c.otherMs) / (c.wallMs * availableParallelism())).toFixed(0)} % (steal ${((100 * c.stealMs!) / (c.wallMs * availableParallelism())).toFixed(0)} %)` : ''),
    );
    for (const [k, v] of r.statementBreakdown) if (v >= 0.05) console.log(`    ${v.toFixed(2).padStart(6)}  ${k}`);
    if (r.queueBacklogAfterSteady !== null) {
      console.log(`  pg-boss effect jobs not yet completed: ${r.queueBacklogAfterSteady} after the steady phase drained, ${r.queueBacklogAtEnd} at the end`);
    }
    if (r.strayTexts > 0) console.log(`  texts to numbers that never called: ${r.strayTexts}`);
    if (r.serverWarnings > 0) console.log(`  server warnings: ${r.serverWarnings}, e.g. ${r.sampleWarnings.join('\n    ')}`);
  }
  console.log(`\ntotal time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ machine: machine(), plan: PLAN, results }, null, 2));
}

main().catch(async (err) => {
  console.error(err);
  await cleanup();
  process.exit(1);
});
