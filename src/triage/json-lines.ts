/**
 * The line protocol of `ringback classify` (DESIGN.md §6): one JSON object `{"text": "..."}` per input line, one
 * JSON line per non-blank input line out.
 */
import type { Triage } from './triage-message.ts';

/**
 * Turns one input line into its output line (without the newline), or `null` for a blank line (no output).
 *
 * - `{"text": "..."}` → `{"intent","safety","confidence","language","source","reasons"}`; a string or number `id`
 *   in the input is echoed first.
 * - Not JSON, not an object, or no string `text` → `{"error": "...", "line": lineNo}` (the caller goes on).
 *
 * A leading byte-order mark is ignored.
 */
export async function triageJsonLine(line: string, lineNo: number, triage: Triage): Promise<string | null> {
  const trimmed = line.replace(/^\uFEFF/, '');
  if (trimmed.trim() === '') return null;
  let input: unknown;
  try {
    input = JSON.parse(trimmed);
  } catch {
    return JSON.stringify({ error: 'invalid JSON', line: lineNo });
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return JSON.stringify({ error: 'expected a JSON object {"text": "..."}', line: lineNo });
  }
  const { text, id } = input as { text?: unknown; id?: unknown };
  const echo = typeof id === 'string' || typeof id === 'number' ? { id } : {};
  if (typeof text !== 'string') return JSON.stringify({ ...echo, error: 'missing or non-string "text"', line: lineNo });
  const r = await triage.triage(text);
  return JSON.stringify({
    ...echo,
    intent: r.intent,
    safety: r.safety,
    confidence: r.confidence,
    language: r.language,
    source: r.source,
    reasons: r.reasons,
  });
}
