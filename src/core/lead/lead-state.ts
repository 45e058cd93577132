/**
 * The state of one recovery thread (a lead), as `decide` sees it. Pure data, JSON-serialisable:
 * the shell stores it in `leads.state` and loads it back for the next input.
 */

/** Pipeline stages, from the field's recovery SOPs (DESIGN.md §3). */
export const STAGES = [
  'callback_needed',
  'callback_attempted',
  'text_sent',
  'customer_replied',
  'appointment_requested',
  'waiting_on_customer',
  'booked',
  'not_a_fit',
  'closed_no_response',
] as const;
export type Stage = (typeof STAGES)[number];

/** Why a closed lead closed (DESIGN.md §3). */
export const OUTCOMES = [
  'booked',
  'not_a_fit',
  'no_response',
  'opted_out',
  'duplicate',
  'wrong_number',
  'spam',
  'already_handled',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Whether automated messages may go out for the lead. Only `active` lets automation send. */
export type Automation =
  | { state: 'active' }
  | { state: 'paused'; by: string; reason: string; at: string }
  | { state: 'stopped'; reason: string; at: string };

/** Kinds of next action (each carried by a task row). */
export const NEXT_ACTION_TYPES = ['call_back', 'text', 'review', 'escalate', 'wait_for_customer'] as const;
export type NextActionType = (typeof NEXT_ACTION_TYPES)[number];

/** The one next action an open lead always has (a task for a person, or waiting on the customer). */
export interface NextAction {
  type: NextActionType;
  /** ISO-8601 UTC instant. */
  dueAt: string;
  /** A user id, a role (`role:owner`), an on-call person (`oncall:<name>`), or null while unassigned. */
  assignee: string | null;
  /** The task row that carries it, when it is a task. */
  taskId: string | null;
  /** Highest overdue escalation level notified so far (0 owner, 1 backup, 2 manager); absent when none. */
  overdueLevel?: number;
}

/**
 * An emergency page: `chain` is who to page in order (primary on call, backup, owner), `level` the
 * index paged last. `pageId` is stable across re-pages; timers carry it and `level` so a late or
 * repeated timer does nothing.
 */
export interface PageState {
  pageId: string;
  chain: Array<{ name: string; phoneE164: string }>;
  level: number;
  /** `canceled`: a person closed the lead while the page was pending (no more re-pages). */
  status: 'pending' | 'acknowledged' | 'exhausted' | 'canceled';
  /** ISO instant of the last page sent. */
  pagedAt: string;
  acknowledgedBy: string | null;
  /** What the customer reported, for the page text. */
  problem: string;
}

/**
 * The lead's follow-up cadence: one pending step at a time. `attempt` grows each time the step is
 * rescheduled (quiet hours, cap, resume), so only the newest timer for a step runs it.
 */
export interface CadenceState {
  cadenceId: string;
  stepIndex: number;
  /** ISO instants. */
  enrolledAt: string;
  lastStepAt: string | null;
  status: 'active' | 'stopped' | 'completed';
  attempt: number;
  /** Why it stopped (customer_replied, opted_out, automation_paused…). */
  reason: string | null;
}

/** The lead's booking, as `decide` tracks it (ISO-8601 UTC instants). Reminder timers carry `version`. */
export interface LeadBooking {
  id: string;
  start: string;
  end: string;
  jobType: string | null;
  technicianId: string | null;
  version: number;
  status: 'booked' | 'canceled';
}

/** Openings offered by text (reply 1, 2…), in the order offered; `link` is the booking page sent with them. */
export interface SlotOffer {
  offerId: string;
  openings: Array<{ start: string; end: string }>;
  /** ISO instant of the offer. */
  at: string;
  link: string | null;
}

/** What the core needs to know about the contact behind the lead; loaded fresh for every input. */
export interface ContactSnapshot {
  id: string;
  phoneE164: string;
  /** 5-digit ZIP when the customer gave one: places them for quiet hours before the area code does. */
  zip?: string | null;
  /** Provider line type when looked up (`mobile`, `landline`, …); texts never go to a `landline`. */
  lineType?: string | null;
  optedOut: { at: string; method: string } | null;
  /** ISO instants of automated messages sent or queued to this contact in the last 24 h (any lead). */
  recentAutomatedSendsAt: string[];
}

/** Where the lead came in: the tracking number that was called or texted. */
export interface LeadSource {
  /** The organization's number (E.164); outbound messages go `From` it. */
  numberE164: string;
  /** Campaign / lead source of that number, e.g. `Google LSA`. */
  leadSource: string | null;
}

interface LeadCommon {
  id: string;
  organizationId: string;
  contact: ContactSnapshot;
  source: LeadSource;
}

/** No open lead yet: the shell pre-allocates `id` so `decide` stays deterministic. */
export interface NoLead extends LeadCommon {
  status: 'none';
}

/** An open or closed recovery thread. */
export interface OpenOrClosedLead extends LeadCommon {
  status: 'open' | 'closed';
  stage: Stage;
  intent: string | null;
  safety: boolean;
  outcome: Outcome | null;
  automation: Automation;
  /** The lead's single text-back: at most one per lead, ever. */
  textBack: { effectId: string; status: 'queued' | 'sent' | 'failed' } | null;
  nextAction: NextAction | null;
  /** The lead's emergency page, while one is under way or after it ended. */
  page: PageState | null;
  /**
   * The person (user id) who owns the lead, set by a person (`lead_updated_by_person`); null or absent
   * (leads stored before owners existed) while unowned. Technicians see the leads they own.
   */
  owner?: string | null;
  /** The backup owner (user id), who takes over when the owner cannot; null or absent when none. */
  backupOwner?: string | null;
  /** The follow-up cadence; absent on leads stored before cadences existed. */
  cadence?: CadenceState | null;
  /** The lead's booking (live or canceled); absent or null when it has none. Only the booking service sets it. */
  booking?: LeadBooking | null;
  /** The latest openings offered by text, while the customer may still answer with a number. */
  slotOffer?: SlotOffer | null;
  /** CallSids seen on this lead (a repeat call joins the lead; a retried webhook is a no-op). */
  callSids: string[];
  /** Monotonic counter that makes effect and task ids unique within the lead (`<leadId>:<seq>`). */
  seq: number;
  /** ISO instant the lead opened. */
  openedAt: string;
  /**
   * ISO instant of the customer's latest call, message or voicemail on this lead: a reply within the
   * organization's window of it is exempt from quiet hours (DESIGN §5). Absent on leads stored before it existed.
   */
  lastInboundAt?: string;
}

export type LeadState = NoLead | OpenOrClosedLead;
