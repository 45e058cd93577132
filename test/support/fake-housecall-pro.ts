/**
 * A local fake of Housecall Pro's `POST /leads` (docs.housecallpro.com): API-key auth as
 * `Authorization: Token <key>` (401 `{error: {message}}` otherwise); the body needs a `customer` (first
 * or last name, `mobile_number` of 10 digits) or a `customer_id`, an optional `address` (street, city,
 * state, zip, country) and `lead_source`/`note` strings. 201 answers the lead (`id: 'lead_…'`, its
 * customer and address); invalid input answers 422 `{error: {message}}`. Failures can be scripted and
 * every request is recorded.
 */
import Fastify from 'fastify';
import type { RecordedRequest } from './fake-servicetitan.ts';

export const HCP_API_KEY = 'hcp-test-api-key-0123456789';

export interface FakeHousecallPro {
  url: string;
  requests: RecordedRequest[];
  failNext(count: number, status: number, headers?: Record<string, string>): void;
  /** The next lead is refused (422) with this message. */
  rejectNext(message: string): void;
  close(): Promise<void>;
}

export async function startFakeHousecallPro(): Promise<FakeHousecallPro> {
  const app = Fastify({ logger: false });
  const requests: RecordedRequest[] = [];
  const failures: Array<{ status: number; headers: Record<string, string> }> = [];
  let rejection: string | null = null;
  let seq = 0;

  app.post('/leads', async (request, reply) => {
    requests.push({ method: request.method, path: request.url, headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])), body: (request.body ?? {}) as Record<string, unknown> });
    if (request.headers.authorization !== `Token ${HCP_API_KEY}`) return reply.code(401).send({ error: { message: 'Unauthorized: invalid API key' } });
    const failure = failures.shift();
    if (failure) return reply.code(failure.status).headers(failure.headers).send({ error: { message: 'Service temporarily unavailable' } });
    if (rejection) {
      const message = rejection;
      rejection = null;
      return reply.code(422).send({ error: { message } });
    }
    const b = (request.body ?? {}) as Record<string, unknown>;
    const customer = b.customer as Record<string, unknown> | undefined;
    if (!customer && typeof b.customer_id !== 'string') return reply.code(422).send({ error: { message: 'customer or customer_id is required' } });
    if (customer) {
      if (!customer.first_name && !customer.last_name) return reply.code(422).send({ error: { message: 'customer first_name or last_name is required' } });
      if (customer.mobile_number !== undefined && !/^\d{10}$/.test(String(customer.mobile_number))) return reply.code(422).send({ error: { message: 'customer mobile_number is invalid' } });
    }
    const address = b.address as Record<string, unknown> | undefined;
    if (address && ['street', 'city', 'state', 'zip'].some((f) => typeof address[f] !== 'string')) return reply.code(422).send({ error: { message: 'address is incomplete' } });
    for (const f of ['lead_source', 'note']) if (b[f] !== undefined && typeof b[f] !== 'string') return reply.code(422).send({ error: { message: `${f} must be a string` } });
    seq += 1;
    return reply.code(201).send({ id: `lead_${seq.toString().padStart(8, '0')}`, customer: { id: `cus_${seq}`, ...customer }, address: address ?? null, lead_source: b.lead_source ?? null, status: 'open' });
  });

  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    requests,
    failNext(count, status, headers = {}) {
      for (let i = 0; i < count; i += 1) failures.push({ status, headers });
    },
    rejectNext(message) {
      rejection = message;
    },
    close: () => app.close(),
  };
}
