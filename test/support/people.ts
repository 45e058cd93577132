/**
 * Signed-in people for the lead API tests, as `fetch`-shaped clients: a person with a role in the test
 * organization, signed in through better-auth by `sign-in.ts`, whose `fetch` carries the session and
 * CSRF cookies, the organization header and, on writes, `X-CSRF-Token` — what the web app sends.
 */
import { eq } from 'drizzle-orm';
import type { Role } from '../../src/core/access/roles.ts';
import { users } from '../../src/db/schema.ts';
import type { TestRingback } from './harness.ts';
import { personWithRole } from './sign-in.ts';

/** A signed-in person acting in one organization. */
export interface Person {
  id: string;
  name: string;
  email: string;
  role: Role;
  /** `Cookie` header value: session + CSRF secret. */
  cookie: string;
  csrfToken: string;
  /** `fetch(baseUrl + path)` as this person: cookies, organization header, CSRF token on writes; a string body is sent as JSON. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** JSON request as this person: `send('PATCH', '/api/v1/leads/…', {…})`. */
  send(method: string, path: string, body?: unknown): Promise<Response>;
}

let seq = 0;

/**
 * Creates a person with `role` in the test organization (or `opts.organizationId`), optionally with
 * a phone (E.164, for click-to-call), signs them in and fetches their CSRF token. Asserts each step.
 */
export async function signIn(t: TestRingback, role: Role, opts: { name?: string; phoneE164?: string; organizationId?: string } = {}): Promise<Person> {
  seq += 1;
  const name = opts.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${seq}`;
  const organizationId = opts.organizationId ?? t.org.id;
  const client = await personWithRole(t, role, { name, organizationId, email: `${role}-${seq}-${Date.now()}@acme.test` });
  if (opts.phoneE164) await t.rb.database.db.update(users).set({ phoneE164: opts.phoneE164 }).where(eq(users.id, client.userId));
  const cookie = client.jar.header();

  const personFetch = (path: string, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { cookie, 'x-ringback-organization': organizationId, ...(init.headers as Record<string, string> | undefined) };
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] ??= client.csrfToken;
    if (typeof init.body === 'string') headers['content-type'] ??= 'application/json';
    return fetch(t.baseUrl + path, { ...init, method, headers });
  };
  return {
    id: client.userId,
    name,
    email: client.email,
    role,
    cookie,
    csrfToken: client.csrfToken,
    fetch: personFetch,
    send: (method, path, body) => personFetch(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
  };
}
