/**
 * Triage intents (DESIGN.md §4): every inbound text (SMS reply, voicemail transcript, web-form message, chat) gets
 * exactly one of these, plus a `safety` flag (a safety emergency is intent `emergency` with `safety: true`).
 *
 * `INTENTS` is in tie-break order: when a message carries several intents, the one listed first wins
 * (spam · safety emergency · emergency · stop · wrong_number · complaint · estimate_followup · callback · booking ·
 * pricing · question · already_handled · other). "Safety emergency" is not a separate intent: it is `emergency`
 * with `safety: true`, and it outranks a non-safety emergency only in the sense that it sets the flag.
 */
export const INTENTS = [
  'spam',
  'emergency',
  'stop',
  'wrong_number',
  'complaint',
  'estimate_followup',
  'callback',
  'booking',
  'pricing',
  'question',
  'already_handled',
  'other',
] as const;

/**
 * One triage intent:
 * - `spam`: vendor pitch, lead-gen/SEO/merchant-services offer, scam, robocall.
 * - `emergency`: no heat in cold, no cooling in heat with vulnerable people, active leak/flood/burst pipe, sewage
 *   backup, roof leaking in a storm; with `safety: true` for gas smell, CO alarm, smoke/burning smell/sparks and
 *   electrical hazards.
 * - `stop`: any request to stop messages or revoke consent, in any reasonable words, English or Spanish.
 * - `wrong_number`: the sender is not the caller / never called / reached the wrong business.
 * - `complaint`: unhappy with work done, a no-show, billing, staff.
 * - `estimate_followup`: about a quote or proposal already given.
 * - `callback`: asks for a phone call.
 * - `booking`: wants a visit, describes a problem to be fixed, "yes, still need help", or changes an appointment.
 * - `pricing`: cost, quote, fees, financing.
 * - `question`: hours, service area, brands, membership, warranty terms, payment methods, who is this.
 * - `already_handled`: fixed, hired someone else, not interested, no longer needed.
 * - `other`: acknowledgements, chit-chat, job seekers, anything else.
 */
export type Intent = (typeof INTENTS)[number];

/** Tie-break rank of each intent: lower wins. */
export const INTENT_RANK: Readonly<Record<Intent, number>> = Object.fromEntries(
  INTENTS.map((intent, i) => [intent, i]),
) as Record<Intent, number>;

/** True when `value` is one of {@link INTENTS}. */
export function isIntent(value: unknown): value is Intent {
  return typeof value === 'string' && (INTENTS as readonly string[]).includes(value);
}
