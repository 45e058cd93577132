/** Outbound webhooks (issue 6, item 8): queues deliveries for stored lead events. */
import type { Tx } from '../../db/client.ts';
import type { StoredLeadFacts } from '../queue-integrations.ts';

/** Queues one delivery per matching subscription for each webhook-worthy event in `facts`. */
export async function queueWebhookDeliveries(_tx: Tx, _facts: StoredLeadFacts): Promise<void> {}
