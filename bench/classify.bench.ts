/**
 * Triage classifier throughput (issue 3, item 6; results in docs/triage.md): `classifyMessage` over every message
 * of the committed corpus (src/triage-data/corpus.jsonl), repeated, on one core (one synchronous loop in this
 * process). Target ≥ 20,000 messages/s.
 *
 *   npx tsx bench/classify.bench.ts            # ~5 s of measurement
 *   BENCH_SECONDS=2 npx tsx bench/classify.bench.ts
 *   BENCH_JSON=out.json npx tsx bench/classify.bench.ts
 *
 * Prints the module load time (ELD database + training the model), a warm-up, then the best and median of
 * several timed rounds. Exits non-zero when the median is below BENCH_MIN_RATE (default 0 = never).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

const t0 = performance.now();
const { classifyMessage } = await import('../src/core/triage/classify.ts');
const { loadCorpus } = await import('../src/core/triage/corpus.ts');
const { modelTrainMs } = await import('../src/core/triage/model.ts');
const loadMs = performance.now() - t0;

const texts = loadCorpus().map((e) => e.text);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const minRate = Number(process.env.BENCH_MIN_RATE ?? 0);

// Warm-up: let V8 optimise the hot paths.
let sink = 0;
for (let i = 0; i < 3; i++) for (const t of texts) sink += classifyMessage(t).confidence;

const rounds: number[] = [];
const deadline = performance.now() + seconds * 1000;
while (performance.now() < deadline || rounds.length < 3) {
  const start = performance.now();
  for (const t of texts) sink += classifyMessage(t).confidence;
  const ms = performance.now() - start;
  rounds.push((texts.length * 1000) / ms);
}
rounds.sort((a, b) => a - b);
const median = rounds[Math.floor(rounds.length / 2)]!;
const best = rounds[rounds.length - 1]!;
const worst = rounds[0]!;

const result = {
  messages: texts.length,
  rounds: rounds.length,
  medianPerSecond: Math.round(median),
  bestPerSecond: Math.round(best),
  worstPerSecond: Math.round(worst),
  microsecondsPerMessage: Number((1e6 / median).toFixed(1)),
  moduleLoadMs: Math.round(loadMs),
  trainMs: Math.round(modelTrainMs()),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
};
process.stdout.write(
  `classify throughput (one core, ${texts.length} corpus messages × ${rounds.length} rounds, ${result.node}, ${result.cpu})\n` +
    `  median ${result.medianPerSecond.toLocaleString('en-US')} messages/s (${result.microsecondsPerMessage} µs/message); ` +
    `best ${result.bestPerSecond.toLocaleString('en-US')}, worst ${result.worstPerSecond.toLocaleString('en-US')}\n` +
    `  module load ${result.moduleLoadMs} ms (of which training ${result.trainMs} ms)\n`,
);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(result, null, 2) + '\n');
if (sink === -1) process.stdout.write('\n'); // keep `sink` alive
if (minRate > 0 && median < minRate) {
  process.stderr.write(`below BENCH_MIN_RATE=${minRate}\n`);
  process.exitCode = 1;
}
