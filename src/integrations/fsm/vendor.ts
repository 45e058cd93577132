/**
 * The port every field-service adapter implements: send one push, answer a `PushOutcome`. Adapters
 * parse, call, reply; they never touch the database (refreshed credentials go back through
 * `saveCredentials`, multi-step progress through `PushOutcome.progress`).
 */
import type { FsmPushInput } from './push-input.ts';
import type { PushOutcome } from './push-outcome.ts';

/** What an adapter gets for one attempt; `C`/`K` are the provider's config and credentials. */
export interface VendorAttempt<C, K> {
  input: FsmPushInput;
  config: C;
  credentials: K;
  /** `fsm_connections.id`: keys in-process token caches. */
  connectionId: string;
  /** What an earlier attempt of this push already created (adapter-specific JSON), or null. */
  progress: string | null;
  now: Date;
  /** `fetch` (tests may pass their own; production uses the global one). */
  fetch: typeof fetch;
  /** Stores rotated credentials (Jobber's refreshed tokens) encrypted on the connection. */
  saveCredentials(credentials: K): Promise<void>;
}

/** How long one vendor request may take before it counts as a network failure (ms). */
export const VENDOR_TIMEOUT_MS = 15_000;

/** `fetch` with the vendor timeout. */
export function callVendor(attempt: Pick<VendorAttempt<unknown, unknown>, 'fetch'>, url: string, init: RequestInit): Promise<Response> {
  return attempt.fetch(url, { ...init, signal: AbortSignal.timeout(VENDOR_TIMEOUT_MS) });
}
