/**
 * Text → feature tokens for the statistical intent model (model.ts).
 *
 * Steps: accent folding and lower case (so "mañana" = "manana", "LLÁMAME" = "llamame"); curly apostrophes to
 * ASCII; phone numbers, money, clock times and other numbers replaced by placeholder words (`zphone`, `zmoney`,
 * `ztime`, `znum`: the value never matters, the fact that one is there does); then the wink-nlp-utils tokenizer
 * (`string.tokenize0`: splits on non-word characters, expands "n't" to "not", drops "'s"/"'re" elisions) and the
 * Porter2 stemmer from `wink-porter2-stemmer` (English; Spanish words pass through mostly unchanged, which is
 * fine for a bag-of-words model); then word bigrams (wink-nlp-utils `tokens.appendBigrams`) so "call me",
 * "how much", "wrong number", "not interested" and "no heat" are features of their own. Marker features are
 * added: `zq` (a question mark), `zbang` (an exclamation mark), `zemoji` (any pictographic emoji) and a length
 * bucket `zlen0|1|2|4|9|21` (acknowledgements are short, voicemails long). Words longer than 24 letters are cut
 * and not stemmed (the stemmer is slow on a pasted URL or a held-down key).
 *
 * Pure. Stems are memoised in a bounded map (a cache: results never depend on it).
 */
import tokenize0 from 'wink-nlp-utils/src/string-tokenize0.js';
import appendBigrams from 'wink-nlp-utils/src/tokens-append-bigrams.js';
import stem from 'wink-porter2-stemmer';

const STEM_CACHE = new Map<string, string>();
const STEM_CACHE_MAX = 50_000;

/** Longer "words" (a pasted URL, a key held down) are not stemmed: the stemmer's regexes are slow on them. */
const MAX_STEM_LENGTH = 24;

function stemWord(w: string): string {
  if (w.length > MAX_STEM_LENGTH) return w.slice(0, MAX_STEM_LENGTH);
  let s = STEM_CACHE.get(w);
  if (s === undefined) {
    s = w.length <= 3 || /\d/.test(w) ? w : stem(w);
    if (STEM_CACHE.size < STEM_CACHE_MAX) STEM_CACHE.set(w, s);
  }
  return s;
}

/** Lower case, accents folded, curly apostrophes made ASCII. Used by the rules too. */
export function foldText(text: string): string {
  let t = text;
  // Fast path: plain ASCII needs no Unicode normalisation.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(t)) {
    t = t
      .replace(/[\u2018\u2019\u02bc\u00b4`]/g, "'")
      .normalize('NFKD')
      .replace(/\p{M}/gu, '');
  }
  return t.toLowerCase();
}

const PHONE = /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b/g;
const MONEY = /\$\s?\d[\d,]*(?:\.\d+)?k?/g;
const CLOCK = /\b\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\b\d{1,2}:\d{2}\b/g;
const NUMBER = /\d+/g;
const EMOJI = /\p{Extended_Pictographic}/u;

/** The parts of the feature tokens: unigram stems in order, and the marker features (incl. the length bucket). */
export interface FeatureParts {
  /** Stems in message order (never containing "_", which joins bigrams). */
  stems: string[];
  /** `zq`, `zbang`, `zemoji` and the length bucket `zlen*`. */
  markers: string[];
}

/** Unigram stems and marker features of `text`; {@link featureTokens} adds the bigrams. */
export function featureParts(text: string): FeatureParts {
  let t = foldText(text);
  const markers: string[] = [];
  if (t.includes('?')) markers.push('zq');
  if (t.includes('!')) markers.push('zbang');
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(text) && EMOJI.test(text)) markers.push('zemoji');
  if (/\d/.test(t)) {
    t = t.replace(PHONE, ' zphone ').replace(MONEY, ' zmoney ').replace(CLOCK, ' ztime ').replace(NUMBER, ' znum ');
  }
  const stems: string[] = [];
  for (const w of tokenize0(t)) {
    const word = w.includes('_') ? w.replace(/_/g, '') : w;
    if (word !== '') stems.push(stemWord(word));
  }
  const n = stems.length;
  // Message length: acknowledgements ("ok", "thanks") are short, voicemails long.
  markers.push(n === 0 ? 'zlen0' : n === 1 ? 'zlen1' : n <= 3 ? 'zlen2' : n <= 8 ? 'zlen4' : n <= 20 ? 'zlen9' : 'zlen21');
  return { stems, markers };
}

/** Feature tokens for `text`: unigram stems, bigrams of stems ("a_b"), marker features. */
export function featureTokens(text: string): string[] {
  const { stems, markers } = featureParts(text);
  const tokens = appendBigrams(stems.slice());
  for (const m of markers) tokens.push(m);
  return tokens;
}
