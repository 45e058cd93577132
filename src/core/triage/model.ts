/**
 * The statistical part of triage: a Naive Bayes text classifier (`wink-naive-bayes-text-classifier`) over the
 * feature tokens of features.ts (Porter2 stems + bigrams + marker features), trained on the training split of the
 * committed corpus (src/triage-data/corpus.jsonl; the 20 % held-out split is never used).
 *
 * Trained at module load: reading the corpus and training on its ~1,800 training messages takes ~70–150 ms
 * (docs/triage.md), well under the 300 ms budget, so there is no serialized model to keep in sync with the corpus.
 * Prediction is synchronous and pure.
 *
 * Labels: every intent, with safety emergencies as their own label `safety`. classify.ts lets the model decide
 * only the intents no rule owns (never `stop`, `emergency` or safety); learning those labels keeps their words from
 * leaking into the others, and its lean towards them is reported in the reasons. The wink classifier scores each
 * label one-vs-rest as log2 odds; a softmax (log2 odds × ln 2) turns them into the probabilities reported.
 */
import naiveBayesTextClassifier, { type NaiveBayesTextClassifier } from 'wink-naive-bayes-text-classifier';
import { featureTokens } from './features.ts';
import { loadCorpus, splitCorpus, type CorpusExample } from './corpus.ts';
import type { Intent } from './intents.ts';

/** What the model predicts: an intent, or `safety` for a safety emergency. */
export type ModelLabel = Intent | 'safety';

/** Wink configuration (chosen by 5-fold cross-validation on the training split; see docs/triage.md). */
export const MODEL_CONFIG = { considerOnlyPresence: true, smoothingFactor: 0.2 } as const;

/** A model prediction: labels with probabilities, best first. */
export interface ModelPrediction {
  ranked: Array<{ label: ModelLabel; p: number }>;
  /** Tokens that pushed the top label most (stems/bigrams), best first; at most 4. */
  features: string[];
  /** False when no token of the message was seen in training (then `ranked` is the training prior). */
  known: boolean;
}

export function labelOf(e: Pick<CorpusExample, 'intent' | 'safety'>): ModelLabel {
  return e.safety ? 'safety' : e.intent;
}

interface Counts {
  /** label → token → count. */
  count: Record<string, Record<string, number>>;
  /** label → total tokens. */
  words: Record<string, number>;
  samples: Record<string, number>;
  vocabulary: number;
  smoothing: number;
}

/**
 * A trained model: the wink classifier, and the same model compiled into a lookup table for fast prediction.
 *
 * wink's `computeOdds(tokens)` scores every label one-vs-rest as log2 odds:
 *   odds(label) = Σ over in-vocabulary tokens t of [log2 P(t | label) − log2 P(t | not label)]
 *                 + log2 P(label) − log2 P(not label)
 * with additive smoothing; it recomputes every term on every call (O(labels² × tokens) logarithms, ~100 µs per
 * message on this corpus). The terms depend only on the training counts, so {@link TriageModel} precomputes, per vocabulary
 * token, the vector of per-label terms once, and prediction is a sum of vectors (~1–2 µs). `computeOddsWink` runs
 * wink's own implementation; a unit test checks both agree.
 */
export class TriageModel {
  private readonly nb: NaiveBayesTextClassifier;
  private readonly counts: Counts;
  private readonly labels: ModelLabel[];
  private readonly prior: Array<{ label: ModelLabel; p: number }>;
  /** token → per-label log2 likelihood ratio term (index = position in `labels`). */
  private readonly table: Map<string, Float64Array>;
  /** Per-label log2 prior odds. */
  private readonly priorOdds: Float64Array;

  private readonly tokenize: (text: string) => string[];

  constructor(
    examples: readonly Pick<CorpusExample, 'text' | 'intent' | 'safety'>[],
    config: { considerOnlyPresence: boolean; smoothingFactor: number } = MODEL_CONFIG,
    tokenize: (text: string) => string[] = featureTokens,
  ) {
    this.tokenize = tokenize;
    this.nb = naiveBayesTextClassifier();
    this.nb.defineConfig({ ...config });
    for (const e of examples) this.nb.learn(tokenize(e.text), labelOf(e));
    this.nb.consolidate();
    const [, samples, count, words, voc] = JSON.parse(this.nb.exportJSON()) as [
      unknown,
      Record<string, number>,
      Record<string, Record<string, number>>,
      Record<string, number>,
      string[],
    ];
    this.counts = { count, words, samples, vocabulary: voc.length, smoothing: config.smoothingFactor };
    this.labels = Object.keys(samples) as ModelLabel[];
    const total = examples.length;
    this.prior = this.labels
      .map((label) => ({ label, p: (samples[label] ?? 0) / total }))
      .sort((a, b) => b.p - a.p);
    ({ table: this.table, priorOdds: this.priorOdds } = compile(this.labels, this.counts, voc));
  }

  /** wink's own `computeOdds` (slow; for tests and checks). */
  computeOddsWink(tokens: readonly string[]): Array<[string, number]> {
    return this.nb.computeOdds(tokens as string[]);
  }

  /** The same log2 odds as wink's `computeOdds`, from the compiled table: [label, odds] best first. */
  computeOdds(tokens: readonly string[]): Array<[ModelLabel, number]> {
    const n = this.labels.length;
    const acc = new Float64Array(n);
    let known = 0;
    for (const t of tokens) {
      const row = this.table.get(t);
      if (row === undefined) continue;
      known++;
      for (let i = 0; i < n; i++) acc[i]! += row[i]!;
    }
    if (known === 0) return [];
    const out: Array<[ModelLabel, number]> = [];
    for (let i = 0; i < n; i++) out.push([this.labels[i]!, acc[i]! + this.priorOdds[i]!]);
    out.sort((a, b) => b[1] - a[1]);
    return out;
  }

  /** Predicts from already computed feature tokens. */
  predictTokens(tokens: readonly string[]): ModelPrediction {
    const rows: Float64Array[] = [];
    const rowTokens: string[] = [];
    for (const t of tokens) {
      const row = this.table.get(t);
      if (row === undefined) continue;
      rows.push(row);
      rowTokens.push(t);
    }
    return this.fromRows(rows, rowTokens);
  }

  /** Predicts the label of `text`. */
  predict(text: string): ModelPrediction {
    return this.predictTokens(this.tokenize(text));
  }

  /** Sums the rows of the known tokens into log2 odds and turns them into a prediction. */
  private fromRows(rows: readonly Float64Array[], rowTokens: readonly string[]): ModelPrediction {
    const n = this.labels.length;
    const acc = new Float64Array(n);
    for (const row of rows) for (let i = 0; i < n; i++) acc[i]! += row[i]!;
    if (rows.length === 0) return { ranked: this.prior, features: [], known: false };
    // Log2 odds → softmax (× ln 2).
    let top = 0;
    for (let i = 0; i < n; i++) {
      acc[i]! += this.priorOdds[i]!;
      if (acc[i]! > acc[top]!) top = i;
    }
    let sum = 0;
    const ranked: Array<{ label: ModelLabel; p: number }> = [];
    for (let i = 0; i < n; i++) {
      const e = Math.exp((acc[i]! - acc[top]!) * Math.LN2);
      sum += e;
      ranked.push({ label: this.labels[i]!, p: e });
    }
    for (const r of ranked) r.p /= sum;
    ranked.sort((x, y) => y.p - x.p);
    return { ranked, features: explain(rows, rowTokens, top), known: true };
  }
}

/**
 * The tokens whose term for label index `li` (its smoothed log2 likelihood ratio against all other labels, the
 * quantity wink sums) is highest and positive: at most 4, best first, no repeats.
 */
function explain(rows: readonly Float64Array[], tokens: readonly string[], li: number): string[] {
  const best: Array<[string, number]> = [];
  for (let k = 0; k < rows.length; k++) {
    const v = rows[k]![li]!;
    if (v <= 0) continue;
    const t = tokens[k]!;
    let dup = false;
    for (const [b] of best) if (b === t) dup = true;
    if (!dup) best.push([t, v]);
  }
  best.sort((x, y) => y[1] - x[1]);
  return best.slice(0, 4).map(([t]) => t);
}

/** Precomputes wink's per-token odds terms (see {@link TriageModel}). */
function compile(
  labels: readonly ModelLabel[],
  counts: Counts,
  voc: readonly string[],
): { table: Map<string, Float64Array>; priorOdds: Float64Array } {
  const { count, words, samples, smoothing } = counts;
  const v = voc.length;
  const n = labels.length;
  const wordsOf = labels.map((l) => words[l] ?? 0);
  const totalWords = wordsOf.reduce((a, b) => a + b, 0);
  const samplesOf = labels.map((l) => samples[l] ?? 0);
  const totalSamples = samplesOf.reduce((a, b) => a + b, 0);
  // log2 of the smoothed denominators, for the label and for all other labels.
  const denIn = wordsOf.map((w) => Math.log2(w + v * smoothing));
  const denOut = wordsOf.map((w) => Math.log2(totalWords - w + v * smoothing));
  const table = new Map<string, Float64Array>();
  for (const t of voc) {
    const c = labels.map((l) => count[l]?.[t] ?? 0);
    const all = c.reduce((a, b) => a + b, 0);
    const row = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const lh = Math.log2(c[i]! + smoothing) - denIn[i]!;
      const ilh = Math.log2(all - c[i]! + smoothing) - denOut[i]!;
      row[i] = lh - ilh;
    }
    table.set(t, row);
  }
  const priorOdds = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    priorOdds[i] = Math.log2(samplesOf[i]!) - Math.log2(totalSamples) - (Math.log2(totalSamples - samplesOf[i]!) - Math.log2(totalSamples));
  }
  return { table, priorOdds };
}

/** Training examples: the corpus minus the held-out split. */
export function trainingExamples(): CorpusExample[] {
  return splitCorpus(loadCorpus()).train;
}

let trainMs = 0;
/** The model trained on the committed corpus at module load. */
export const MODEL: TriageModel = (() => {
  const t0 = performance.now();
  const m = new TriageModel(trainingExamples());
  trainMs = performance.now() - t0;
  return m;
})();

/** Milliseconds it took to load the corpus and train {@link MODEL} at module load. */
export function modelTrainMs(): number {
  return trainMs;
}
