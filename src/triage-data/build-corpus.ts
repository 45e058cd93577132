/**
 * Writes src/triage-data/corpus.jsonl from the hand-written messages (handwritten.ts) and the template-generated
 * ones (templates.ts). Deterministic: running it twice writes the same file.
 *
 *   npx tsx src/triage-data/build-corpus.ts
 *
 * Each line: {"text","intent","safety","source":"sms|voicemail|form","lang":"en|es"}. Exact duplicates (after
 * lower-casing, accent folding and punctuation removal) are dropped, hand-written first.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HANDWRITTEN } from './handwritten.ts';
import { dedupeKey, generateTemplated } from './templates.ts';
import type { CorpusExample } from '../core/triage/corpus.ts';

export const CORPUS_URL = new URL('./corpus.jsonl', import.meta.url);

export function buildCorpus(): CorpusExample[] {
  const seen = new Set<string>();
  const out: CorpusExample[] = [];
  const add = (text: string, label: string, source: CorpusExample['source'], lang: CorpusExample['lang']): void => {
    const key = dedupeKey(text);
    if (key === '' && text.trim() === '') return;
    const k = key === '' ? text : key;
    if (seen.has(k)) return;
    seen.add(k);
    const safety = label === 'safety';
    out.push({ text, intent: safety ? 'emergency' : (label as CorpusExample['intent']), safety, source, lang });
  };
  for (const s of HANDWRITTEN) for (const t of s.texts) add(t, s.label, s.source, s.lang);
  for (const r of generateTemplated(seen)) {
    const safety = r.label === 'safety';
    out.push({ text: r.text, intent: safety ? 'emergency' : (r.label as CorpusExample['intent']), safety, source: r.source, lang: r.lang });
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = buildCorpus();
  writeFileSync(CORPUS_URL, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const by: Record<string, number> = {};
  for (const r of rows) by[r.intent + (r.safety ? '+safety' : '')] = (by[r.intent + (r.safety ? '+safety' : '')] ?? 0) + 1;
  const es = rows.filter((r) => r.lang === 'es').length;
  process.stderr.write(`wrote ${rows.length} examples (${es} Spanish) to ${fileURLToPath(CORPUS_URL)}\n${JSON.stringify(by)}\n`);
}
