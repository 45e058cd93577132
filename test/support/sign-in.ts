/**
 * Signed-in people for the API tests: creates a person with a role in an organization, signs them in
 * through better-auth (`POST /api/auth/sign-in/email`) and keeps their cookies, like a browser. The
 * client sends `X-Ringback-Organization` on every request and `X-CSRF-Token` on writes.
 */
import { expect } from 'vitest';
import { createUserWithPassword } from '../../src/auth/auth.ts';
import { upsertMembership } from '../../src/app/memberships.ts';
import type { Role } from '../../src/core/access/roles.ts';
import type { TestRingback } from './harness.ts';

export const PASSWORD = 'a long enough password';

/** A tiny cookie jar: `name=value` of every `Set-Cookie` received, deletions honoured. */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  /** Stores the response's cookies. */
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  /** The `Cookie` header value. */
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** A browser-like client of one signed-in person. */
export interface Client {
  userId: string;
  email: string;
  jar: CookieJar;
  /** The organization sent as `X-Ringback-Organization` (change it to act elsewhere). */
  organizationId: string | null;
  csrfToken: string;
  /** A request with the session cookie, the organization header and (on writes) the CSRF token; `json` is sent as the body. */
  request(method: string, path: string, opts?: { json?: unknown; headers?: Record<string, string> }): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, json?: unknown): Promise<Response>;
  patch(path: string, json: unknown): Promise<Response>;
  del(path: string): Promise<Response>;
}

/** Creates (or reuses) a person with `PASSWORD` and gives them `role` in `organizationId`. Returns their id. */
export async function createPerson(t: TestRingback, opts: { email: string; role: Role; organizationId?: string; name?: string }): Promise<string> {
  const { id } = await createUserWithPassword(t.rb.ctx.auth, { email: opts.email, name: opts.name ?? opts.email.split('@')[0]!, password: PASSWORD });
  await upsertMembership(t.rb.database.db, opts.organizationId ?? t.org.id, id, opts.role);
  return id;
}

/** A client for an existing jar (e.g. the cookies an invitation's acceptance set). Loads `/api/v1/me` for the CSRF token. */
export async function clientFromJar(baseUrl: string, jar: CookieJar, organizationId: string | null): Promise<Client> {
  const client: Client = {
    userId: '',
    email: '',
    jar,
    organizationId,
    csrfToken: '',
    async request(method, path, o = {}) {
      const headers: Record<string, string> = { cookie: jar.header(), origin: baseUrl, ...(o.headers ?? {}) };
      if (client.organizationId) headers['x-ringback-organization'] = client.organizationId;
      if (method !== 'GET' && method !== 'HEAD' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = client.csrfToken;
      if (o.json !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(baseUrl + path, { method, headers, body: o.json === undefined ? undefined : JSON.stringify(o.json) });
      jar.take(res);
      return res;
    },
    get: (path) => client.request('GET', path),
    post: (path, json = {}) => client.request('POST', path, { json }),
    patch: (path, json) => client.request('PATCH', path, { json }),
    del: (path) => client.request('DELETE', path),
  };
  const me = await client.get('/api/v1/me');
  expect(me.status).toBe(200);
  const body = (await me.json()) as { user: { id: string; email: string }; csrfToken: string };
  client.userId = body.user.id;
  client.email = body.user.email;
  client.csrfToken = body.csrfToken;
  return client;
}

/** Signs `email` in with `password` (as the sign-in form does) and returns their client acting in `organizationId`. */
export async function signIn(t: TestRingback, email: string, opts: { password?: string; organizationId?: string | null } = {}): Promise<Client> {
  const jar = new CookieJar();
  const res = await fetch(`${t.baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: t.baseUrl },
    body: JSON.stringify({ email, password: opts.password ?? PASSWORD }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  jar.take(res);
  return clientFromJar(t.baseUrl, jar, opts.organizationId === undefined ? t.org.id : opts.organizationId);
}

/** Creates a person with `role` in the test organization (or `organizationId`) and signs them in. */
export async function personWithRole(t: TestRingback, role: Role, opts: { email?: string; organizationId?: string; name?: string } = {}): Promise<Client> {
  const email = opts.email ?? `${role}.${Math.random().toString(36).slice(2, 8)}@example.com`;
  const organizationId = opts.organizationId ?? t.org.id;
  await createPerson(t, { email, role, organizationId, name: opts.name });
  return signIn(t, email, { organizationId });
}
