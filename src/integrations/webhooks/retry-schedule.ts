/**
 * When a failed webhook delivery is tried again. Pure.
 *
 * The schedule is Svix's (the reference implementation of Standard Webhooks,
 * https://docs.svix.com/retries): an immediate attempt, then retries 5 s, 5 min, 30 min, 2 h, 5 h,
 * 10 h and 10 h after each failure — 8 attempts over about 27.6 hours, long enough to ride out a
 * receiver's deploy or a night-long outage, short enough that a booking reaches the office's systems
 * the same day it was made.
 */

/** Seconds to wait after the n-th failed attempt (index n - 1) before the next one. */
export const RETRY_DELAYS_SECONDS: readonly number[] = [
  5, // 5 s
  5 * 60, // 5 min
  30 * 60, // 30 min
  2 * 60 * 60, // 2 h
  5 * 60 * 60, // 5 h
  10 * 60 * 60, // 10 h
  10 * 60 * 60, // 10 h
];

/** Attempts a delivery gets before it is `failed`: the first one plus one per retry delay. */
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/**
 * When to try again after attempt number `attempts` (1-based: 1 is the first attempt) failed at
 * `failedAt`. Returns null when that was the last attempt (`attempts >= MAX_DELIVERY_ATTEMPTS`):
 * the delivery is then `failed` and only a replay sends it again.
 */
export function nextRetryAt(attempts: number, failedAt: Date): Date | null {
  const delaySeconds = RETRY_DELAYS_SECONDS[Math.max(attempts, 1) - 1];
  return delaySeconds === undefined ? null : new Date(failedAt.getTime() + delaySeconds * 1000);
}
