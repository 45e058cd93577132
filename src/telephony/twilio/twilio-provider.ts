/**
 * The Twilio implementation of the telephony port, on the official `twilio` SDK. Every REST call goes
 * to `apiBaseUrl` (`TWILIO_API_BASE_URL`, DESIGN.md §6) through `BaseUrlRequestClient`.
 *
 * Error handling (error codes: /work/shared/TWILIO.md, "REST API the product calls"):
 * - HTTP 5xx, HTTP 429 or Twilio error 20429, and network errors (refused, reset, timed out, DNS) are
 *   transient: retried here with exponential backoff and jitter, then `ProviderUnavailableError`.
 * - Any other 4xx is a refusal that no retry will fix (21610 opted out, 21211 invalid To, 20003 bad
 *   credentials, …): `sendMessage` resolves `{ ok: false, errorCode, httpStatus, message }`.
 *
 * Twilio's Messages API takes no idempotency key: a 5xx or a timeout can come after Twilio queued the
 * message, so a retry can, rarely, send it twice. We accept that over dropping a text-back.
 */
import twilio from 'twilio';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ProviderUnavailableError,
  type PlaceCallRequest,
  type ProviderAccount,
  type SendMessageRequest,
  type SendMessageResult,
  type TelephonyProvider,
} from '../provider.ts';
import { BaseUrlRequestClient, DEFAULT_TWILIO_REQUEST_TIMEOUT_MS } from './base-url-request-client.ts';

/** Attempts per call (first try included) before a transient failure becomes `ProviderUnavailableError`. */
const DEFAULT_MAX_ATTEMPTS = 4;
/** Backoff before the 2nd attempt, in milliseconds; doubles per attempt (200, 400, 800 ms, …). */
const DEFAULT_BASE_DELAY_MS = 200;
/** Cap on one backoff delay, in milliseconds. */
const DEFAULT_MAX_DELAY_MS = 5_000;

/** Twilio error code for "Too Many Requests" (also signalled by HTTP 429). */
const TWILIO_TOO_MANY_REQUESTS = 20429;

/**
 * Node/axios error codes of requests that never got an HTTP answer. Any axios error without a response
 * counts as transient too; this list covers errors raised outside axios.
 */
const NETWORK_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED', // axios: request timed out
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ERR_NETWORK',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** The subset of a pino logger this module uses. Never receives tokens, message bodies or phone numbers. */
export interface TwilioProviderLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  debug?(obj: Record<string, unknown>, msg: string): void;
}

/** Options of `createTwilioProvider`. */
export interface TwilioProviderOptions {
  /** `TWILIO_API_BASE_URL`, e.g. `https://api.twilio.com` or `http://127.0.0.1:4010`. */
  apiBaseUrl: string;
  /** Attempts per call, first try included (default 4, minimum 1). */
  maxAttempts?: number;
  /** Backoff before the 2nd attempt in milliseconds (default 200); doubles per attempt, with jitter. */
  baseDelayMs?: number;
  /** Cap on one backoff delay in milliseconds (default 5000). */
  maxDelayMs?: number;
  /** Timeout of one HTTP request in milliseconds (default 10000); a timeout is retried like a 5xx. */
  requestTimeoutMs?: number;
  logger?: TwilioProviderLogger;
}

/**
 * Twilio's line type for a number (Lookup v2 `line_type_intelligence.type`): `mobile`, `landline`,
 * `fixedVoip`, `nonFixedVoip`, `tollFree`, `personal`, `premium`, `sharedCost`, `uan`, `voicemail`,
 * `pager`, or `unknown` (also returned when Twilio gives no type). Other values may appear.
 */
export type LineType =
  | 'mobile'
  | 'landline'
  | 'fixedVoip'
  | 'nonFixedVoip'
  | 'tollFree'
  | 'personal'
  | 'premium'
  | 'sharedCost'
  | 'uan'
  | 'voicemail'
  | 'pager'
  | 'unknown'
  | (string & {});

/**
 * Twilio refused a request for good (a 4xx other than 429), e.g. 20003 bad credentials or 20404 not
 * found. Thrown by `lookupLineType`; `sendMessage` reports refusals as `{ ok: false }` instead.
 */
export class TwilioRequestError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null,
    readonly errorCode: number | null,
  ) {
    super(message);
    this.name = 'TwilioRequestError';
  }
}

/** The Twilio telephony provider: the port plus Twilio-only calls. */
export interface TwilioProvider extends TelephonyProvider {
  readonly name: 'twilio';
  /**
   * Looks up the line type of `e164` (e.g. `+15125550123`) with Lookup v2 `line_type_intelligence`
   * (a paid Twilio lookup). Retries transient failures like `sendMessage`; throws
   * `ProviderUnavailableError` when they run out and `TwilioRequestError` on any other 4xx; the SDK's
   * `Error` when the Account SID does not start with `AC`.
   */
  lookupLineType(account: ProviderAccount, e164: string): Promise<LineType>;
}

type TwilioClient = ReturnType<typeof twilio>;

/** How a failed SDK call is handled. */
type Failure =
  | { kind: 'transient'; httpStatus: number | null; errorCode: number | null; message: string }
  | { kind: 'refused'; httpStatus: number | null; errorCode: number | null; message: string };

/**
 * Creates the Twilio provider. SDK clients are cached per Account SID (replaced when the auth token
 * changes) and share one HTTP connection pool. The SDK's own 429 retry (`autoRetry`) is off, so each
 * call makes at most `maxAttempts` HTTP requests.
 *
 * `sendMessage` resolves `{ ok: true, sid, status }` when Twilio accepts the message (201),
 * `{ ok: false, … }` on a refusal (any 4xx but 429/20429, or an Account SID the SDK rejects), and throws
 * `ProviderUnavailableError` (with the last HTTP status and Twilio code, both `null` for network
 * errors) after `maxAttempts` transient failures.
 *
 * Throws `TypeError` when `apiBaseUrl` is not an absolute http(s) URL.
 */
export function createTwilioProvider(opts: TwilioProviderOptions): TwilioProvider {
  const maxAttempts = Math.max(1, Math.floor(opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
  const baseDelayMs = Math.max(0, opts.baseDelayMs ?? DEFAULT_BASE_DELAY_MS);
  const maxDelayMs = Math.max(baseDelayMs, opts.maxDelayMs ?? DEFAULT_MAX_DELAY_MS);
  const logger = opts.logger;
  const httpClient = new BaseUrlRequestClient({
    apiBaseUrl: opts.apiBaseUrl,
    timeout: opts.requestTimeoutMs ?? DEFAULT_TWILIO_REQUEST_TIMEOUT_MS,
    autoRetry: false,
  });
  const clients = new Map<string, { tokenHash: string; client: TwilioClient }>();

  /** Throws the SDK's `Error` when the Account SID does not start with `AC`. */
  function clientFor(account: ProviderAccount): TwilioClient {
    // Keyed by SID so a rotated token replaces the old client instead of piling up; the token is kept
    // only as a hash here (the SDK client holds it anyway).
    const tokenHash = createHash('sha256').update(account.authToken).digest('hex');
    const cached = clients.get(account.accountSid);
    if (cached?.tokenHash === tokenHash) return cached.client;
    const client = twilio(account.accountSid, account.authToken, { httpClient, autoRetry: false });
    clients.set(account.accountSid, { tokenHash, client });
    return client;
  }

  /** Equal jitter: half the exponential delay fixed, half random, so retries never bunch up at 0 ms. */
  function backoffMs(failedAttempt: number): number {
    const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (failedAttempt - 1));
    return Math.round(exp / 2 + Math.random() * (exp / 2));
  }

  /**
   * Runs `call` up to `maxAttempts` times while it fails transiently. Rethrows a refusal's original
   * error; throws `ProviderUnavailableError` when the attempts run out. Unclassified errors (bugs,
   * invalid arguments) propagate at once.
   */
  async function withRetries<T>(
    operation: string,
    account: ProviderAccount,
    call: () => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const failure = classifyFailure(err);
        if (failure?.kind !== 'transient') throw err;
        const logFields = {
          operation,
          accountSid: account.accountSid,
          attempt,
          maxAttempts,
          httpStatus: failure.httpStatus,
          errorCode: failure.errorCode,
          reason: failure.message,
        };
        if (attempt >= maxAttempts) {
          logger?.warn(logFields, 'twilio request failed; attempts exhausted');
          // No `cause`: axios errors carry the request config, Authorization header included.
          throw new ProviderUnavailableError(
            `Twilio ${operation} failed after ${attempt} attempt(s): ${failure.message}`,
            failure.httpStatus,
            failure.errorCode,
          );
        }
        const delayMs = backoffMs(attempt);
        logger?.warn({ ...logFields, delayMs }, 'twilio request failed; retrying');
        await sleep(delayMs);
      }
    }
  }

  return {
    name: 'twilio',

    async sendMessage(req: SendMessageRequest): Promise<SendMessageResult> {
      let client: TwilioClient;
      try {
        client = clientFor(req.account);
      } catch (err) {
        return { ok: false, errorCode: null, httpStatus: null, message: errorMessage(err) };
      }
      // With a Messaging Service, Twilio picks the sender from the service's pool; `From` would pin it.
      const sender = req.messagingServiceSid
        ? { messagingServiceSid: req.messagingServiceSid }
        : { from: req.from };
      try {
        const message = await withRetries('messages.create', req.account, () =>
          client.messages.create({
            to: req.to,
            ...sender,
            body: req.body,
            statusCallback: req.statusCallbackUrl,
          }),
        );
        logger?.debug?.(
          { accountSid: req.account.accountSid, sid: message.sid, status: message.status },
          'twilio accepted message',
        );
        return { ok: true, sid: message.sid, status: message.status };
      } catch (err) {
        const failure = classifyFailure(err);
        if (failure?.kind !== 'refused') throw err;
        logger?.warn(
          {
            operation: 'messages.create',
            accountSid: req.account.accountSid,
            httpStatus: failure.httpStatus,
            errorCode: failure.errorCode,
            reason: failure.message,
          },
          'twilio refused message',
        );
        return {
          ok: false,
          errorCode: failure.errorCode,
          httpStatus: failure.httpStatus,
          message: failure.message,
        };
      }
    },

    async placeCall(req: PlaceCallRequest): Promise<SendMessageResult> {
      let client: TwilioClient;
      try {
        client = clientFor(req.account);
      } catch (err) {
        return { ok: false, errorCode: null, httpStatus: null, message: errorMessage(err) };
      }
      try {
        const call = await withRetries('calls.create', req.account, () =>
          client.calls.create({ to: req.to, from: req.from, twiml: req.twiml, ...(req.statusCallbackUrl ? { statusCallback: req.statusCallbackUrl } : {}) }),
        );
        return { ok: true, sid: call.sid, status: call.status };
      } catch (err) {
        const failure = classifyFailure(err);
        if (failure?.kind !== 'refused') throw err;
        return { ok: false, errorCode: failure.errorCode, httpStatus: failure.httpStatus, message: failure.message };
      }
    },

    async lookupLineType(account: ProviderAccount, e164: string): Promise<LineType> {
      const client = clientFor(account);
      try {
        const result = await withRetries('lookups.phoneNumbers.fetch', account, () =>
          client.lookups.v2.phoneNumbers(e164).fetch({ fields: 'line_type_intelligence' }),
        );
        // The SDK types the field as always present, but Twilio sends null when it was not requested
        // or could not be resolved.
        const info = result.lineTypeIntelligence as { type?: string | null } | null | undefined;
        return info?.type ?? 'unknown';
      } catch (err) {
        const failure = classifyFailure(err);
        if (failure?.kind !== 'refused') throw err;
        throw new TwilioRequestError(
          `Twilio lookup refused: ${failure.message}`,
          failure.httpStatus,
          failure.errorCode,
        );
      }
    },
  };
}

/**
 * Classifies an error thrown by an SDK call, or returns `null` when it is neither an HTTP error answer
 * nor a network error (e.g. the SDK rejecting an argument before any request).
 */
function classifyFailure(err: unknown): Failure | null {
  if (typeof err !== 'object' || err === null) return null;
  const e = err as {
    isAxiosError?: unknown;
    response?: unknown;
    status?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const message = typeof e.message === 'string' && e.message !== '' ? e.message : String(err);

  // Axios accepts every HTTP status (the SDK sets validateStatus to 100-599), so an axios error means
  // the request got no answer: refused, reset, timed out, DNS failure, …
  if (e.isAxiosError === true && e.response === undefined) {
    return { kind: 'transient', httpStatus: null, errorCode: null, message: networkMessage(e.code, message) };
  }
  if (typeof e.code === 'string' && NETWORK_ERROR_CODES.has(e.code)) {
    return { kind: 'transient', httpStatus: null, errorCode: null, message: networkMessage(e.code, message) };
  }

  // The SDK's RestException (legacy `{code, message, status}` bodies) and TwilioServiceException
  // (RFC 9457 bodies) both carry the HTTP status in `status` and Twilio's code in `code`.
  if (typeof e.status === 'number') {
    const httpStatus = e.status;
    const errorCode = typeof e.code === 'number' ? e.code : null;
    const transient =
      httpStatus >= 500 || httpStatus === 429 || errorCode === TWILIO_TOO_MANY_REQUESTS;
    const refused = !transient && httpStatus >= 400 && httpStatus < 500;
    // 1xx/3xx answers (a proxy in the way, a redirect) are not Twilio's word on the message: retry.
    return { kind: refused ? 'refused' : 'transient', httpStatus, errorCode, message };
  }
  return null;
}

function networkMessage(code: unknown, message: string): string {
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Providers behind the module-level `lookupLineType`, one per option set. */
const lookupProviders = new Map<string, TwilioProvider>();

/**
 * Looks up the line type of `e164` through a provider shared per `opts` (cached for the process, so its
 * SDK clients are reused; the `logger` of the first call for an option set is the one used). Same
 * result and errors as `TwilioProvider.lookupLineType`; prefer that method when a provider is at hand.
 */
export function lookupLineType(
  account: ProviderAccount,
  e164: string,
  opts: TwilioProviderOptions = { apiBaseUrl: 'https://api.twilio.com' },
): Promise<LineType> {
  const key = JSON.stringify([
    opts.apiBaseUrl,
    opts.maxAttempts,
    opts.baseDelayMs,
    opts.maxDelayMs,
    opts.requestTimeoutMs,
  ]);
  let provider = lookupProviders.get(key);
  if (provider === undefined) {
    provider = createTwilioProvider(opts);
    lookupProviders.set(key, provider);
  }
  return provider.lookupLineType(account, e164);
}
