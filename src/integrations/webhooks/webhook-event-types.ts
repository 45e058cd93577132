/**
 * The outbound webhook catalogue (issue 6, item 8): which lead events an organization can subscribe
 * to, under which Standard Webhooks type (`noun.verb`, as Svix and Chatwoot name them). Pure data.
 */
import type { EventType } from '../../core/lead/events.ts';

/** The types a subscription may ask for (docs/webhooks.md documents each). */
export const WEBHOOK_EVENT_TYPES = [
  'lead.created',
  'lead.stage_changed',
  'message.received',
  'booking.created',
  'booking.changed',
  'booking.canceled',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The type of the test message `POST /api/v1/webhooks/subscriptions/{id}/test` sends: not
 * subscribable, sent to that one subscription whatever its event types.
 */
export const WEBHOOK_TEST_TYPE = 'webhook.test';

/** Lead event type → webhook type; lead events not listed are never sent. */
const WEBHOOK_TYPE_OF: Partial<Record<EventType, WebhookEventType>> = {
  lead_opened: 'lead.created',
  stage_changed: 'lead.stage_changed',
  message_received: 'message.received',
  booking_created: 'booking.created',
  booking_changed: 'booking.changed',
  booking_canceled: 'booking.canceled',
};

/** The webhook type a stored lead event is sent as, or null when no webhook reports it. */
export function webhookTypeOf(leadEventType: string): WebhookEventType | null {
  return WEBHOOK_TYPE_OF[leadEventType as EventType] ?? null;
}
