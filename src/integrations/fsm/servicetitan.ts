/**
 * ServiceTitan adapter: creates a booking through the contractor's booking provider (CRM v2,
 * `POST /crm/v2/tenant/{tenant}/booking-provider/{bookingProvider}/bookings`), where a CSR accepts it
 * into a job. Auth is OAuth 2 client credentials at `auth.servicetitan.io/connect/token` (form
 * `grant_type=client_credentials&client_id&client_secret` → `{access_token, expires_in}`, 15 min), sent
 * as `Authorization: Bearer` together with the app's `ST-App-Key` header (developer.servicetitan.io,
 * "Authentication"). Tokens are cached per connection in this process; a 401 drops the token, fetches a
 * new one and tries once more.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { ServiceTitanConfig, ServiceTitanCredentials } from './fsm-config.ts';
import { SERVICETITAN_API_BASE_URL, SERVICETITAN_AUTH_BASE_URL } from './fsm-config.ts';
import type { FsmPushInput } from './push-input.ts';
import { failureOf, networkFailure, readAnswer, type PushOutcome } from './push-outcome.ts';
import { customerName, pushSummary } from './push-summary.ts';
import { splitUsAddress } from './us-address.ts';
import { callVendor, type VendorAttempt } from './vendor.ts';

const VENDOR = 'ServiceTitan';
/** Booking `source` ServiceTitan shows CSRs: who sent it. */
const BOOKING_SOURCE = 'Ringback';
/** Renew a cached token this long before ServiceTitan says it expires (ms). */
const TOKEN_MARGIN_MS = 60_000;

/** The JSON body of a ServiceTitan booking (`Bookings.CreateBookingRequest`). */
export interface ServiceTitanBooking {
  source: string;
  name: string;
  address?: { street: string; city: string; state: string; zip: string; country: string };
  contacts: Array<{ type: 'MobilePhone' | 'Phone' | 'Email'; value: string; memo: string | null }>;
  summary: string;
  /** Start of the arrival window (ISO instant), when booked. */
  start?: string;
  campaignId?: number;
  businessUnitId?: number;
  jobTypeId?: number;
  priority: 'Low' | 'Normal' | 'High' | 'Urgent';
  /** Our id for the booking (or the lead, when pushed on `qualified`): how a CSR or a lookup finds it again. */
  externalId: string;
  isFirstTimeClient: boolean;
  isSendConfirmationEmail: boolean;
}

/** `/crm/v2/tenant/{tenant}/booking-provider/{bookingProvider}/bookings` on the API host. */
export function serviceTitanBookingsUrl(config: ServiceTitanConfig): string {
  return `${config.apiBaseUrl ?? SERVICETITAN_API_BASE_URL}/crm/v2/tenant/${config.tenantId}/booking-provider/${config.bookingProviderId}/bookings`;
}

/** ServiceTitan phone numbers are 10 digits for US numbers (their UI's format); others stay E.164. */
function stPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.country === 'US' || parsed?.countryCallingCode === '1' ? parsed.nationalNumber : e164;
}

/**
 * The booking request for `input` (pure). Campaign: `campaignIdsBySource[leadSource]`, else `campaignId`.
 * A safety emergency is `Urgent` whatever the configured priority. No address (a push on `qualified`
 * before the customer gave one) sends none rather than an empty one.
 */
export function buildServiceTitanBooking(input: FsmPushInput, config: ServiceTitanConfig): ServiceTitanBooking {
  const b = input.booking;
  const address = splitUsAddress(b?.address, b?.zip ?? input.contact.zip);
  const campaign = (input.source.leadSource && config.campaignIdsBySource?.[input.source.leadSource]) || config.campaignId;
  const contacts: ServiceTitanBooking['contacts'] = [{ type: 'MobilePhone', value: stPhone(input.contact.phoneE164), memo: 'Texted with Ringback' }];
  if (input.contact.email) contacts.push({ type: 'Email', value: input.contact.email, memo: null });
  return {
    source: BOOKING_SOURCE,
    name: customerName(input) ?? input.contact.phoneE164,
    ...(address.street ? { address: { street: address.street, city: address.city, state: address.state, zip: address.zip, country: address.country } } : {}),
    contacts,
    summary: pushSummary(input),
    ...(b ? { start: b.start } : {}),
    ...(campaign ? { campaignId: Number(campaign) } : {}),
    ...(config.businessUnitId ? { businessUnitId: Number(config.businessUnitId) } : {}),
    ...(config.jobTypeId ? { jobTypeId: Number(config.jobTypeId) } : {}),
    priority: input.safety ? 'Urgent' : (config.priority ?? 'Normal'),
    externalId: b?.id ?? input.leadId,
    isFirstTimeClient: true,
    isSendConfirmationEmail: config.sendConfirmationEmail ?? false,
  };
}

const tokens = new Map<string, { token: string; expiresAt: number }>();

type TokenResult = { token: string } | { outcome: PushOutcome };

async function accessToken(attempt: VendorAttempt<ServiceTitanConfig, ServiceTitanCredentials>, fresh: boolean): Promise<TokenResult> {
  const { config, credentials } = attempt;
  const key = `${attempt.connectionId}|${config.authBaseUrl ?? ''}|${credentials.clientId}|${credentials.clientSecret}`;
  const cached = tokens.get(key);
  if (!fresh && cached && cached.expiresAt > Date.now()) return { token: cached.token };
  tokens.delete(key);
  let res: Response;
  try {
    res = await callVendor(attempt, `${config.authBaseUrl ?? SERVICETITAN_AUTH_BASE_URL}/connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: credentials.clientId, client_secret: credentials.clientSecret }),
    });
  } catch (err) {
    return { outcome: networkFailure(VENDOR, err) };
  }
  const answer = await readAnswer(res, attempt.now);
  const body = answer.body as { access_token?: unknown; expires_in?: unknown } | null;
  if (res.ok && typeof body?.access_token === 'string') {
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 900) * 1000;
    tokens.set(key, { token: body.access_token, expiresAt: Date.now() + lifetimeMs - TOKEN_MARGIN_MS });
    return { token: body.access_token };
  }
  if (res.ok) return { outcome: { kind: 'transient', error: 'ServiceTitan answered the token request without an access_token' } };
  const failed = failureOf(`${VENDOR} (token)`, answer);
  // 400 invalid_client / 401: the client id or secret is wrong; a person must fix the connection.
  return { outcome: failed.kind === 'permanent' ? { kind: 'permanent', error: `${failed.error} — check the client id and secret` } : failed };
}

/** Sends the booking; 2xx → `succeeded` with ServiceTitan's booking id. */
export async function pushToServiceTitan(attempt: VendorAttempt<ServiceTitanConfig, ServiceTitanCredentials>): Promise<PushOutcome> {
  const body = JSON.stringify(buildServiceTitanBooking(attempt.input, attempt.config));
  for (const fresh of [false, true]) {
    const token = await accessToken(attempt, fresh);
    if ('outcome' in token) return token.outcome;
    let res: Response;
    try {
      res = await callVendor(attempt, serviceTitanBookingsUrl(attempt.config), {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'st-app-key': attempt.credentials.appKey, 'content-type': 'application/json', accept: 'application/json' },
        body,
      });
    } catch (err) {
      return networkFailure(VENDOR, err);
    }
    const answer = await readAnswer(res, attempt.now);
    if (res.status === 401 && !fresh) continue;
    if (res.ok) {
      const id = (answer.body as { id?: unknown } | null)?.id;
      return id === undefined || id === null ? { kind: 'transient', error: 'ServiceTitan answered without a booking id' } : { kind: 'succeeded', externalId: String(id) };
    }
    if (res.status === 401) return { kind: 'permanent', error: `${failureOf(VENDOR, answer).error} — the app key or credentials were refused` };
    return failureOf(VENDOR, answer);
  }
  return { kind: 'transient', error: 'unreachable' };
}
