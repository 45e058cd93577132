/**
 * What a push sends, vendor-neutral: the lead, its contact, its booking (when pushed on `booked`) and
 * where the lead came from. Loaded by `run-due-fsm-pushes.ts`; each vendor's pure builder turns it into
 * that vendor's request.
 */

/** One push's facts. Instants are ISO-8601 UTC; `phoneE164` is E.164 (`+15125550123`). */
export interface FsmPushInput {
  /** `fsm_pushes.id`. */
  pushId: string;
  leadId: string;
  /** The organization's business name (summaries say who booked). */
  businessName: string;
  /** IANA zone of the organization: arrival windows are described in its local time. */
  timeZone: string;
  contact: { phoneE164: string; name: string | null; email: string | null; zip: string | null };
  /** The booking, or null for a push on `qualified` (the lead asked for a visit; nothing booked yet). */
  booking: {
    id: string;
    start: string;
    end: string;
    jobType: string | null;
    customerName: string | null;
    /** Free text as given, usually `street, city, state`. */
    address: string | null;
    zip: string | null;
    problem: string | null;
    notes: string | null;
  } | null;
  /** The tracking number that was called and its campaign / lead source (e.g. `Google LSA`). */
  source: { numberE164: string; leadSource: string | null };
  /** The lead's intent (`booking`, `emergency`…) and whether triage flagged a safety emergency. */
  intent: string | null;
  safety: boolean;
}
