/**
 * A local fake of Jobber's API (developer.getjobber.com), enough for Ringback's adapter:
 *
 * - `POST /api/graphql`: JSON `{query, variables}` only; needs `Authorization: Bearer <access token>`
 *   (401 `{message: 'invalid_request'}` for an unknown or expired token) and `X-JOBBER-GRAPHQL-VERSION`
 *   (400 without it). Understands the `clientCreate`, `propertyCreate` and `requestCreate` mutations
 *   (by field name), validates their inputs and answers `{data: {<field>: {…, userErrors: []}}}`;
 *   invalid input answers HTTP 200 with `userErrors: [{message, path}]`, as Jobber does.
 * - `POST /api/oauth/token`: form `client_id, client_secret, grant_type=refresh_token, refresh_token`
 *   → new `access_token` and `refresh_token` (rotation: the old refresh token stops working);
 *   401 `{error: 'invalid_grant'}` otherwise.
 *
 * Failures (`failNext`) and user errors (`userErrorNext`) can be scripted; tokens expired (`expireAccessToken`).
 */
import formbody from '@fastify/formbody';
import Fastify, { type FastifyRequest } from 'fastify';
import type { RecordedRequest } from './fake-servicetitan.ts';

export const JOBBER_CLIENT_ID = 'jobber-client-id';
export const JOBBER_CLIENT_SECRET = 'jobber-client-secret';
export const JOBBER_ACCESS_TOKEN = 'jobber-access-0';
export const JOBBER_REFRESH_TOKEN = 'jobber-refresh-0';

export interface FakeJobber {
  url: string;
  requests: RecordedRequest[];
  /** GraphQL requests with the mutation field they called. */
  readonly mutations: Array<RecordedRequest & { field: string; variables: Record<string, unknown> }>;
  /** The tokens currently valid (after rotations). */
  readonly tokens: { accessToken: string; refreshToken: string };
  /** The next `count` GraphQL requests (or only calls of mutation `field`) answer `status`. */
  failNext(count: number, status: number, headers?: Record<string, string>, field?: string): void;
  /** The next call of mutation `field` answers a user error with `message`. */
  userErrorNext(field: string, message: string, path?: string[]): void;
  /** The current access token expires (the next GraphQL request answers 401). */
  expireAccessToken(): void;
  close(): Promise<void>;
}

const ENCODED_ID = /^[A-Za-z0-9+/=]+$/;

export async function startFakeJobber(): Promise<FakeJobber> {
  const app = Fastify({ logger: false });
  await app.register(formbody);
  const requests: RecordedRequest[] = [];
  const fields = new WeakMap<RecordedRequest, string>();
  const failures: Array<{ status: number; headers: Record<string, string>; field?: string }> = [];
  const userErrors = new Map<string, { message: string; path: string[] }>();
  let access: string | null = JOBBER_ACCESS_TOKEN;
  let refresh = JOBBER_REFRESH_TOKEN;
  let seq = 0;
  const clients = new Map<string, { properties: string[] }>();
  const gid = (type: string) => Buffer.from(`gid://Jobber/${type}/${(seq += 1)}`).toString('base64');
  const record = (request: FastifyRequest) => {
    const r: RecordedRequest = { method: request.method, path: request.url, headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])), body: (request.body ?? {}) as Record<string, unknown> };
    requests.push(r);
    return r;
  };

  app.post('/api/oauth/token', async (request, reply) => {
    record(request);
    const form = (request.body ?? {}) as Record<string, string>;
    if (form.grant_type !== 'refresh_token' || form.client_id !== JOBBER_CLIENT_ID || form.client_secret !== JOBBER_CLIENT_SECRET || form.refresh_token !== refresh) {
      return reply.code(401).send({ error: 'invalid_grant', error_description: 'The provided refresh token is not valid.' });
    }
    seq += 1;
    access = `jobber-access-${seq}`;
    refresh = `jobber-refresh-${seq}`;
    return { access_token: access, refresh_token: refresh, expires_at: new Date(Date.now() + 3600_000).toISOString() };
  });

  app.post('/api/graphql', async (request, reply) => {
    const r = record(request);
    if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) return reply.code(415).send({ message: 'application/json required' });
    if (!request.headers['x-jobber-graphql-version']) return reply.code(400).send({ message: 'X-JOBBER-GRAPHQL-VERSION header is required' });
    const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || token !== access) return reply.code(401).send({ message: 'invalid_request' });
    const { query, variables = {} } = (request.body ?? {}) as { query?: string; variables?: Record<string, unknown> };
    const field = /\b(clientCreate|propertyCreate|requestCreate)\s*\(/.exec(query ?? '')?.[1];
    if (field) fields.set(r, field);
    const failureAt = failures.findIndex((f) => !f.field || f.field === field);
    if (failureAt >= 0) {
      const [failure] = failures.splice(failureAt, 1);
      return reply.code(failure!.status).headers(failure!.headers).send({ message: 'Service Unavailable' });
    }
    if (!field) return { errors: [{ message: 'Unknown or unsupported operation' }] };
    const scripted = userErrors.get(field);
    if (scripted) {
      userErrors.delete(field);
      return { data: { [field]: { ...(field === 'propertyCreate' ? { properties: null } : field === 'clientCreate' ? { client: null } : { request: null }), userErrors: [scripted] } } };
    }
    const fail = (message: string, path: string[]) => ({ data: { [field]: { userErrors: [{ message, path }] } } });
    const address = (a: unknown): string | null => {
      const x = a as Record<string, unknown> | undefined;
      if (!x || typeof x.street1 !== 'string' || !x.street1) return 'street1 is required';
      return ['city', 'province', 'postalCode', 'country'].every((f) => x[f] === undefined || typeof x[f] === 'string') ? null : 'address fields must be strings';
    };
    if (field === 'clientCreate') {
      const input = (variables.input ?? {}) as Record<string, unknown>;
      if (!input.firstName && !input.lastName && !input.companyName) return fail('A client needs a name', ['clientCreate', 'input', 'firstName']);
      const phones = (input.phones ?? []) as Array<Record<string, unknown>>;
      if (!Array.isArray(phones) || phones.some((p) => typeof p.number !== 'string' || !p.number)) return fail('Phone number is invalid', ['clientCreate', 'input', 'phones']);
      if (input.billingAddress !== undefined && address(input.billingAddress)) return fail(address(input.billingAddress)!, ['clientCreate', 'input', 'billingAddress']);
      const props = (input.properties ?? []) as Array<{ address: unknown }>;
      for (const p of props) if (address(p.address)) return fail(address(p.address)!, ['clientCreate', 'input', 'properties']);
      const id = gid('Client');
      const properties = props.map(() => gid('Property'));
      clients.set(id, { properties });
      return { data: { clientCreate: { client: { id, clientProperties: { nodes: properties.map((p) => ({ id: p })) } }, userErrors: [] } } };
    }
    if (field === 'propertyCreate') {
      const client = clients.get(String(variables.clientId));
      if (!client) return fail('Client not found', ['propertyCreate', 'clientId']);
      const props = ((variables.input as Record<string, unknown> | undefined)?.properties ?? []) as Array<{ address: unknown }>;
      for (const p of props) if (address(p.address)) return fail(address(p.address)!, ['propertyCreate', 'input', 'properties']);
      const made = props.map(() => gid('Property'));
      client.properties.push(...made);
      return { data: { propertyCreate: { properties: made.map((id) => ({ id })), userErrors: [] } } };
    }
    const input = (variables.input ?? {}) as Record<string, unknown>;
    const client = clients.get(String(input.clientId));
    if (!client || !ENCODED_ID.test(String(input.clientId))) return fail('Client not found', ['requestCreate', 'input', 'clientId']);
    if (input.propertyId !== undefined && !client.properties.includes(String(input.propertyId))) return fail('Property does not belong to the client', ['requestCreate', 'input', 'propertyId']);
    if (typeof input.title !== 'string' || !input.title) return fail('Title is required', ['requestCreate', 'input', 'title']);
    return { data: { requestCreate: { request: { id: gid('Request') }, userErrors: [] } } };
  });

  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    requests,
    get mutations() {
      return requests
        .filter((r) => fields.has(r))
        .map((r) => ({ ...r, field: fields.get(r)!, variables: ((r.body as { variables?: Record<string, unknown> }).variables ?? {}) }));
    },
    get tokens() {
      return { accessToken: access ?? '', refreshToken: refresh };
    },
    failNext(count, status, headers = {}, field) {
      for (let i = 0; i < count; i += 1) failures.push({ status, headers, field });
    },
    userErrorNext(field, message, path = [field, 'input']) {
      userErrors.set(field, { message, path });
    },
    expireAccessToken() {
      access = null;
    },
    close: () => app.close(),
  };
}
