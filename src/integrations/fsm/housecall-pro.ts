/**
 * Housecall Pro adapter: creates a lead (`POST /leads` on api.housecallpro.com) with a new customer,
 * the service address, the lead source and a note; the contractor converts it into a job or estimate.
 * Auth is the company's API key as `Authorization: Token <key>` (docs.housecallpro.com,
 * "Authentication": API keys use the `Token` scheme, OAuth apps `Bearer`). No token to refresh: a 401
 * means the key was deleted or mistyped, which only a person can fix.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { HOUSECALL_PRO_API_BASE_URL, type HousecallProConfig, type HousecallProCredentials } from './fsm-config.ts';
import type { FsmPushInput } from './push-input.ts';
import { failureOf, networkFailure, readAnswer, type PushOutcome } from './push-outcome.ts';
import { customerName, pushSummary } from './push-summary.ts';
import { splitPersonName, splitUsAddress } from './us-address.ts';
import { callVendor, type VendorAttempt } from './vendor.ts';

const VENDOR = 'Housecall Pro';
/** Lead source when neither the tracking number nor the connection names one. */
const DEFAULT_LEAD_SOURCE = 'Ringback';

/** The JSON body of `POST /leads`. */
export interface HousecallProLead {
  customer: { first_name: string; last_name: string; mobile_number: string; email?: string; lead_source: string; notes: string };
  address?: { street: string; city: string; state: string; zip: string; country: string };
  lead_source: string;
  note: string;
}

/** `POST` target for a new lead. */
export function housecallProLeadsUrl(config: HousecallProConfig): string {
  return `${config.apiBaseUrl ?? HOUSECALL_PRO_API_BASE_URL}/leads`;
}

/** Housecall Pro stores US numbers as 10 digits (`5125550123`); other numbers stay E.164. */
function hcpPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed?.countryCallingCode === '1' ? parsed.nationalNumber : e164;
}

/**
 * The lead for `input` (pure). The lead source is the tracking number's (`Google LSA`), else the
 * connection's `leadSource`, else `Ringback`. A customer with no name is entered by phone number as
 * first name, so the CSR still sees who to call.
 */
export function buildHousecallProLead(input: FsmPushInput, config: HousecallProConfig): HousecallProLead {
  const b = input.booking;
  const name = splitPersonName(customerName(input));
  const address = splitUsAddress(b?.address, b?.zip ?? input.contact.zip);
  const leadSource = input.source.leadSource ?? config.leadSource ?? DEFAULT_LEAD_SOURCE;
  const phone = hcpPhone(input.contact.phoneE164);
  return {
    customer: {
      first_name: name.first || phone,
      last_name: name.last,
      mobile_number: phone,
      ...(input.contact.email ? { email: input.contact.email } : {}),
      lead_source: leadSource,
      notes: 'Texted with Ringback after a missed call',
    },
    ...(address.street ? { address: { street: address.street, city: address.city, state: address.state, zip: address.zip, country: address.country } } : {}),
    lead_source: leadSource,
    note: pushSummary(input),
  };
}

/** Sends the lead; 2xx → `succeeded` with Housecall Pro's lead id. */
export async function pushToHousecallPro(attempt: VendorAttempt<HousecallProConfig, HousecallProCredentials>): Promise<PushOutcome> {
  let res: Response;
  try {
    res = await callVendor(attempt, housecallProLeadsUrl(attempt.config), {
      method: 'POST',
      headers: { authorization: `Token ${attempt.credentials.apiKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(buildHousecallProLead(attempt.input, attempt.config)),
    });
  } catch (err) {
    return networkFailure(VENDOR, err);
  }
  const answer = await readAnswer(res, attempt.now);
  if (res.ok) {
    const id = (answer.body as { id?: unknown } | null)?.id;
    return id === undefined || id === null ? { kind: 'transient', error: 'Housecall Pro answered without a lead id' } : { kind: 'succeeded', externalId: String(id) };
  }
  if (res.status === 401 || res.status === 403) return { kind: 'permanent', error: `${failureOf(VENDOR, answer).error} — check the API key` };
  return failureOf(VENDOR, answer);
}
