/**
 * Opt-out detection for triage: `detectConsentKeyword` from src/core/send-policy/opt-out-keywords.ts (the one
 * detector the send policy also uses), reused as is, plus two documented additions for its gaps:
 *
 * 1. Typo correction. The detector tolerates typos in the keywords themselves ("stpo", "unsubscibe") but not in
 *    the other words of a free-text opt-out: "dont contatc me", "lose my numbre", "paren de manadrme mensajes".
 *    When the detector finds nothing, the message is re-checked once with the misspelt opt-out words corrected
 *    (typos.ts); the detector still decides.
 * 2. {@link STOP_GAPS}: phrasings the detector misses that are clearly a request to stop ("stop sending these").
 *    Each is a gap to move into opt-out-keywords.ts; until then triage reports `stop` for them.
 *
 * Pure.
 */
import { detectConsentKeyword, type ConsentKeywordMatch } from '../send-policy/opt-out-keywords.ts';
import { foldText } from './features.ts';
import { buildTypoMap } from './typos.ts';

/** An opt-out (or other consent keyword) and how it was found. */
export interface OptOutFinding {
  match: ConsentKeywordMatch;
  /** `direct`: the detector on the text as written; `typo_corrected`: on the corrected text; `gap`: STOP_GAPS. */
  via: 'direct' | 'typo_corrected' | 'gap';
  /** The corrected text (for `typo_corrected`). */
  corrected?: string;
}

/** Words of free-text opt-outs whose misspellings are corrected before the second detector pass. */
const OPT_OUT_WORDS = (
  'contact contacting text texting texts message messages messaging number sending send remove list unsubscribe ' +
  'calling bother bothering anymore again delete mensajes mensaje textos escribirme escriban escribir mandarme manden ' +
  'mandar envien enviar paren dejen quitenme borren numero lista contacten molesten llamen'
).split(' ');

/** Real words among the variants: never rewritten ("other" is not "bother", "ending" is not "sending"). */
const REAL_WORDS = new Set([
  'again', 'agin', 'aren', 'both', 'deje', 'ending', 'envia', 'envie', 'gain', 'lamen', 'lisa', 'listo', 'lita',
  'llame', 'manda', 'mandame', 'mande', 'other', 'pare', 'texto', 'umber',
]);

const TYPO_MAP = buildTypoMap(OPT_OUT_WORDS, REAL_WORDS);

/**
 * Detector gaps (reported upstream; see docs/triage.md "Opt-out gaps"). Run on folded lower-case text.
 * - "stop sending these/them/those/this/that/it": the detector needs a noun ("stop sending texts") or "me".
 */
export const STOP_GAPS: ReadonlyArray<{ id: string; re: RegExp }> = [
  { id: 'stop_sending_pronoun', re: /\b(?:stop|quit) sending (?:these|them|those|this|that|it|this stuff|that stuff)\b(?! (?:part|parts|invoice|bill|quote|estimate|tech|guy|crew|paperwork))/ },
];

/** The text with misspelt opt-out words corrected; the same string when nothing changed. */
export function correctOptOutTypos(text: string): string {
  const folded = foldText(text);
  // Cheap pre-check: most messages contain no misspelt opt-out word.
  let any = false;
  for (const w of folded.split(/[^a-z]+/)) {
    if (TYPO_MAP.has(w)) {
      any = true;
      break;
    }
  }
  if (!any) return text;
  return folded.replace(/[a-z]+/g, (w) => TYPO_MAP.get(w) ?? w);
}

/**
 * Consent keyword or opt-out in `text`: the detector's answer when it has one; else an opt-out found after typo
 * correction; else a {@link STOP_GAPS} match; else null.
 */
export function findOptOut(text: string): OptOutFinding | null {
  const direct = detectConsentKeyword(text);
  if (direct !== null) return { match: direct, via: 'direct' };
  const corrected = correctOptOutTypos(text);
  if (corrected !== text) {
    const m = detectConsentKeyword(corrected);
    if (m !== null && m.kind === 'opt_out') return { match: m, via: 'typo_corrected', corrected };
  }
  const folded = foldText(text);
  for (const g of STOP_GAPS) {
    const m = g.re.exec(folded);
    if (m !== null) {
      return { match: { kind: 'opt_out', matched: m[0], rule: `triage_gap:${g.id}`, language: 'en' }, via: 'gap' };
    }
  }
  return null;
}
