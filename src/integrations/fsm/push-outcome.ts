/**
 * How one attempt to push a lead ended, and what that means for the next one: the vendor-neutral
 * outcome every adapter returns, the reading of an HTTP answer into it (which failures are worth
 * retrying, `Retry-After`, the vendor's own message) and the retry schedule. Pure.
 */

/** The result of one attempt. `progress` carries ids a multi-step vendor already created (see jobber.ts). */
export type PushOutcome =
  | { kind: 'succeeded'; externalId: string }
  /** Worth retrying: network failure, 408, 429, 5xx. `retryAfterMs` is the vendor's `Retry-After`. */
  | { kind: 'transient'; error: string; retryAfterMs?: number; progress?: string }
  /** Retrying the same request cannot help (validation error, rejected credentials): fails at once. */
  | { kind: 'permanent'; error: string; progress?: string };

/** A failed attempt: transient or permanent. */
export type PushFailure = Exclude<PushOutcome, { kind: 'succeeded' }>;

/** Attempts before a transiently failing push is given up as `failed` (a person may still retry it). */
export const MAX_PUSH_ATTEMPTS = 8;
/** First retry delay (ms); doubles per attempt: 30 s, 1, 2, 4, 8, 16, 32 min (about an hour in all). */
const FIRST_RETRY_MS = 30_000;
/** Longest wait between attempts (ms), including a vendor's `Retry-After`: 6 h. */
const MAX_RETRY_MS = 6 * 60 * 60 * 1000;
/** Longest vendor message kept on the push (characters): enough for a validation list, never a page. */
const MAX_ERROR_CHARS = 500;

/**
 * When to try again after the `attempts`-th failed attempt (1-based), at `now`: exponential backoff
 * from 30 s, or the vendor's `Retry-After` when that is later; capped at 6 h. Returns null once
 * `attempts` reaches `MAX_PUSH_ATTEMPTS` (give up).
 */
export function nextAttemptAt(attempts: number, now: Date, retryAfterMs?: number): Date | null {
  if (attempts >= MAX_PUSH_ATTEMPTS) return null;
  const backoff = FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1);
  const wait = Math.min(MAX_RETRY_MS, Math.max(backoff, retryAfterMs ?? 0));
  return new Date(now.getTime() + wait);
}

/**
 * `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an HTTP-date) as milliseconds from `now`, or
 * undefined when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** Whether an HTTP status is worth retrying: 408 (timeout), 429 (rate limited), any 5xx. */
export function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * The human message in a vendor's error body, whatever its shape: RFC 9457/7807 (`title`, `detail`,
 * and ServiceTitan's `errors: {Field: [msg]}`), `{message}`, `{error: {message}}`, `{error: "…"}`,
 * `{errors: [{message}]}` (GraphQL, Housecall Pro). Falls back to the raw text; clipped to 500 characters.
 */
export function vendorMessage(body: unknown, fallback: string): string {
  const parts: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim() && !parts.includes(v.trim())) parts.push(v.trim());
  };
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    add(b.title);
    add(b.detail);
    add(b.message);
    if (typeof b.error === 'string') add(b.error);
    else if (b.error && typeof b.error === 'object') add((b.error as Record<string, unknown>).message);
    if (Array.isArray(b.errors)) {
      for (const e of b.errors) add(typeof e === 'string' ? e : (e as Record<string, unknown> | null)?.message);
    } else if (b.errors && typeof b.errors === 'object') {
      for (const [field, messages] of Object.entries(b.errors as Record<string, unknown>)) {
        const list = Array.isArray(messages) ? messages : [messages];
        for (const m of list) if (typeof m === 'string') add(`${field}: ${m}`);
      }
    }
  } else if (typeof body === 'string') {
    add(body);
  }
  return clip(parts.length > 0 ? parts.join('; ') : fallback);
}

/** `text` cut to the length a push keeps. */
export function clip(text: string): string {
  return text.length > MAX_ERROR_CHARS ? `${text.slice(0, MAX_ERROR_CHARS - 1)}…` : text;
}

/** A vendor's HTTP answer, read: status, parsed JSON body (or the text), `Retry-After` in ms. */
export interface VendorAnswer {
  status: number;
  body: unknown;
  retryAfterMs?: number;
}

/** Reads `res` (JSON when it parses, else text) at `now`. */
export async function readAnswer(res: Response, now: Date): Promise<VendorAnswer> {
  const raw = await res.text();
  let body: unknown = raw;
  try {
    body = raw ? JSON.parse(raw) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body, retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), now) };
}

/** The outcome of a failed answer (`status` not 2xx), naming the `vendor` and its message. */
export function failureOf(vendor: string, answer: VendorAnswer, progress?: string): PushFailure {
  const message = `${vendor} answered ${answer.status}: ${vendorMessage(answer.body, 'no message')}`;
  return isTransientStatus(answer.status)
    ? { kind: 'transient', error: clip(message), retryAfterMs: answer.retryAfterMs, progress }
    : { kind: 'permanent', error: clip(message), progress };
}

/** The outcome of a request that never got an answer (DNS, refused, reset, timeout): transient. */
export function networkFailure(vendor: string, err: unknown, progress?: string): PushFailure {
  const reason = err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err);
  return { kind: 'transient', error: clip(`Could not reach ${vendor}: ${reason}`), progress };
}
