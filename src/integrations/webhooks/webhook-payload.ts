/**
 * The body of a webhook message, in the shape Standard Webhooks recommends
 * (https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md#payload-structure):
 * `{type, timestamp, data}`. Pure.
 */
import type { LeadEvent } from '../../core/lead/events.ts';
import type { LeadState } from '../../core/lead/lead-state.ts';
import type { WebhookEventType } from './webhook-event-types.ts';

/** The lead as every lead-event message describes it (from the lead's state after the decision). */
export interface WebhookLeadSummary {
  status: 'open' | 'closed' | null;
  stage: string | null;
  intent: string | null;
  /** The contact's phone, E.164. */
  phone: string;
}

/** A message body: `timestamp` is the event's ISO-8601 UTC instant; `data` is described in docs/webhooks.md. */
export interface WebhookPayload {
  type: string;
  timestamp: string;
  data: Record<string, unknown>;
}

/**
 * The message for lead event `event` of lead `leadId` in organization `organizationId`, with
 * `state` the lead after the decision that stored it. `data` is the event's own data (e.g.
 * `{from, to}` of a stage change, the booking fields) plus `organizationId`, `leadId` and `lead`
 * (a `WebhookLeadSummary`); those three win over an event field of the same name.
 */
export function buildWebhookPayload(type: WebhookEventType, event: LeadEvent, ids: { organizationId: string; leadId: string }, state: LeadState): WebhookPayload {
  const lead: WebhookLeadSummary =
    state.status === 'none'
      ? { status: null, stage: null, intent: null, phone: state.contact.phoneE164 }
      : { status: state.status, stage: state.stage, intent: state.intent, phone: state.contact.phoneE164 };
  return { type, timestamp: event.at, data: { ...event.data, organizationId: ids.organizationId, leadId: ids.leadId, lead } };
}

/**
 * The exact bytes sent for a stored payload. The database keeps payloads as `jsonb`, which reorders
 * keys; this puts `type, timestamp, data` back in the documented order. Every attempt of a message
 * sends the same body.
 */
export function webhookBody(payload: Record<string, unknown>): string {
  const { type, timestamp, data, ...rest } = payload;
  return JSON.stringify({ type, timestamp, data, ...rest });
}
