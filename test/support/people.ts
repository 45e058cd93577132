/**
 * Signed-in people for integration tests: a user with a role in the test organization, signed in
 * through better-auth (`POST /api/auth/sign-in/email`), with a fetch that carries the session and
 * CSRF cookies, the organization header and, on writes, `X-CSRF-Token` — what the web app sends.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { createUserWithPassword } from '../../src/auth/auth.ts';
import { upsertMembership } from '../../src/app/memberships.ts';
import type { Role } from '../../src/core/access/roles.ts';
import { users } from '../../src/db/schema.ts';
import type { TestRingback } from './harness.ts';

export const PASSWORD = 'correct horse battery staple';

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

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(';')[0]!);
}

/**
 * Creates a person with `role` in the test organization (or `opts.organizationId`), optionally with
 * a phone (E.164, for click-to-call), signs them in and fetches their CSRF token. Asserts each step.
 */
export async function signIn(t: TestRingback, role: Role, opts: { name?: string; phoneE164?: string; organizationId?: string } = {}): Promise<Person> {
  seq += 1;
  const name = opts.name ?? `${role[0]!.toUpperCase()}${role.slice(1)} ${seq}`;
  const email = `${role}-${seq}-${Date.now()}@acme.test`;
  const organizationId = opts.organizationId ?? t.org.id;
  const { id } = await createUserWithPassword(t.rb.ctx.auth, { email, name, password: PASSWORD });
  await upsertMembership(t.rb.database.db, organizationId, id, role);
  if (opts.phoneE164) await t.rb.database.db.update(users).set({ phoneE164: opts.phoneE164 }).where(eq(users.id, id));

  const signedIn = await fetch(`${t.baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.baseUrl },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(signedIn.status).toBe(200);
  const session = cookiesOf(signedIn);
  const meRes = await fetch(`${t.baseUrl}/api/v1/me`, { headers: { cookie: session.join('; '), 'x-ringback-organization': organizationId } });
  expect(meRes.status).toBe(200);
  const { csrfToken } = (await meRes.json()) as { csrfToken: string };
  const cookie = [...session, ...cookiesOf(meRes)].join('; ');

  const personFetch = (path: string, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = { cookie, 'x-ringback-organization': organizationId, ...(init.headers as Record<string, string> | undefined) };
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] ??= csrfToken;
    if (typeof init.body === 'string') headers['content-type'] ??= 'application/json';
    return fetch(t.baseUrl + path, { ...init, method, headers });
  };
  return {
    id,
    name,
    email,
    role,
    cookie,
    csrfToken,
    fetch: personFetch,
    send: (method, path, body) => personFetch(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }),
  };
}
