/**
 * The catalogue of event types: append-only, snake_case facts on a lead's timeline (DESIGN.md §3, §6).
 * `actor` is `system`, `customer`, `provider`, `user:<id>` or `api_key:<prefix>`.
 */
export const EVENT_TYPES = [
  'lead_opened',
  'call_missed',
  'call_answered',
  'voicemail_recorded',
  'voicemail_transcribed',
  'message_queued',
  'message_sent',
  'message_delivered',
  'message_failed',
  'message_blocked',
  'message_received',
  'message_status_changed',
  'opted_out',
  'opted_in',
  'help_requested',
  'stage_changed',
  'lead_closed',
  'task_created',
  'task_canceled',
  'task_overdue',
  'classified',
  'escalated',
  'page_sent',
  'page_acknowledged',
  'page_exhausted',
  'out_of_area',
  'faq_answered',
  'caller_reported_emergency',
  'automation_stopped',
  'automation_paused',
  'automation_resumed',
  'cadence_enrolled',
  'cadence_step_done',
  'cadence_stopped',
  'cadence_resumed',
  'cadence_completed',
  // A person working the lead (issue 5).
  'note_added',
  'owner_changed',
  'next_action_set',
  'outcome_set',
  'page_canceled',
  'call_bridge_requested',
  'call_bridge_placed',
  'call_bridge_failed',
  // Booking (issue 6).
  'slot_offered',
  'slot_chosen',
  'slot_unavailable',
  'booking_created',
  'booking_changed',
  'booking_canceled',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** One fact. `at` is an ISO-8601 UTC instant; `data` carries provider ids (CallSid, MessageSid…). */
export interface LeadEvent {
  type: EventType;
  at: string;
  actor: string;
  data: Record<string, unknown>;
}
