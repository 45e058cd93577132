/** Outbound webhooks as `/api/v1/webhooks/*` answers them (src/integrations/webhooks/, docs/webhooks.md). */

/** The event types a subscription may ask for, with what each means to an office. */
export const WEBHOOK_EVENT_TYPES = [
  { value: 'lead.created', label: 'New lead', description: 'A missed call, voicemail or first text opened a lead' },
  { value: 'lead.stage_changed', label: 'Stage changed', description: 'The lead moved in the pipeline' },
  { value: 'message.received', label: 'Text received', description: 'The customer texted the business' },
  { value: 'booking.created', label: 'Booking made', description: 'A visit was booked' },
  { value: 'booking.changed', label: 'Booking changed', description: 'A visit was moved or reassigned' },
  { value: 'booking.canceled', label: 'Booking canceled', description: 'A visit was canceled' },
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]['value'];

/** `GET /api/v1/webhooks/subscriptions` item. Instants are ISO-8601 UTC. */
export interface WebhookSubscription {
  id: string;
  url: string;
  description: string | null;
  eventTypes: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

/** The answer to create and rotate-secret: the subscription with its `whsec_…` secret, shown once. */
export interface WebhookSubscriptionWithSecret extends WebhookSubscription {
  secret: string;
}

/** `POST /api/v1/webhooks/subscriptions` body. */
export interface WebhookSubscriptionInput {
  url: string;
  description: string | null;
  eventTypes: string[];
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** `GET /api/v1/webhooks/deliveries` item. */
export interface WebhookDelivery {
  id: string;
  subscriptionId: string;
  eventType: string;
  /** The `webhook-id` header, the same on every attempt and replay. */
  messageId: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  lastResponse: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: Record<string, unknown>;
}

/** The label of an event type (the type itself when unknown, e.g. `webhook.test`). */
export function eventTypeLabel(type: string): string {
  if (type === 'webhook.test') return 'Test message';
  return WEBHOOK_EVENT_TYPES.find((t) => t.value === type)?.label ?? type;
}
