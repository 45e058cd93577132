/**
 * Runs `deliverDueWebhooks` on an interval in a worker process. Any number of workers may run it at
 * once: claims (`FOR UPDATE SKIP LOCKED` + a lease) keep them off each other's deliveries.
 */
import { deliverDueWebhooks, type WebhookDeliveryDeps } from './deliver-due-webhooks.ts';

/**
 * How often a worker looks for due deliveries (ms). A new event's delivery waits at most this long;
 * the query is one indexed select on `(status, next_attempt_at)`.
 */
export const WEBHOOK_POLL_MS = 1_000;

export interface WebhookWorker {
  /** Stops polling and waits for the step under way (its attempts finish and are recorded). */
  stop(): Promise<void>;
}

/**
 * Starts polling: every `intervalMs`, one `deliverDueWebhooks(deps, clock())` unless the previous
 * one is still running (a slow receiver delays the next step; it never doubles it). A step that
 * fails (the database is away) is logged and the next one tries again.
 */
export function startWebhookWorker(deps: WebhookDeliveryDeps, clock: () => Date, intervalMs = WEBHOOK_POLL_MS): WebhookWorker {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = deliverDueWebhooks(deps, clock())
      .then(() => undefined)
      .catch((err: unknown) => deps.logger.error({ err }, 'webhook delivery step failed'))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
