/**
 * An HTTP client for the official `twilio` SDK that sends every REST call to `TWILIO_API_BASE_URL`
 * (DESIGN.md §6-§7). The SDK hard-codes one host per product (`api.twilio.com` for messages and calls,
 * `lookups.twilio.com` for lookups, …) and has no setting to change them, so we subclass its
 * `RequestClient` and pass the instance as the client's `httpClient` option.
 */
import twilio from 'twilio';
import type SdkRequestClient from 'twilio/lib/base/RequestClient.js';
import type * as SdkResponseModule from 'twilio/lib/http/response.js';

/**
 * Default timeout of one HTTP request, in milliseconds. The SDK's own default is 30 s; a send that has
 * not been answered in 10 s is better retried (or handed back to the job queue) than waited for.
 */
export const DEFAULT_TWILIO_REQUEST_TIMEOUT_MS = 10_000;

/** Options of `BaseUrlRequestClient`: the SDK's `RequestClient` options plus the base URL. */
export interface BaseUrlRequestClientOptions extends SdkRequestClient.RequestClientOptions {
  /**
   * Scheme, host, optional port and optional path prefix that replace the scheme and host of every
   * request, e.g. `http://127.0.0.1:4010` or `https://twilio-proxy.example.com/twilio`. When it points at
   * Twilio itself (any `*.twilio.com` host, such as the default `https://api.twilio.com`), requests keep
   * the SDK's own host, because each Twilio product lives on its own host.
   */
  apiBaseUrl: string;
}

/**
 * Parses `apiBaseUrl` and returns the URL that requests are rewritten to, or `null` when it names
 * Twilio's own API (no rewrite). Throws `TypeError` when it is not an absolute `http:`/`https:` URL or
 * carries a query or fragment.
 */
export function parseTwilioApiBaseUrl(apiBaseUrl: string): URL | null {
  let base: URL;
  try {
    base = new URL(apiBaseUrl);
  } catch {
    throw new TypeError(`TWILIO_API_BASE_URL is not an absolute URL: ${JSON.stringify(apiBaseUrl)}`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new TypeError(`TWILIO_API_BASE_URL must use http or https, got ${base.protocol}`);
  }
  if (base.search !== '' || base.hash !== '') {
    throw new TypeError('TWILIO_API_BASE_URL must not have a query or fragment');
  }
  if (base.username !== '' || base.password !== '') {
    throw new TypeError('TWILIO_API_BASE_URL must not carry credentials');
  }
  const host = base.hostname.toLowerCase();
  if (host === 'twilio.com' || host.endsWith('.twilio.com')) return null;
  return base;
}

/**
 * Returns `uri` with its scheme, host and port replaced by those of `base`, keeping its path and query
 * (a path prefix in `base` is prepended). `base === null` returns `uri` unchanged. Throws `TypeError`
 * when `uri` is not an absolute URL.
 *
 * Example: `https://lookups.twilio.com/v2/PhoneNumbers/+15125550123?Fields=line_type_intelligence` with
 * base `http://127.0.0.1:4010` → `http://127.0.0.1:4010/v2/PhoneNumbers/+15125550123?Fields=line_type_intelligence`.
 */
export function rewriteTwilioUri(uri: string, base: URL | null): string {
  if (base === null) return uri;
  const original = new URL(uri);
  const target = new URL(base.href);
  const prefix = target.pathname.replace(/\/+$/, '');
  target.pathname = prefix + original.pathname;
  target.search = original.search;
  return target.href;
}

/**
 * The SDK's `RequestClient` with every request URI rewritten by `rewriteTwilioUri`. Pass one instance as
 * `httpClient` to `twilio(accountSid, authToken, { httpClient })`; one instance can serve many SDK clients
 * (it keeps the connection pool).
 *
 * Defaults differ from the SDK's: `timeout` is `DEFAULT_TWILIO_REQUEST_TIMEOUT_MS` (10 s) instead of 30 s.
 * The SDK's own 429 retry (`autoRetry`) stays off unless asked for: callers that retry themselves
 * (as `createTwilioProvider` does) would otherwise multiply the attempts.
 *
 * Throws `TypeError` from the constructor when `apiBaseUrl` is invalid (see `parseTwilioApiBaseUrl`).
 */
export class BaseUrlRequestClient extends twilio.RequestClient {
  /** The rewrite target, or `null` when requests go to Twilio's own hosts. */
  readonly apiBaseUrl: URL | null;

  constructor(opts: BaseUrlRequestClientOptions) {
    const { apiBaseUrl, ...requestClientOptions } = opts;
    const base = parseTwilioApiBaseUrl(apiBaseUrl);
    super({ timeout: DEFAULT_TWILIO_REQUEST_TIMEOUT_MS, autoRetry: false, ...requestClientOptions });
    this.apiBaseUrl = base;
  }

  override request<TData>(opts: SdkRequestClient.RequestOptions<TData>): Promise<SdkResponseModule.default<TData>> {
    return super.request({ ...opts, uri: rewriteTwilioUri(opts.uri, this.apiBaseUrl) });
  }
}
