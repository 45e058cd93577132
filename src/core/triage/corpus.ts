/**
 * The labelled triage corpus (src/triage-data/corpus.jsonl) and its fixed train / held-out split.
 *
 * Split: FNV-1a 32-bit hash of the message text (UTF-8 code units as written); `hash % 100 < 20` is held out. The
 * split is a pure function of the text, so it never changes when examples are added or reordered, and held-out
 * examples are never used for training (classify.ts trains on `isHeldOut(text) === false` only).
 */
import { readFileSync } from 'node:fs';
import { INTENTS, type Intent } from './intents.ts';

/** One labelled message: a line of corpus.jsonl. */
export interface CorpusExample {
  text: string;
  intent: Intent;
  /** True only for safety emergencies (then `intent` is `'emergency'`). */
  safety: boolean;
  source: 'sms' | 'voicemail' | 'form';
  lang: 'en' | 'es';
}

/** Location of the committed corpus. */
export const CORPUS_FILE = new URL('../../triage-data/corpus.jsonl', import.meta.url);

/** Percentage of the corpus held out from training. */
export const HELD_OUT_PERCENT = 20;

/** FNV-1a 32-bit over UTF-16 code units. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** True when `text` belongs to the fixed held-out split (never trained on). */
export function isHeldOut(text: string): boolean {
  return fnv1a(text) % 100 < HELD_OUT_PERCENT;
}

/** Parses and validates corpus.jsonl. Throws on a malformed line. */
export function parseCorpus(jsonl: string): CorpusExample[] {
  const out: CorpusExample[] = [];
  const lines = jsonl.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const o = JSON.parse(line) as Partial<CorpusExample>;
    if (
      typeof o.text !== 'string' ||
      !(INTENTS as readonly string[]).includes(o.intent as string) ||
      typeof o.safety !== 'boolean' ||
      (o.safety && o.intent !== 'emergency') ||
      !['sms', 'voicemail', 'form'].includes(o.source as string) ||
      !['en', 'es'].includes(o.lang as string)
    ) {
      throw new Error(`triage corpus: bad line ${i + 1}: ${line}`);
    }
    out.push(o as CorpusExample);
  }
  return out;
}

/** Reads the committed corpus (synchronous file read). */
export function loadCorpus(file: URL = CORPUS_FILE): CorpusExample[] {
  return parseCorpus(readFileSync(file, 'utf8'));
}

/** The corpus split into training and held-out examples. */
export function splitCorpus(examples: readonly CorpusExample[]): { train: CorpusExample[]; heldOut: CorpusExample[] } {
  const train: CorpusExample[] = [];
  const heldOut: CorpusExample[] = [];
  for (const e of examples) (isHeldOut(e.text) ? heldOut : train).push(e);
  return { train, heldOut };
}
