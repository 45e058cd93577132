/**
 * A local fake of the ServiceTitan APIs Ringback's adapter calls, following developer.servicetitan.io:
 *
 * - `POST /connect/token` (auth host): OAuth 2 client credentials, form `grant_type=client_credentials,
 *   client_id, client_secret` → `{access_token, token_type: 'Bearer', expires_in: 900}`; a wrong client
 *   answers 400 `{error: 'invalid_client'}`.
 * - `POST /crm/v2/tenant/{tenant}/booking-provider/{bookingProvider}/bookings` (API host): needs
 *   `Authorization: Bearer <token>` (401 otherwise) and `ST-App-Key` (401 when wrong); validates the
 *   booking (`source`, `name`, `summary`, `contacts[{type, value}]`, `address{street, city, state, zip,
 *   country}` when given, numeric ids) and answers 200 with the booking (`id`, `status: 'Pending'`), or
 *   400 with ServiceTitan's RFC 7807 body `{type, title, status, traceId, errors: {Field: [msg]}}`.
 *
 * One server plays both hosts (set `apiBaseUrl` and `authBaseUrl` to `fake.url`). Failures can be
 * scripted (`failNext`), tokens revoked (`revokeTokens`), and every request is recorded.
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyRequest } from 'fastify';

export const ST_CLIENT_ID = 'cid.ringback-test';
export const ST_CLIENT_SECRET = 'cs1.ringback-test-secret';
export const ST_APP_KEY = 'ak1.ringback-test-app';
export const ST_TENANT = '1234567';
export const ST_BOOKING_PROVIDER = '77';

/** A request as the fake received it (headers lower-cased; body parsed from JSON or form). */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface FakeServiceTitan {
  url: string;
  requests: RecordedRequest[];
  /** Booking requests only. */
  readonly bookings: RecordedRequest[];
  /** The next `count` booking requests answer `status` (e.g. 503, or 429 with `headers: {'retry-after': '120'}`). */
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  /** The next booking request fails validation with these field errors (400, ServiceTitan's shape). */
  rejectNext(errors: Record<string, string[]>): void;
  /** Every token issued so far stops working (as after expiry): the next booking answers 401. */
  revokeTokens(): void;
  close(): Promise<void>;
}

export async function startFakeServiceTitan(): Promise<FakeServiceTitan> {
  const app = Fastify({ logger: false });
  await app.register(formbody);
  const requests: RecordedRequest[] = [];
  const tokens = new Set<string>();
  const failures: Array<{ status: number; headers: Record<string, string> }> = [];
  let rejection: Record<string, string[]> | null = null;
  let seq = 0;
  const record = (request: FastifyRequest) =>
    requests.push({ method: request.method, path: request.url, headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])), body: (request.body ?? {}) as Record<string, unknown> });
  const problem = (status: number, title: string, errors: Record<string, string[]> = {}) => ({ type: 'https://tools.ietf.org/html/rfc7231#section-6.5.1', title, status, traceId: `00-${seq}`, errors });

  app.post('/connect/token', async (request, reply) => {
    record(request);
    const form = (request.body ?? {}) as Record<string, string>;
    if (form.grant_type !== 'client_credentials') return reply.code(400).send({ error: 'unsupported_grant_type' });
    if (form.client_id !== ST_CLIENT_ID || form.client_secret !== ST_CLIENT_SECRET) return reply.code(400).send({ error: 'invalid_client' });
    seq += 1;
    const token = `st-token-${seq}`;
    tokens.add(token);
    return { access_token: token, token_type: 'Bearer', expires_in: 900, scope: 'tn.crm.bookings:w' };
  });

  app.post('/crm/v2/tenant/:tenant/booking-provider/:provider/bookings', async (request, reply) => {
    record(request);
    const { tenant, provider } = request.params as { tenant: string; provider: string };
    const auth = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!auth || !tokens.has(auth)) return reply.code(401).send(problem(401, 'Unauthorized'));
    if (request.headers['st-app-key'] !== ST_APP_KEY) return reply.code(401).send(problem(401, 'Invalid application key'));
    if (tenant !== ST_TENANT) return reply.code(404).send(problem(404, `Tenant ${tenant} not found`));
    if (provider !== ST_BOOKING_PROVIDER) return reply.code(404).send(problem(404, `Booking provider ${provider} not found`));
    const failure = failures.shift();
    if (failure) return reply.code(failure.status).headers(failure.headers).send(problem(failure.status, 'Service Unavailable'));
    if (rejection) {
      const errors = rejection;
      rejection = null;
      return reply.code(400).send(problem(400, 'One or more validation errors occurred.', errors));
    }
    const b = (request.body ?? {}) as Record<string, unknown>;
    const errors: Record<string, string[]> = {};
    const required = (field: string, ok: boolean) => {
      if (!ok) errors[field] = [`The ${field} field is required.`];
    };
    required('Source', typeof b.source === 'string' && b.source.length > 0);
    required('Name', typeof b.name === 'string' && b.name.length > 0);
    required('Summary', typeof b.summary === 'string' && b.summary.length > 0);
    required('Contacts', Array.isArray(b.contacts));
    for (const [i, c] of (Array.isArray(b.contacts) ? b.contacts : []).entries()) {
      const contact = c as Record<string, unknown>;
      if (!['Phone', 'MobilePhone', 'Email', 'Fax'].includes(String(contact.type))) errors[`Contacts[${i}].Type`] = ['Invalid contact type.'];
      if (typeof contact.value !== 'string' || !contact.value) errors[`Contacts[${i}].Value`] = ['The Value field is required.'];
    }
    if (b.address !== undefined) {
      const a = b.address as Record<string, unknown>;
      for (const f of ['street', 'city', 'state', 'zip', 'country']) if (typeof a?.[f] !== 'string') errors[`Address.${f}`] = [`The ${f} field is required.`];
    }
    for (const f of ['campaignId', 'businessUnitId', 'jobTypeId']) if (b[f] !== undefined && typeof b[f] !== 'number') errors[f] = [`${f} must be a number.`];
    if (Object.keys(errors).length > 0) return reply.code(400).send(problem(400, 'One or more validation errors occurred.', errors));
    seq += 1;
    return { id: 90_000 + seq, ...b, status: 'Pending', createdOn: new Date().toISOString() };
  });

  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    requests,
    get bookings() {
      return requests.filter((r) => r.path.includes('/bookings'));
    },
    failNext(count, status, headers = {}) {
      for (let i = 0; i < count; i += 1) failures.push({ status, headers });
    },
    rejectNext(errors) {
      rejection = errors;
    },
    revokeTokens() {
      tokens.clear();
    },
    close: () => app.close(),
  };
}
