/** Queries and cache keys of the Webhooks settings tab. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { WebhookDelivery, WebhookDeliveryStatus, WebhookSubscription } from './types';

export const WEBHOOK_SUBSCRIPTIONS_KEY = ['webhooks', 'subscriptions'] as const;
export const WEBHOOK_DELIVERIES_KEY = ['webhooks', 'deliveries'] as const;

/** How often the delivery log refreshes while open (ms): retries and new events show up on their own. */
const DELIVERY_LOG_REFRESH_MS = 10_000;

export function useWebhookSubscriptions() {
  return useQuery({ queryKey: WEBHOOK_SUBSCRIPTIONS_KEY, queryFn: () => api.get<WebhookSubscription[]>('/api/v1/webhooks/subscriptions') });
}

/** The delivery log, newest first, filtered by subscription and status (null: all). */
export function useWebhookDeliveries(filter: { subscriptionId: string | null; status: WebhookDeliveryStatus | null }) {
  const query = new URLSearchParams({ limit: '100' });
  if (filter.subscriptionId) query.set('subscriptionId', filter.subscriptionId);
  if (filter.status) query.set('status', filter.status);
  return useQuery({
    queryKey: [...WEBHOOK_DELIVERIES_KEY, filter.subscriptionId, filter.status],
    queryFn: () => api.get<WebhookDelivery[]>(`/api/v1/webhooks/deliveries?${query.toString()}`),
    refetchInterval: DELIVERY_LOG_REFRESH_MS,
  });
}
