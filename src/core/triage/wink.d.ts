/**
 * Type declarations for the parts of the winkjs packages triage uses (they ship no TypeScript types).
 * Sources: wink-naive-bayes-text-classifier 2.2.1 README/API, wink-nlp-utils 2.1.0 `src/`, wink-porter2-stemmer 2.0.1.
 */

declare module 'wink-nlp-utils/src/string-tokenize0.js' {
  /** Splits on non-word characters, amplifies "n't" to "not" and removes elisions. */
  const tokenize0: (text: string) => string[];
  export default tokenize0;
}

declare module 'wink-nlp-utils/src/tokens-append-bigrams.js' {
  /** Appends `a_b` for every adjacent pair to `tokens` (in place) and returns it. */
  const appendBigrams: (tokens: string[]) => string[];
  export default appendBigrams;
}

declare module 'wink-porter2-stemmer' {
  /** Porter2 (Snowball English) stem of one lower-case word. */
  const stem: (word: string) => string;
  export default stem;
}

declare module 'wink-naive-bayes-text-classifier' {
  /** One Naive Bayes text classifier instance (see the package README). */
  export interface NaiveBayesTextClassifier {
    defineConfig(cfg: { considerOnlyPresence?: boolean; smoothingFactor?: number }): boolean;
    definePrepTasks(tasks: Array<(input: unknown) => unknown>): number;
    /** Learns one example: tokens (no prep tasks) or text (with prep tasks) and its label. */
    learn(input: string | string[], label: string): boolean;
    consolidate(): boolean;
    /** The most likely label, or 'unknown' when no token was seen in training. */
    predict(input: string | string[]): string;
    /** [label, log2 odds] pairs, best first; [['unknown', 0]] when no token was seen in training. */
    computeOdds(input: string | string[]): Array<[string, number]>;
    stats(): { labelWiseSamples: Record<string, number>; labelWiseWords: Record<string, number>; vocabulary: number };
    exportJSON(): string;
    importJSON(json: string): boolean;
    reset(): boolean;
  }
  const naiveBayesTextClassifier: () => NaiveBayesTextClassifier;
  export default naiveBayesTextClassifier;
}
