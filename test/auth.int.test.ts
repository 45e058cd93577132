/**
 * People sign in (issue 5): better-auth email + password behind `/api/auth`, the session cookie,
 * `GET /api/v1/me`, CSRF on cookie-authenticated writes, the sign-in rate limit, sign-out.
 */
import { describe, expect, it } from 'vitest';
import { createUserWithPassword } from '../src/auth/auth.ts';
import { upsertMembership } from '../src/app/memberships.ts';
import { sentEmails } from '../src/db/schema.ts';
import { ringbackSuite } from './support/suite.ts';

const suite = ringbackSuite();
const PASSWORD = 'correct horse battery';

function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

describe('signing in', () => {
  it('signs in with email and password, shows the person their organizations, and signs out', async () => {
    const t = await suite.start();
    const { id } = await createUserWithPassword(t.rb.ctx.auth, { email: 'Dana@Acme.test', name: 'Dana Dispatcher', password: PASSWORD });
    await upsertMembership(t.rb.database.db, t.org.id, id, 'dispatcher');

    const post = (path: string, body: unknown, cookie = '') =>
      fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.baseUrl, ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

    const wrong = await post('/api/auth/sign-in/email', { email: 'dana@acme.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect((await fetch(t.baseUrl + '/api/v1/me')).status).toBe(401);

    const ok = await post('/api/auth/sign-in/email', { email: 'dana@acme.test', password: PASSWORD });
    expect(ok.status).toBe(200);
    const session = ok.headers.getSetCookie().find((c) => c.includes('session_token'));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const cookie = cookieHeader(ok);

    const meRes = await fetch(t.baseUrl + '/api/v1/me', { headers: { cookie } });
    expect(meRes.status).toBe(200);
    const me = (await meRes.json()) as { user: { email: string }; memberships: Array<{ organizationId: string; role: string }>; role: string; permissions: string[]; csrfToken: string };
    expect(me.user.email).toBe('dana@acme.test');
    expect(me.memberships).toEqual([expect.objectContaining({ organizationId: t.org.id, role: 'dispatcher' })]);
    expect(me.permissions).toContain('leads:work');
    expect(me.permissions).not.toContain('settings:write');

    // A cookie-authenticated write without the CSRF token is refused; with it, it goes through.
    const csrfCookie = cookieHeader(meRes);
    const both = `${cookie}; ${csrfCookie}`;
    const noToken = await fetch(t.baseUrl + '/api/v1/me', { method: 'PATCH', headers: { cookie: both, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Dana D.' }) });
    expect(noToken.status).toBe(403);
    const withToken = await fetch(t.baseUrl + '/api/v1/me', { method: 'PATCH', headers: { cookie: both, 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ name: 'Dana D.', phoneE164: '(512) 555-0177' }) });
    expect(withToken.status).toBe(200);
    expect(((await withToken.json()) as { user: { name: string; phoneE164: string } }).user).toMatchObject({ name: 'Dana D.', phoneE164: '+15125550177' });

    const out = await post('/api/auth/sign-out', {}, cookie);
    expect(out.status).toBe(200);
    expect((await fetch(t.baseUrl + '/api/v1/me', { headers: { cookie } })).status).toBe(401);
  });

  it('resets a forgotten password through the emailed link', async () => {
    const t = await suite.start();
    await createUserWithPassword(t.rb.ctx.auth, { email: 'dana@acme.test', name: 'Dana Dispatcher', password: PASSWORD });
    const post = (path: string, body: unknown) => fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.baseUrl }, body: JSON.stringify(body) });

    // The answer is the same whether or not the address has an account.
    expect((await post('/api/auth/request-password-reset', { email: 'nobody@acme.test', redirectTo: '/reset-password' })).status).toBe(200);
    expect((await post('/api/auth/request-password-reset', { email: 'dana@acme.test', redirectTo: '/reset-password' })).status).toBe(200);
    const emails = await t.rb.database.db.select().from(sentEmails);
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ to: 'dana@acme.test', purpose: 'password_reset', status: 'logged' });
    const link = /https?:\/\/\S+/.exec(emails[0]!.text)![0];
    // better-auth's link checks the token, then redirects to the app's page with it.
    const check = await fetch(link.replace(t.publicUrl, t.baseUrl), { redirect: 'manual' });
    const location = new URL(check.headers.get('location')!, t.baseUrl);
    expect(location.pathname).toBe('/reset-password');
    const token = location.searchParams.get('token')!;
    expect((await post('/api/auth/reset-password', { newPassword: 'short', token })).status).toBe(400);
    expect((await post('/api/auth/reset-password', { newPassword: 'a brand new passphrase', token })).status).toBe(200);
    expect((await post('/api/auth/sign-in/email', { email: 'dana@acme.test', password: PASSWORD })).status).toBe(401);
    expect((await post('/api/auth/sign-in/email', { email: 'dana@acme.test', password: 'a brand new passphrase' })).status).toBe(200);
    // The token works once.
    expect((await post('/api/auth/reset-password', { newPassword: 'yet another passphrase', token })).status).toBe(400);
  });

  it('limits sign-in attempts per client and keeps sign-up closed', async () => {
    const t = await suite.start();
    const post = (path: string, body: unknown) => fetch(t.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.baseUrl }, body: JSON.stringify(body) });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await post('/api/auth/sign-in/email', { email: 'nobody@acme.test', password: `guess-number-${i}` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    const signUp = await post('/api/auth/sign-up/email', { email: 'new@acme.test', password: PASSWORD, name: 'New' });
    expect(signUp.status).toBeGreaterThanOrEqual(400);
  });

  it('refuses a cookie-carrying sign-in posted from another site', async () => {
    const t = await suite.start();
    const res = await fetch(t.baseUrl + '/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json', origin: 'https://evil.example', cookie: 'ringback.session_token=x' }, body: JSON.stringify({ email: 'x@acme.test', password: PASSWORD }) });
    expect(res.status).toBe(403);
  });
});
