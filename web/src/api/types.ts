/** Shapes the API returns (see the OpenAPI document at /api/v1/openapi.json). Instants are ISO-8601, phones E.164. */

export type Role = 'owner' | 'manager' | 'dispatcher' | 'assistant' | 'technician';

export interface Membership {
  organizationId: string;
  organizationName: string;
  role: Role;
}

/** `GET /api/v1/me`. `permissions` are for `activeOrganizationId`. */
export interface Me {
  user: { id: string; email: string; name: string; phoneE164: string | null };
  memberships: Membership[];
  activeOrganizationId: string;
  role: Role;
  permissions: string[];
  csrfToken: string;
}

/** Pipeline stages of a lead, in the order a recovery usually moves (src/core/lead/lead-state.ts). */
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

/** Why a closed lead closed. Setting one closes the lead. */
export const OUTCOMES = ['booked', 'not_a_fit', 'no_response', 'opted_out', 'duplicate', 'wrong_number', 'spam', 'already_handled'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Triage intents (src/core/triage/intents.ts), in the order people pick them from (the core's list is in
 * tie-break order). A safety emergency is `emergency` with `safety: true`.
 */
export const INTENTS = [
  'emergency',
  'callback',
  'booking',
  'pricing',
  'question',
  'estimate_followup',
  'complaint',
  'already_handled',
  'wrong_number',
  'stop',
  'spam',
  'other',
] as const;
export type Intent = (typeof INTENTS)[number];

/** The kinds of next action an open lead carries. */
export const NEXT_ACTION_TYPES = ['call_back', 'text', 'review', 'escalate', 'wait_for_customer'] as const;
export type NextActionType = (typeof NEXT_ACTION_TYPES)[number];

export type AutomationState = 'active' | 'paused' | 'stopped';

/** Someone a lead can be given to. */
export interface PersonRef {
  id: string;
  name: string;
}

/** A lead as lists show it. Instants are ISO-8601, phones E.164; `stage`/`intent` are strings so new values still render. */
export interface LeadSummary {
  id: string;
  status: 'open' | 'closed';
  stage: string;
  intent: string | null;
  safety: boolean;
  outcome: string | null;
  contact: { id: string; phone: string; name: string | null; optedOut: boolean };
  source: { number: string; leadSource: string | null };
  /** `assignee` is a user id, or null while unassigned. */
  nextAction: { type: string; dueAt: string; assignee: string | null } | null;
  automation: { state: AutomationState; reason: string | null };
  createdAt: string;
  updatedAt: string;
}

/** One row of `GET /api/v1/queue`. */
export interface QueueItem extends LeadSummary {
  owner: PersonRef | null;
  backupOwner: PersonRef | null;
  overdue: boolean;
  lastInbound: { at: string; preview: string } | null;
}

export interface QueueCounts {
  open: number;
  overdue: number;
  emergencies: number;
}

/** `GET /api/v1/queue`. */
export interface QueueResponse {
  items: QueueItem[];
  counts: QueueCounts;
}

/** One fact on a lead's timeline. `actor`: `system`, `customer`, `provider`, `user:<id>`, `api_key:<prefix>`… */
export interface LeadEvent {
  type: string;
  at: string;
  actor: string;
  /** The person's name when `actor` is a user. */
  actorName?: string | null;
  data: Record<string, unknown>;
}

/** Delivery state of a message: outbound `queued → sent → delivered`, or `failed`/`undelivered`/`blocked`; inbound `received`. */
export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'undelivered' | 'failed' | 'blocked' | 'received';

export interface LeadMessage {
  id: string;
  direction: 'inbound' | 'outbound';
  status: MessageStatus | (string & {});
  body: string;
  /** `text_back`, `opt_out_confirmation`, `help`, `manual`, `inbound`, … */
  purpose: string;
  automated: boolean;
  providerSid: string | null;
  errorCode: number | null;
  createdAt: string;
}

export interface LeadTask {
  id: string;
  type: string;
  status: 'open' | 'done' | 'canceled' | (string & {});
  reason: string | null;
  dueAt: string;
  assignee: string | null;
}

/** `GET /api/v1/leads/:id`. */
export interface LeadDetail extends QueueItem {
  events: LeadEvent[];
  messages: LeadMessage[];
  tasks: LeadTask[];
  /** The lead's live booking, or null (absent on servers before issue 6). */
  booking?: Booking | null;
  /** Pushes into the field-service system, oldest first (absent on servers before issue 6). */
  integrations?: FsmPush[];
}

/** A field-service system Ringback pushes leads into. */
export type FsmProvider = 'servicetitan' | 'housecall_pro' | 'jobber';

/** One push of a lead (and its booking) into the field-service system. */
export interface FsmPush {
  id: string;
  provider: FsmProvider;
  /** `pending` (queued or waiting to retry), `succeeded`, `failed` (retry by hand). */
  status: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  /** The vendor's record id once succeeded. */
  externalId: string | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  updatedAt: string;
}

/** `GET /api/v1/settings/fsm` → `{connection}`; credentials only say whether each is set. */
export interface FsmConnection {
  provider: FsmProvider;
  pushOn: 'booked' | 'qualified';
  enabled: boolean;
  config: Record<string, unknown>;
  credentials: Record<string, boolean>;
  updatedAt: string;
}

/** `PATCH /api/v1/leads/:id`: only the fields that change. */
export interface LeadPatch {
  stage?: string;
  outcome?: string;
  ownerId?: string | null;
  backupOwnerId?: string | null;
  nextAction?: { type: NextActionType; dueAt: string; assigneeId?: string | null };
}

/** `POST /api/v1/leads/:id/messages/preview`: the send gate's verdict on a draft. */
export interface MessagePreview {
  allowed: boolean;
  reason: string | null;
  detail: string | null;
  retryAt: string | null;
  segments: { count: number; encoding: 'GSM-7' | 'UCS-2'; characters: number };
}

/** `GET /api/v1/leads/:id/templates`: bodies already rendered for the lead. */
export interface MessageTemplate {
  id: string;
  label: string;
  language: 'en' | 'es';
  body: string;
}

/** `GET /api/v1/team`. */
export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  phoneE164: string | null;
}

/** One row of `GET /api/v1/review`. `overdueMinutes` is 0 when not yet due. */
export interface ReviewItem {
  leadId: string;
  phone: string;
  stage: string;
  intent: string | null;
  safety: boolean;
  task: { id: string; type: string; reason: string | null; dueAt: string; assignee: string | null };
  overdueMinutes: number;
  automation: string;
}

/** `POST /api/v1/leads/:id/calls`. */
export interface CallStarted {
  status: 'calling';
  agentPhone: string;
}

/** Data of a `lead` event on `GET /api/v1/stream`. */
export interface LeadStreamEvent {
  leadId: string;
  reason: string;
}

/**
 * One arrival window of `GET /api/v1/availability` (ISO instants, `start` inclusive, `end` exclusive):
 * `remaining` is how many more bookings it takes (0 only with `includeFull=true`).
 */
export interface Opening {
  start: string;
  end: string;
  remaining: number;
}

/** Where a booking was made. */
export type BookingSource = 'sms' | 'link' | 'dispatcher' | 'api';

/**
 * `GET /api/v1/bookings`, `/bookings/:id`: an appointment in an arrival window `[start, end)` (ISO
 * instants). `technicianId` is a user id, or null while unassigned; `phone` is E.164; `version` grows
 * on every reschedule.
 */
export interface Booking {
  id: string;
  leadId: string;
  status: 'booked' | 'canceled';
  start: string;
  end: string;
  jobType: string | null;
  technicianId: string | null;
  technicianName: string | null;
  customerName: string | null;
  phone: string;
  address: string | null;
  zip: string | null;
  problem: string | null;
  notes: string | null;
  source: BookingSource | (string & {});
  version: number;
  createdAt: string;
  updatedAt: string;
  canceledAt: string | null;
}

/** `POST /api/v1/bookings` (send an `Idempotency-Key` header so a retry books once). */
export interface BookingCreate {
  leadId: string;
  start: string;
  end: string;
  jobType?: string;
  notes?: string;
  technicianId?: string;
  customerName?: string;
  address?: string;
  zip?: string;
  problem?: string;
}

/** `PATCH /api/v1/bookings/:id`: reschedule (`start` and `end` together) and/or assign. */
export interface BookingPatch {
  start?: string;
  end?: string;
  technicianId?: string | null;
  notes?: string;
}
