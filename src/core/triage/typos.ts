/**
 * Typo tolerance for the words the rules depend on. Real texts are typed fast on phones: "smlel gas", "saprks",
 * "dont contatc me", "lose my numbre". For a keyword list this builds a map from each keyword's common
 * misspellings back to the keyword:
 * - one adjacent transposition ("smlel" → "smell"), for keywords of 4+ letters;
 * - one dropped letter ("smel" → "smell") and one doubled letter ("smelll" → "smell"), for keywords of 5+ letters.
 * Variants that are real words ("pane", "park", "sell", "food", "aren") are never rewritten.
 *
 * Pure; built once per keyword list at module load.
 */

/** Builds variant → keyword for `keywords`, skipping variants in `realWords` or equal to another keyword. */
export function buildTypoMap(keywords: readonly string[], realWords: ReadonlySet<string>): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  const kw = new Set(keywords);
  const add = (variant: string, word: string): void => {
    if (variant === word || kw.has(variant) || realWords.has(variant) || m.has(variant)) return;
    m.set(variant, word);
  };
  for (const w of keywords) {
    if (w.length < 4) continue;
    for (let i = 0; i + 1 < w.length; i++) add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2), w);
    if (w.length >= 5) {
      for (let i = 0; i < w.length; i++) add(w.slice(0, i) + w.slice(i + 1), w);
      for (let i = 0; i < w.length; i++) add(w.slice(0, i + 1) + w[i] + w.slice(i + 1), w);
    }
  }
  return m;
}
