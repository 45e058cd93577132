/**
 * Triage of one inbound text (SMS reply, voicemail transcript, web-form message, chat): which intent, whether it
 * is a safety emergency, how confident, which language, and why. DESIGN.md §4; docs/triage.md.
 *
 * How it decides, in DESIGN.md's tie-break order (spam · safety emergency · emergency · stop · wrong_number ·
 * complaint · estimate_followup · callback · booking · pricing · question · already_handled · other):
 *
 * 1. Deterministic, recall-first rules for what must never be missed (rules.ts, opt-out.ts):
 *    - rule-confirmed spam (pitches and scams no customer writes) → `spam`;
 *    - safety hazards (gas smell, CO alarm, smoke, burning smell, sparks, hot/buzzing/melted outlet or panel,
 *      exposed wires, shock; English and Spanish; common typos) → `emergency` with `safety: true`;
 *    - emergencies (no heat in the cold, no cooling with vulnerable people or extreme heat, burst pipe / active
 *      flood, sewage backup, roof leaking in a storm) → `emergency`;
 *    - opt-out: `detectConsentKeyword` from src/core/send-policy/opt-out-keywords.ts (the detector the send
 *      policy uses), re-run once on typo-corrected text, plus the documented gaps in opt-out.ts → `stop`.
 *    The first of these that fires wins. A model guess never outranks a rule: an opt-out is `stop` unless a rule
 *    found spam, a hazard or an emergency ("STOP texting me, I smell gas" → emergency + safety; "wrong number,
 *    stop" → stop). A marketing footer ("Reply STOP to opt out") confirms spam over an opt-out only together
 *    with the model's spam prediction.
 * 2. Whole-message consent keywords that are not opt-outs: YES/SÍ → `booking` ("yes, still need help"),
 *    START/UNSTOP → `other`, HELP/INFO/AYUDA → `question`.
 * 3. Everything else: the trained Naive Bayes model (model.ts) over `spam` and the nine intents after `stop`. Among
 *    the labels it finds plausible (probability ≥ {@link TIE_BREAK_RATIO} × the best one's) the first in tie-break
 *    order wins. The model also learns `stop`, `emergency` and safety examples, but never decides them (only rules do); when
 *    it leans to one of them the reasons say so.
 *
 * Pure and synchronous: no I/O, clock or randomness at call time. The model is trained and the language
 * detector's n-gram database is loaded once, when this module is first imported (~0.6 s in total).
 */
import type { ConsentKeywordMatch } from '../send-policy/opt-out-keywords.ts';
import { INTENT_RANK, type Intent } from './intents.ts';
import { detectLanguageEvidence, type TriageLanguage } from './language.ts';
import { MODEL, type ModelLabel, type ModelPrediction, type TriageModel } from './model.ts';
import { findOptOut, type OptOutFinding } from './opt-out.ts';
import { emergencyHits, normalizeForRules, safetyHits, spamFooterHit, spamHits, type RuleHit } from './rules.ts';

export type { Intent } from './intents.ts';
export { INTENTS } from './intents.ts';

/**
 * The triage of one message.
 *
 * ```ts
 * { intent: 'emergency', safety: true, confidence: 0.97, language: 'en',
 *   reasons: ['rule safety.gas_smell matched "smell gas"', 'tie-break: emergency (safety) outranks stop', ...] }
 * ```
 */
export interface TriageResult {
  /** One of `INTENTS` (intents.ts). */
  intent: Intent;
  /** True only for a safety emergency (then `intent` is `'emergency'`). */
  safety: boolean;
  /**
   * 0..1. Rules report a fixed confidence per rule family (e.g. 0.99 for a bare STOP, 0.95 for a hazard rule);
   * the model reports its probability for the chosen label.
   */
  confidence: number;
  /** Language of the message: `'es'` for Spanish (and Spanish-led Spanglish), else `'en'`. */
  language: TriageLanguage;
  /** Which rules or model features decided, in order of importance; always at least one entry. */
  reasons: string[];
}

/** A label the model finds plausible wins the tie-break when its probability is at least this share of the top. */
export const TIE_BREAK_RATIO = 0.9;

const STOP_CONFIDENCE: Record<string, number> = {
  twilio_keyword: 0.99,
  keyword_variant: 0.97,
  es_keyword: 0.97,
  free_text: 0.93,
};

const round = (x: number): number => Math.round(x * 1000) / 1000;
const show = (h: RuleHit): string => `rule ${h.rule} matched "${h.matched}"`;

function consentReason(f: OptOutFinding): string {
  const c: ConsentKeywordMatch = f.match;
  if (f.via === 'gap') return `opt-out gap rule ${c.rule} matched "${c.matched}" (detectConsentKeyword missed it)`;
  const via = f.via === 'typo_corrected' ? ` after typo correction ("${f.corrected}")` : '';
  return `detectConsentKeyword${via}: ${c.kind} (rule ${c.rule}, ${c.language}) matched "${c.matched}"`;
}

function modelReason(pred: ModelPrediction, chosen: ModelLabel): string {
  const top = pred.ranked.slice(0, 3).map((r) => `${r.label} ${r.p.toFixed(2)}`).join(', ');
  if (!pred.known) return `model: no known words, training prior (${top})`;
  const feats = pred.features.length > 0 ? `; top features: ${pred.features.join(', ')}` : '';
  return `model naive_bayes chose ${chosen} (${top})${feats}`;
}

/**
 * Labels only rules may assign: `stop` (the opt-out detector), `emergency` and `safety` (the hazard and emergency
 * rules). The model still learns them, so their words do not leak into other labels, and a model that leans to one
 * of them says so in the reasons, but it never decides them: on this corpus every model-only emergency was a false
 * alarm ("need outlets added in the garage" → safety), and a false emergency pages the on-call technician.
 */
const RULE_ONLY: ReadonlySet<ModelLabel> = new Set<ModelLabel>(['stop', 'emergency', 'safety']);

/**
 * The model's choice: among labels with p ≥ tieBreakRatio × top (never a rule-only label), the one first in
 * tie-break order. Returns the label and its probability (renormalised over the allowed labels).
 */
function modelChoice(pred: ModelPrediction, tieBreakRatio: number): { label: Intent; p: number; best: Intent } {
  const allowed = pred.ranked.filter((r) => !RULE_ONLY.has(r.label));
  const mass = allowed.reduce((sum, r) => sum + r.p, 0) || 1;
  const candidates = allowed.map((r) => ({ label: r.label as Intent, p: r.p / mass }));
  const best = candidates[0]!;
  let chosen = best;
  for (const r of candidates) {
    if (r.p < tieBreakRatio * best.p) break;
    if (INTENT_RANK[r.label] < INTENT_RANK[chosen.label]) chosen = r;
  }
  return { label: chosen.label, p: chosen.p, best: best.label };
}

/** Builds a classifier around a trained model (the exported {@link classifyMessage} uses the corpus model). */
export function createClassifier(
  model: TriageModel,
  options: { tieBreakRatio?: number } = {},
): (text: string) => TriageResult {
  const tieBreakRatio = options.tieBreakRatio ?? TIE_BREAK_RATIO;
  return (text: string): TriageResult => {
    const body = typeof text === 'string' ? text : '';
    const consentFinding = body.trim() === '' ? null : findOptOut(body);
    const consent = consentFinding?.match ?? null;
    const lang = detectLanguageEvidence(
      body,
      consent === null ? undefined : { language: consent.language, wholeMessage: consent.rule !== 'free_text' && consentFinding!.via === 'direct' },
    );
    const langReason = `language ${lang.language} (eld ${lang.eld || 'none'}${lang.eldReliable ? ' reliable' : ''}, markers es ${lang.esMarkers} / en ${lang.enMarkers})`;
    const result = (intent: Intent, safety: boolean, confidence: number, reasons: string[]): TriageResult => ({
      intent,
      safety,
      confidence: round(Math.min(1, Math.max(0, confidence))),
      language: lang.language,
      reasons: [...reasons, langReason],
    });

    if (body.trim() === '') return result('other', false, 0.5, ['empty message']);

    const norm = normalizeForRules(body);
    const optOut = consent?.kind === 'opt_out' ? consentFinding : null;
    const spam = spamHits(norm);
    const safety = safetyHits(norm);
    const emergency = emergencyHits(norm);
    const outranks = (what: string): string[] => (optOut ? [`tie-break: ${what} outranks stop`, consentReason(optOut)] : []);

    // 1. Rule-confirmed spam.
    if (spam.length > 0) return result('spam', false, 0.95, [...spam.map(show), ...outranks('spam')]);

    // 2. Safety emergency.
    if (safety.length > 0) {
      return result('emergency', true, 0.95, [...safety.map(show), ...emergency.map(show), ...outranks('emergency (safety)')]);
    }

    // 3. Emergency.
    if (emergency.length > 0) return result('emergency', false, 0.9, [...emergency.map(show), ...outranks('emergency')]);

    // 4. Opt-out (unless the model's spam is confirmed by a marketing footer).
    const footer = spamFooterHit(norm);
    if (optOut) {
      if (footer !== null) {
        const pred = model.predict(body);
        const choice = modelChoice(pred, 1);
        if (choice.label === 'spam') {
          return result('spam', false, Math.max(0.9, choice.p), [show(footer), modelReason(pred, 'spam'), ...outranks('spam')]);
        }
      }
      const conf = optOut.via === 'direct' ? (STOP_CONFIDENCE[optOut.match.rule] ?? 0.93) : 0.85;
      return result('stop', false, conf, [consentReason(optOut)]);
    }

    // 5. Whole-message consent keywords that are not opt-outs.
    if (consent?.kind === 'opt_in') {
      const yes = /^(?:yes|si)$/i.test(consent.matched.normalize('NFKD').replace(/\p{M}/gu, ''));
      return yes
        ? result('booking', false, 0.85, [consentReason(consentFinding!), 'a bare YES/SÍ to the text-back means "still need help"'])
        : result('other', false, 0.85, [consentReason(consentFinding!), 'opt-in keyword: handled by the send policy']);
    }
    if (consent?.kind === 'help') {
      return result('question', false, 0.85, [consentReason(consentFinding!), 'help keyword: asks who this is / how to reach the business']);
    }

    // 6. The model.
    const pred = model.predict(body);
    const choice = modelChoice(pred, tieBreakRatio);
    const reasons = [modelReason(pred, choice.label)];
    const top = pred.ranked[0]!;
    if (choice.label !== choice.best) reasons.push(`tie-break: ${choice.label} outranks ${choice.best} (near tie)`);
    if (RULE_ONLY.has(top.label)) {
      reasons.push(`model leans ${top.label} (${top.p.toFixed(2)}) but no rule confirmed it: not decided by the model`);
    }
    if (choice.label === 'spam' && footer !== null) reasons.push(show(footer));
    return result(choice.label, false, choice.p, reasons);
  };
}

/**
 * Classifies one inbound message.
 *
 * @param text the message as received (SMS body, voicemail transcript, form message); any length, any language.
 * @returns `{intent, safety, confidence, language, reasons}`; see {@link TriageResult}.
 *
 * Pure and synchronous. Sources: DESIGN.md §4 (intents, tie-break, hard negatives), FCC 47 CFR 64.1200(a)(10)
 * via detectConsentKeyword (opt-out in any reasonable words), docs/triage.md (corpus, model, held-out report).
 */
export const classifyMessage: (text: string) => TriageResult = createClassifier(MODEL);
