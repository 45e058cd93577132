/**
 * Jobber adapter (GraphQL at `https://api.getjobber.com/api/graphql`, developer.getjobber.com): creates
 * the client with its phone and billing address and the service property (`clientCreate`, adding
 * `propertyCreate` when no property came back), then a request for that client and property
 * (`requestCreate`). Every call carries `Authorization: Bearer <access token>` and the required
 * `X-JOBBER-GRAPHQL-VERSION`. Mutations report validation problems as `userErrors` with HTTP 200; those
 * fail the push at once with Jobber's messages. A throttled query (`errors[].extensions.code`
 * `THROTTLED`) is retried later.
 *
 * Access tokens expire after 60 minutes (401): the adapter redeems the refresh token once at
 * `/api/oauth/token` (form `client_id, client_secret, grant_type=refresh_token, refresh_token`) and
 * stores the new access *and* refresh token (refresh-token rotation: the old refresh token is dead).
 *
 * Steps already done survive a failed attempt in `progress` (`{"clientId","propertyId"}`), so a retry
 * after, say, a 503 on `requestCreate` does not create the client twice.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { JOBBER_API_BASE_URL, JOBBER_GRAPHQL_VERSION, type JobberConfig, type JobberCredentials } from './fsm-config.ts';
import type { FsmPushInput } from './push-input.ts';
import { clip, failureOf, networkFailure, readAnswer, type PushOutcome } from './push-outcome.ts';
import { customerName, pushTitle } from './push-summary.ts';
import { splitPersonName, splitUsAddress } from './us-address.ts';
import { callVendor, type VendorAttempt } from './vendor.ts';

const VENDOR = 'Jobber';

export const CLIENT_CREATE = `mutation RingbackClientCreate($input: ClientCreateInput!) {
  clientCreate(input: $input) {
    client { id clientProperties(first: 1) { nodes { id } } }
    userErrors { message path }
  }
}`;
export const PROPERTY_CREATE = `mutation RingbackPropertyCreate($clientId: EncodedId!, $input: PropertyCreateInput!) {
  propertyCreate(clientId: $clientId, input: $input) {
    properties { id }
    userErrors { message path }
  }
}`;
export const REQUEST_CREATE = `mutation RingbackRequestCreate($input: RequestCreateInput!) {
  requestCreate(input: $input) {
    request { id }
    userErrors { message path }
  }
}`;

/** Jobber's `AddressAttributes`. */
export interface JobberAddress {
  street1: string;
  city: string;
  province: string;
  postalCode: string;
  country: string;
}

/** What a Jobber push sends: the variables of each mutation (pure data, unit-tested). */
export interface JobberPushPlan {
  clientCreate: { input: Record<string, unknown> };
  /** The address for `propertyCreate` / the client's property, or null when the customer gave none. */
  address: JobberAddress | null;
  requestCreate: { title: string };
}

/** Builds the mutation variables for `input` (pure). */
export function buildJobberPlan(input: FsmPushInput): JobberPushPlan {
  const b = input.booking;
  const name = splitPersonName(customerName(input));
  const parts = splitUsAddress(b?.address, b?.zip ?? input.contact.zip);
  const address: JobberAddress | null = parts.street ? { street1: parts.street, city: parts.city, province: parts.state, postalCode: parts.zip, country: 'United States' } : null;
  const parsed = parsePhoneNumberFromString(input.contact.phoneE164);
  const phone = parsed ? parsed.formatNational() : input.contact.phoneE164;
  const clientInput: Record<string, unknown> = {
    firstName: name.first || 'Customer',
    lastName: name.last || phone,
    phones: [{ number: phone, primary: true, description: 'MOBILE' }],
    ...(input.contact.email ? { emails: [{ address: input.contact.email, primary: true, description: 'MAIN' }] } : {}),
    ...(address ? { billingAddress: address, properties: [{ address }] } : {}),
  };
  return { clientCreate: { input: clientInput }, address, requestCreate: { title: pushTitle(input) } };
}

/** The GraphQL endpoint and token endpoint of the connection. */
export function jobberUrls(config: JobberConfig): { graphql: string; token: string } {
  const base = config.apiBaseUrl ?? JOBBER_API_BASE_URL;
  return { graphql: `${base}/api/graphql`, token: `${base}/api/oauth/token` };
}

interface Progress {
  clientId?: string;
  propertyId?: string | null;
}

type Step<T> = { ok: true; data: T } | { ok: false; outcome: PushOutcome };

/** Sends the client, property and request; `succeeded` carries the Jobber request id. */
export async function pushToJobber(attempt: VendorAttempt<JobberConfig, JobberCredentials>): Promise<PushOutcome> {
  const urls = jobberUrls(attempt.config);
  let credentials = attempt.credentials;
  let refreshed = false;
  const progress: Progress = attempt.progress ? (JSON.parse(attempt.progress) as Progress) : {};
  const progressText = () => (progress.clientId ? JSON.stringify(progress) : undefined);

  const refresh = async (): Promise<PushOutcome | null> => {
    let res: Response;
    try {
      res = await callVendor(attempt, urls.token, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ client_id: credentials.clientId, client_secret: credentials.clientSecret, grant_type: 'refresh_token', refresh_token: credentials.refreshToken }),
      });
    } catch (err) {
      return networkFailure(VENDOR, err, progressText());
    }
    const answer = await readAnswer(res, attempt.now);
    const body = answer.body as { access_token?: unknown; refresh_token?: unknown } | null;
    if (res.ok && typeof body?.access_token === 'string') {
      credentials = { ...credentials, accessToken: body.access_token, refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : credentials.refreshToken };
      await attempt.saveCredentials(credentials);
      return null;
    }
    const failed = failureOf(`${VENDOR} (token refresh)`, answer, progressText());
    return failed.kind === 'permanent' ? { ...failed, error: `${failed.error} — reconnect Jobber and save the new tokens` } : failed;
  };

  /** One GraphQL mutation; `field` is the payload to read (`clientCreate`…). Refreshes the token once on 401. */
  const mutate = async <T>(query: string, variables: Record<string, unknown>, field: string): Promise<Step<T>> => {
    for (;;) {
      let res: Response;
      try {
        res = await callVendor(attempt, urls.graphql, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${credentials.accessToken}`,
            'x-jobber-graphql-version': attempt.config.graphqlVersion ?? JOBBER_GRAPHQL_VERSION,
            'content-type': 'application/json',
            accept: 'application/json',
          },
          body: JSON.stringify({ query, variables }),
        });
      } catch (err) {
        return { ok: false, outcome: networkFailure(VENDOR, err, progressText()) };
      }
      const answer = await readAnswer(res, attempt.now);
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        const failed = await refresh();
        if (failed) return { ok: false, outcome: failed };
        continue;
      }
      if (!res.ok) {
        const failed = failureOf(VENDOR, answer, progressText());
        return { ok: false, outcome: res.status === 401 ? { ...failed, kind: 'permanent', error: `${failed.error} — reconnect Jobber` } : failed };
      }
      const body = answer.body as { data?: Record<string, unknown> | null; errors?: Array<{ message?: string; extensions?: { code?: string } }> } | null;
      if (body?.errors?.length) {
        const message = clip(`${VENDOR} ${field}: ${body.errors.map((e) => e.message ?? 'error').join('; ')}`);
        const throttled = body.errors.some((e) => e.extensions?.code === 'THROTTLED');
        return { ok: false, outcome: throttled ? { kind: 'transient', error: message, progress: progressText() } : { kind: 'permanent', error: message, progress: progressText() } };
      }
      const payload = body?.data?.[field] as ({ userErrors?: Array<{ message: string; path?: string[] }> } & T) | undefined;
      if (!payload) return { ok: false, outcome: { kind: 'transient', error: `${VENDOR} answered ${field} without data`, progress: progressText() } };
      if (payload.userErrors?.length) {
        const message = payload.userErrors.map((e) => (e.path?.length ? `${e.path.join('.')}: ${e.message}` : e.message)).join('; ');
        return { ok: false, outcome: { kind: 'permanent', error: clip(`${VENDOR} ${field}: ${message}`), progress: progressText() } };
      }
      return { ok: true, data: payload };
    }
  };

  const plan = buildJobberPlan(attempt.input);
  if (!progress.clientId) {
    const created = await mutate<{ client: { id: string; clientProperties?: { nodes?: Array<{ id: string }> } } | null }>(CLIENT_CREATE, plan.clientCreate, 'clientCreate');
    if (!created.ok) return created.outcome;
    if (!created.data.client) return { kind: 'transient', error: 'Jobber clientCreate returned no client' };
    progress.clientId = created.data.client.id;
    progress.propertyId = created.data.client.clientProperties?.nodes?.[0]?.id ?? null;
  }
  if (plan.address && !progress.propertyId) {
    const made = await mutate<{ properties: Array<{ id: string }> | null }>(PROPERTY_CREATE, { clientId: progress.clientId, input: { properties: [{ address: plan.address }] } }, 'propertyCreate');
    if (!made.ok) return made.outcome;
    progress.propertyId = made.data.properties?.[0]?.id ?? null;
  }
  const request = await mutate<{ request: { id: string } | null }>(
    REQUEST_CREATE,
    { input: { clientId: progress.clientId, ...(progress.propertyId ? { propertyId: progress.propertyId } : {}), title: plan.requestCreate.title } },
    'requestCreate',
  );
  if (!request.ok) return request.outcome;
  if (!request.data.request) return { kind: 'transient', error: 'Jobber requestCreate returned no request', progress: progressText() };
  return { kind: 'succeeded', externalId: request.data.request.id };
}
