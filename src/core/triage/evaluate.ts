/**
 * Evaluation of the triage classifier on labelled examples: accuracy, macro-F1, per-intent precision / recall /
 * support, the confusion matrix, false and missed stops, safety recall and precision, language accuracy.
 *
 * `runTriageEval()` evaluates `classifyMessage` on the fixed held-out split of the committed corpus (20 %, by
 * hash of the text; never trained on). The CLI (`triage eval`) prints its `text`.
 */
import { classifyMessage, type TriageResult } from './classify.ts';
import { loadCorpus, splitCorpus, type CorpusExample } from './corpus.ts';
import { INTENTS, type Intent } from './intents.ts';

/** One labelled example; `source` and `lang` are optional (reported when present). */
export type LabelledExample = Pick<CorpusExample, 'text' | 'intent' | 'safety'> & Partial<Pick<CorpusExample, 'source' | 'lang'>>;

export interface IntentScores {
  precision: number;
  recall: number;
  f1: number;
  /** Examples whose gold intent is this one. */
  support: number;
  /** Examples predicted as this one. */
  predicted: number;
}

export interface TriageError {
  text: string;
  expected: string;
  got: string;
  reasons: string[];
}

/** The evaluation report. Ratios are 0..1; a ratio with a zero denominator is 1 when nothing was expected. */
export interface TriageReport {
  examples: number;
  accuracy: number;
  /** Mean F1 over the intents that occur in the gold labels. */
  macroF1: number;
  perIntent: Record<Intent, IntentScores>;
  /** confusion[gold][predicted] = count. */
  confusion: Record<Intent, Record<Intent, number>>;
  /** Predicted `stop` when the gold intent is not `stop` (a false stop silences a customer). */
  falseStops: number;
  /** Gold `stop` not predicted as `stop`. */
  missedStops: number;
  stopRecall: number;
  safety: { support: number; detected: number; recall: number; falsePositives: number; precision: number };
  /** Present when the examples carry `lang`. */
  language?: { examples: number; accuracy: number; spanishExamples: number; spanishRecall: number };
  /** Accuracy per source when the examples carry `source`. */
  bySource?: Record<string, { examples: number; accuracy: number }>;
  errors: TriageError[];
}

const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);

/**
 * Classifies every example with `classify` (default: `classifyMessage`) and scores the results.
 * An example counts as correct when the intent matches and, for emergencies, the safety flag matches too.
 */
export function evaluateTriage(
  examples: readonly LabelledExample[],
  classify: (text: string) => TriageResult = classifyMessage,
): TriageReport {
  const confusion = Object.fromEntries(
    INTENTS.map((g) => [g, Object.fromEntries(INTENTS.map((p) => [p, 0])) as Record<Intent, number>]),
  ) as Record<Intent, Record<Intent, number>>;
  let correct = 0;
  let falseStops = 0;
  let missedStops = 0;
  let stops = 0;
  let safetySupport = 0;
  let safetyDetected = 0;
  let safetyFalse = 0;
  let langN = 0;
  let langOk = 0;
  let esN = 0;
  let esOk = 0;
  const bySource: Record<string, { examples: number; correct: number }> = {};
  const errors: TriageError[] = [];

  for (const e of examples) {
    const r = classify(e.text);
    confusion[e.intent][r.intent]++;
    const ok = r.intent === e.intent && (e.intent !== 'emergency' || r.safety === e.safety);
    if (ok) correct++;
    else {
      errors.push({
        text: e.text,
        expected: e.intent + (e.safety ? '+safety' : ''),
        got: r.intent + (r.safety ? '+safety' : ''),
        reasons: r.reasons,
      });
    }
    if (e.intent === 'stop') {
      stops++;
      if (r.intent !== 'stop') missedStops++;
    } else if (r.intent === 'stop') falseStops++;
    if (e.safety) {
      safetySupport++;
      if (r.safety) safetyDetected++;
    } else if (r.safety) safetyFalse++;
    if (e.lang !== undefined) {
      langN++;
      if (r.language === e.lang) langOk++;
      if (e.lang === 'es') {
        esN++;
        if (r.language === 'es') esOk++;
      }
    }
    if (e.source !== undefined) {
      const s = (bySource[e.source] ??= { examples: 0, correct: 0 });
      s.examples++;
      if (ok) s.correct++;
    }
  }

  const perIntent = {} as Record<Intent, IntentScores>;
  let f1Sum = 0;
  let f1N = 0;
  for (const intent of INTENTS) {
    const support = INTENTS.reduce((n, p) => n + confusion[intent][p], 0);
    const predicted = INTENTS.reduce((n, g) => n + confusion[g][intent], 0);
    const tp = confusion[intent][intent];
    const precision = ratio(tp, predicted);
    const recall = ratio(tp, support);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perIntent[intent] = { precision, recall, f1, support, predicted };
    if (support > 0) {
      f1Sum += f1;
      f1N++;
    }
  }

  const report: TriageReport = {
    examples: examples.length,
    accuracy: ratio(correct, examples.length),
    macroF1: f1N === 0 ? 1 : f1Sum / f1N,
    perIntent,
    confusion,
    falseStops,
    missedStops,
    stopRecall: ratio(stops - missedStops, stops),
    safety: {
      support: safetySupport,
      detected: safetyDetected,
      recall: ratio(safetyDetected, safetySupport),
      falsePositives: safetyFalse,
      precision: ratio(safetyDetected, safetyDetected + safetyFalse),
    },
    errors,
  };
  if (langN > 0) report.language = { examples: langN, accuracy: langOk / langN, spanishExamples: esN, spanishRecall: ratio(esOk, esN) };
  if (Object.keys(bySource).length > 0) {
    report.bySource = Object.fromEntries(
      Object.entries(bySource).map(([k, v]) => [k, { examples: v.examples, accuracy: v.correct / v.examples }]),
    );
  }
  return report;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const pad = (s: string, n: number): string => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number): string => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** Short column names for the confusion matrix. */
const SHORT: Record<Intent, string> = {
  spam: 'spam',
  emergency: 'emer',
  stop: 'stop',
  wrong_number: 'wron',
  complaint: 'comp',
  estimate_followup: 'esti',
  callback: 'call',
  booking: 'book',
  pricing: 'pric',
  question: 'ques',
  already_handled: 'alre',
  other: 'othr',
};

/**
 * A plain-text report: headline numbers, a per-intent precision/recall/F1/support table, the confusion matrix
 * (rows gold, columns predicted) and up to `maxErrors` misclassified examples (default 15).
 */
export function formatTriageReport(report: TriageReport, maxErrors = 15): string {
  const lines: string[] = [];
  lines.push(`examples            ${report.examples}`);
  lines.push(`accuracy            ${pct(report.accuracy)}`);
  lines.push(`macro-F1            ${pct(report.macroF1)}`);
  lines.push(`stop recall         ${pct(report.stopRecall)}  (missed ${report.missedStops}, false stops ${report.falseStops})`);
  lines.push(
    `safety recall       ${pct(report.safety.recall)}  (${report.safety.detected}/${report.safety.support}; precision ${pct(report.safety.precision)}, false positives ${report.safety.falsePositives})`,
  );
  if (report.language) {
    lines.push(
      `language accuracy   ${pct(report.language.accuracy)}  (Spanish recall ${pct(report.language.spanishRecall)} of ${report.language.spanishExamples})`,
    );
  }
  if (report.bySource) {
    lines.push(
      `accuracy by source  ${Object.entries(report.bySource)
        .map(([k, v]) => `${k} ${pct(v.accuracy)} (${v.examples})`)
        .join(', ')}`,
    );
  }
  lines.push('');
  lines.push(`${pad('intent', 18)}${lpad('precision', 10)}${lpad('recall', 9)}${lpad('F1', 8)}${lpad('support', 9)}`);
  for (const intent of INTENTS) {
    const s = report.perIntent[intent];
    if (s.support === 0 && s.predicted === 0) continue;
    lines.push(`${pad(intent, 18)}${lpad(pct(s.precision), 10)}${lpad(pct(s.recall), 9)}${lpad(pct(s.f1), 8)}${lpad(String(s.support), 9)}`);
  }
  lines.push('');
  lines.push('confusion (rows: gold, columns: predicted)');
  lines.push(pad('', 18) + INTENTS.map((i) => lpad(SHORT[i], 5)).join(''));
  for (const g of INTENTS) {
    lines.push(pad(g, 18) + INTENTS.map((p) => lpad(report.confusion[g][p] === 0 ? '.' : String(report.confusion[g][p]), 5)).join(''));
  }
  if (report.errors.length > 0 && maxErrors > 0) {
    lines.push('');
    lines.push(`errors (${Math.min(maxErrors, report.errors.length)} of ${report.errors.length})`);
    for (const e of report.errors.slice(0, maxErrors)) lines.push(`  ${pad(e.expected, 18)} -> ${pad(e.got, 18)} ${JSON.stringify(e.text)}`);
  }
  return lines.join('\n') + '\n';
}

/** The held-out split of the committed corpus (never used for training). */
export function heldOutExamples(): CorpusExample[] {
  return splitCorpus(loadCorpus()).heldOut;
}

/** Evaluates `classifyMessage` on the held-out split and formats the report. */
export function runTriageEval(): { report: TriageReport; text: string } {
  const report = evaluateTriage(heldOutExamples());
  return { report, text: formatTriageReport(report) };
}
