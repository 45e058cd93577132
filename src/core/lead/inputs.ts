/**
 * Inputs to `decide`: facts that happened, parsed at the edge from provider payloads.
 * All instants are ISO-8601 UTC strings; phone numbers are E.164.
 */

import type { LeadTimer } from './effects.ts';
import type { NextActionType, Outcome, Stage } from './lead-state.ts';
import type { TriageResult } from '../triage/classify.ts';
import type { Opening } from '../booking/openings.ts';

/**
 * What the shell knows about booking when a customer writes (issue 6): the organization's bookable
 * `openings` from now on (soonest first, at most a few weeks' worth) and the lead's booking page URL
 * (`link`, null when the shell has no public URL). Absent: `decide` falls back to the booking template.
 */
export interface BookingContext {
  openings: Opening[];
  link: string | null;
}

/** A booking as the shell stored it (ISO-8601 UTC instants; `version` grows on every change). */
export interface BookingSnapshot {
  id: string;
  start: string;
  end: string;
  jobType: string | null;
  technicianId: string | null;
  version: number;
  source: 'sms' | 'link' | 'dispatcher' | 'api';
  customerName: string | null;
  address: string | null;
  zip: string | null;
  problem: string | null;
  notes: string | null;
}

/**
 * The shell stored a booking change in the same transaction (only the booking service records these,
 * so a `booked` outcome always has a booking row behind it): `created`, `changed` (moved and/or
 * reassigned; `previous` holds the old window and technician) or `canceled` (`reason` when given).
 */
export interface BookingRecorded {
  type: 'booking_recorded';
  change: 'created' | 'changed' | 'canceled';
  /** `customer`, `user:<id>` or `api_key:<prefix>`. */
  actor: string;
  booking: BookingSnapshot;
  previous?: { start: string; end: string; technicianId: string | null };
  reason?: string | null;
}

/** The `book_slot` effect found the chosen window full (or closed) meanwhile; `booking` is fresh. */
export interface SlotUnavailable {
  type: 'slot_unavailable';
  effectId: string;
  start: string;
  end: string;
  booking: BookingContext;
}

/** Twilio `DialCallStatus` values that mean nobody took the call (DESIGN.md §6). */
export type MissedDialStatus = 'no-answer' | 'busy' | 'failed' | 'canceled' | 'completed-unbridged';

/** The `<Dial>` ended and nobody at the business took the call. */
export interface CallMissed {
  type: 'call_missed';
  callSid: string;
  from: string;
  to: string;
  dialCallStatus: MissedDialStatus;
}

/** The `<Dial>` ended after a person at the business answered (`DialBridged` true). */
export interface CallAnswered {
  type: 'call_answered';
  callSid: string;
  from: string;
  to: string;
  /** `DialCallDuration`, seconds. */
  durationSeconds: number | null;
}

/** Twilio's recording status callback for the voicemail `<Record>`. */
export interface VoicemailRecorded {
  type: 'voicemail_recorded';
  callSid: string;
  recordingSid: string;
  /** `RecordingUrl` without extension (append `.mp3` to fetch). */
  recordingUrl: string;
  durationSeconds: number | null;
  /** `completed`, `absent` (too short / silent) or `failed`. */
  recordingStatus: string;
}

/** Twilio's transcription callback for the voicemail. */
export interface VoicemailTranscribed {
  type: 'voicemail_transcribed';
  callSid: string;
  transcriptionSid: string;
  /** `completed` or `failed`. */
  transcriptionStatus: string;
  text: string | null;
  /** Triage of the transcript, when the shell ran it (e.g. with the optional LLM); else `decide` classifies. */
  triage?: TriageResult;
  /** Openings and booking link, for a booking offer (the shell fills it). */
  booking?: BookingContext;
}

/** An SMS/MMS from the customer to the organization's number. */
export interface MessageReceived {
  type: 'message_received';
  messageSid: string;
  from: string;
  to: string;
  body: string;
  numMedia: number;
  /** Triage of the body, when the shell ran it (e.g. with the optional LLM); else `decide` classifies. */
  triage?: TriageResult;
  /** Openings and booking link, for a booking offer or a reply to one (the shell fills it). */
  booking?: BookingContext;
}

/** A provider status callback for one of our outbound messages (`MessageStatus`, `ErrorCode`). */
export interface MessageStatusReported {
  type: 'message_status_reported';
  messageSid: string;
  status: string;
  errorCode: number | null;
}

/** The effect handler's result for a `send_message` effect. */
export interface MessageSendSettled {
  type: 'message_send_settled';
  effectId: string;
  result:
    | { outcome: 'accepted'; messageSid: string; providerStatus: string }
    | { outcome: 'rejected'; errorCode: number | null; message: string }
    | { outcome: 'blocked'; reason: string };
}

/** The on-call person accepted the page: pressed 1 on the page call, or replied 1/ACK/YES. */
export interface PageAcknowledged {
  type: 'page_acknowledged';
  pageId: string;
  byPhoneE164: string;
  via: 'sms' | 'call';
}

/** A timer `decide` scheduled came due (possibly late, possibly twice). */
export interface TimerFired {
  type: 'timer_fired';
  timerId: string;
  timer: LeadTimer;
}

/** On a missed call the caller pressed 1 or said "emergency" at the voice-triage prompt. */
export interface CallerReportedEmergency {
  type: 'caller_reported_emergency';
  callSid: string;
  digits: string | null;
  speech: string | null;
}

/** A person (dispatcher, owner…) sends the customer a message from the inbox or the API. */
export interface PersonMessageRequested {
  type: 'person_message_requested';
  /** `user:<id>` or `api_key:<prefix>`. */
  actor: string;
  body: string;
}

/** A person takes over the lead (automation paused) or hands it back (automation active again). */
export interface AutomationChanged {
  type: 'automation_changed';
  actor: string;
  state: 'paused' | 'active';
  reason: string;
}

/** The lead's next-action task is overdue past escalation `level` (0 owner, 1 backup, 2 manager). */
export interface TaskOverdue {
  type: 'task_overdue';
  taskId: string;
  level: number;
}

/**
 * A person works the lead (PATCH /api/v1/leads/:id): any of stage, outcome, owner, backup owner and
 * next action; absent fields stay as they are. The shell has checked that user ids belong to the
 * organization. Applied all or nothing: a refused part refuses the whole input (`Decision.refused`).
 */
export interface LeadUpdatedByPerson {
  type: 'lead_updated_by_person';
  /** `user:<id>` or `api_key:<prefix>`. */
  actor: string;
  stage?: Stage;
  /** Closes the lead with this outcome (or corrects the outcome of a closed lead). */
  outcome?: Outcome;
  /** User id; null clears it. */
  ownerId?: string | null;
  /** User id; null clears it. */
  backupOwnerId?: string | null;
  nextAction?: {
    type: NextActionType;
    /** ISO-8601 UTC instant. */
    dueAt: string;
    /** User id (or an existing role/on-call assignee); null = unassigned; absent = the lead's owner. */
    assigneeId?: string | null;
  };
}

/** A person's note on the lead's timeline. */
export interface NoteAdded {
  type: 'note_added';
  actor: string;
  /** 1–4000 characters, trimmed by the shell. */
  body: string;
}

/** A person asked to call the customer: ring their own phone, then bridge the customer (click-to-call). */
export interface CallBridgeRequested {
  type: 'call_bridge_requested';
  actor: string;
  /** The person's phone (E.164). */
  agentPhoneE164: string;
}

/** The effect handler's result for a `bridge_call` effect. */
export interface CallBridgeSettled {
  type: 'call_bridge_settled';
  effectId: string;
  result: { outcome: 'placed'; callSid: string } | { outcome: 'failed'; errorCode: number | null; message: string };
}

export type LeadInput =
  | CallMissed
  | CallAnswered
  | VoicemailRecorded
  | VoicemailTranscribed
  | MessageReceived
  | MessageStatusReported
  | MessageSendSettled
  | PageAcknowledged
  | TimerFired
  | CallerReportedEmergency
  | PersonMessageRequested
  | AutomationChanged
  | TaskOverdue
  | LeadUpdatedByPerson
  | NoteAdded
  | CallBridgeRequested
  | CallBridgeSettled
  | BookingRecorded
  | SlotUnavailable;
