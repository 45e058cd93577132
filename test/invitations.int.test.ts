import { desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createOrganization } from '../src/app/organizations.ts';
import { loadConfig } from '../src/config.ts';
import { invitations, sentEmails } from '../src/db/schema.ts';
import { startRingback } from '../src/runtime.ts';
import { PUBLIC_URL, type TestRingback } from './support/harness.ts';
import { ringbackSuite } from './support/suite.ts';
import { clientFromJar, CookieJar, createPerson, PASSWORD, personWithRole, signIn } from './support/sign-in.ts';
import { freshDatabase } from './support/test-database.ts';

const status = async (res: Response, expected: number) => {
  const text = await res.text();
  expect(res.status, text).toBe(expected);
  return text ? (JSON.parse(text) as Record<string, any>) : null;
};

/** The token in the newest invitation email to `to`. */
async function invitationToken(t: TestRingback, to: string): Promise<string> {
  const [mail] = await t.rb.database.db.select().from(sentEmails).where(eq(sentEmails.to, to)).orderBy(desc(sentEmails.createdAt));
  expect(mail).toMatchObject({ purpose: 'invitation', status: 'logged', organizationId: t.org.id });
  const link = new RegExp(`${PUBLIC_URL.replace(/[.]/g, '\\.')}/invite/([A-Za-z0-9_-]{43})`).exec(mail!.text);
  expect(link, mail!.text).not.toBeNull();
  return link![1]!;
}

/** Accepts with a JSON body like the app's invite page; returns the response. */
const accept = (t: TestRingback, token: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${t.baseUrl}/api/v1/invitations/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/json', origin: t.baseUrl, ...headers }, body: JSON.stringify(body) });

describe('[invitations] invite by email, accept, sign in', () => {
  const s = ringbackSuite();

  it('an invitation is emailed with a link; accepting creates the person, joins them and signs them in', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner', { name: 'Olga Owner' });
    const invited = await status(await owner.post('/api/v1/team/invitations', { email: ' New.Person@Example.com ', role: 'dispatcher' }), 201);
    expect(invited).toEqual({ id: expect.any(String), email: 'new.person@example.com', role: 'dispatcher', expiresAt: new Date(t.clock.now().getTime() + 7 * 864e5).toISOString() });
    const pending = await status(await owner.get('/api/v1/team/invitations'), 200);
    expect(pending).toEqual([invited]);

    const token = await invitationToken(t, 'new.person@example.com');
    const [stored] = await t.rb.database.db.select().from(invitations).where(eq(invitations.id, invited!.id));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.tokenHash).not.toContain(token);
    const [mail] = await t.rb.database.db.select().from(sentEmails).where(eq(sentEmails.to, 'new.person@example.com'));
    expect(mail!.subject).toContain('Acme Plumbing');
    expect(mail!.text).toContain('Olga Owner invited you');

    const preview = await status(await fetch(`${t.baseUrl}/api/v1/invitations/${token}`), 200);
    expect(preview).toEqual({ organizationName: 'Acme Plumbing', email: 'new.person@example.com', role: 'dispatcher', expiresAt: invited!.expiresAt });

    const short = await status(await accept(t, token, { name: 'Nina New', password: 'short' }), 400);
    expect(short!.errors).toEqual([{ path: 'password', message: expect.stringMatching(/10/) }]);
    expect((await status(await accept(t, token, {}), 400))!.errors.map((e: { path: string }) => e.path)).toEqual(['name', 'password']);

    const res = await accept(t, token, { name: 'Nina New', password: 'nina has a long password' });
    const body = await status(res, 200);
    expect(body).toMatchObject({ ok: true, organizationId: t.org.id, role: 'dispatcher' });
    const jar = new CookieJar();
    jar.take(res);
    expect([...jar.cookies.keys()].some((k) => k.includes('session_token'))).toBe(true);

    // The session cookie works: /me lists the organization with the invited role.
    const nina = await clientFromJar(t.baseUrl, jar, t.org.id);
    const me = await status(await nina.get('/api/v1/me'), 200);
    expect(me).toMatchObject({ user: { email: 'new.person@example.com', name: 'Nina New' }, memberships: [{ organizationId: t.org.id, organizationName: 'Acme Plumbing', role: 'dispatcher' }], role: 'dispatcher' });
    // And the password is theirs: a fresh sign-in works.
    await signIn(t, 'new.person@example.com', { password: 'nina has a long password' });

    // The link is used up; the list no longer shows it; the team does.
    await status(await fetch(`${t.baseUrl}/api/v1/invitations/${token}`), 404);
    await status(await accept(t, token, { name: 'Nina New', password: 'nina has a long password' }), 404);
    expect(await status(await owner.get('/api/v1/team/invitations'), 200)).toEqual([]);
    expect(((await status(await owner.get('/api/v1/team'), 200)) as unknown as Array<{ email: string; role: string }>).find((m) => m.email === 'new.person@example.com')?.role).toBe('dispatcher');

    const audit = ((await status(await owner.get('/api/v1/settings/audit'), 200)) as unknown as Array<{ field: string; actor: string; before: any; after: any }>).filter((r) => r.field === 'team');
    expect(audit).toEqual([
      expect.objectContaining({ actor: `user:${me!.user.id}`, before: null, after: expect.objectContaining({ email: 'new.person@example.com', role: 'dispatcher' }) }),
      expect.objectContaining({ actor: `user:${owner.userId}`, before: null, after: expect.objectContaining({ invitation: invited!.id, email: 'new.person@example.com' }) }),
    ]);
  });

  it('refuses members, roles the inviter may not give, and people without team:manage; revoking kills the link', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const manager = await personWithRole(t, 'manager', { email: 'mia@example.com' });
    const dispatcher = await personWithRole(t, 'dispatcher');
    expect((await status(await owner.post('/api/v1/team/invitations', { email: 'MIA@example.com', role: 'owner' }), 409))!.detail).toMatch(/already on the team/);
    await status(await manager.post('/api/v1/team/invitations', { email: 'boss@example.com', role: 'owner' }), 403);
    await status(await dispatcher.post('/api/v1/team/invitations', { email: 'x@example.com', role: 'technician' }), 403);
    await status(await dispatcher.get('/api/v1/team/invitations'), 403);
    const bad = await status(await owner.post('/api/v1/team/invitations', { email: 'not-an-email', role: 'chief' }), 400);
    expect(bad!.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'role']);

    const first = await status(await manager.post('/api/v1/team/invitations', { email: 'tech@example.com', role: 'technician' }), 201);
    const firstToken = await invitationToken(t, 'tech@example.com');
    // Inviting the same address again replaces the first invitation (its link stops working).
    t.clock.advance(60_000);
    const second = await status(await manager.post('/api/v1/team/invitations', { email: 'tech@example.com', role: 'assistant' }), 201);
    const secondToken = await invitationToken(t, 'tech@example.com');
    expect(secondToken).not.toBe(firstToken);
    await status(await fetch(`${t.baseUrl}/api/v1/invitations/${firstToken}`), 404);
    expect((await status(await owner.get('/api/v1/team/invitations'), 200))!.map((i: { id: string }) => i.id)).toEqual([second!.id]);
    await status(await owner.del(`/api/v1/team/invitations/${first!.id}`), 404);

    expect((await owner.del(`/api/v1/team/invitations/${second!.id}`)).status).toBe(204);
    await status(await fetch(`${t.baseUrl}/api/v1/invitations/${secondToken}`), 404);
    await status(await accept(t, secondToken, { name: 'Tia', password: PASSWORD }), 404);
    await status(await fetch(`${t.baseUrl}/api/v1/invitations/not-a-token`), 404);
  });

  it('an expired link is 410; an existing account must sign in first, then joins with its own password', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    await status(await owner.post('/api/v1/team/invitations', { email: 'late@example.com', role: 'dispatcher' }), 201);
    const lateToken = await invitationToken(t, 'late@example.com');

    // Someone who already works for another organization.
    const other = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Other Co', timeZone: 'America/New_York', number: '+12125550100', forwardTo: ['+12125550199'] });
    await createPerson(t, { email: 'ava@example.com', role: 'assistant', organizationId: other.id, name: 'Ava Assistant' });
    await status(await owner.post('/api/v1/team/invitations', { email: 'ava@example.com', role: 'assistant' }), 201);
    const avaToken = await invitationToken(t, 'ava@example.com');
    const refused = await status(await accept(t, avaToken, { name: 'Somebody', password: 'an attacker password' }), 409);
    expect(refused).toMatchObject({ code: 'RB_ERR_CONFLICT', reason: 'sign_in_required' });
    const ava = await signIn(t, 'ava@example.com', { organizationId: other.id });
    const joined = await accept(t, avaToken, {}, { cookie: ava.jar.header() });
    expect(await status(joined, 200)).toMatchObject({ organizationId: t.org.id, role: 'assistant', userId: ava.userId });
    const me = await status(await ava.get('/api/v1/me'), 200);
    expect(me!.memberships.map((m: { organizationName: string; role: string }) => [m.organizationName, m.role]).sort()).toEqual([
      ['Acme Plumbing', 'assistant'],
      ['Other Co', 'assistant'],
    ]);
    await signIn(t, 'ava@example.com'); // password unchanged

    // Eight days later the first link has expired.
    t.clock.advance(8 * 864e5);
    expect(await status(await fetch(`${t.baseUrl}/api/v1/invitations/${lateToken}`), 410)).toMatchObject({ code: 'RB_ERR_INVITATION_EXPIRED' });
    await status(await accept(t, lateToken, { name: 'Late', password: PASSWORD }), 410);
    expect(await status(await owner.get('/api/v1/team/invitations'), 200)).toEqual([]);
  });

  it('accepting takes JSON from this site only, and the public routes are rate-limited per address', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    await status(await owner.post('/api/v1/team/invitations', { email: 'f@example.com', role: 'dispatcher' }), 201);
    const token = await invitationToken(t, 'f@example.com');
    const form = await fetch(`${t.baseUrl}/api/v1/invitations/${token}/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'F', password: PASSWORD }),
    });
    expect(form.status).toBe(415);
    await status(await accept(t, token, { name: 'F', password: PASSWORD }, { origin: 'https://evil.example' }), 403);
    await status(await fetch(`${t.baseUrl}/api/v1/invitations/${token}`), 200); // still valid

    const codes: number[] = [];
    for (let i = 0; i < 20; i++) codes.push((await fetch(`${t.baseUrl}/api/v1/invitations/${token}`)).status);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
  });
});

describe('[mailbox] the demo mailbox page', () => {
  const s = ringbackSuite();

  it('lists sent emails newest first with clickable links', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    await status(await owner.post('/api/v1/team/invitations', { email: 'first@example.com', role: 'dispatcher' }), 201);
    t.clock.advance(60_000);
    await status(await owner.post('/api/v1/team/invitations', { email: 'second@example.com', role: 'technician' }), 201);
    const token = await invitationToken(t, 'second@example.com');
    const res = await fetch(`${t.baseUrl}/demo/mailbox`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page.indexOf('second@example.com')).toBeGreaterThan(0);
    expect(page.indexOf('second@example.com')).toBeLessThan(page.indexOf('first@example.com'));
    expect(page).toContain(`<a href="/invite/${token}">${PUBLIC_URL}/invite/${token}</a>`);
    expect(page).toContain('Join Acme Plumbing on Ringback');
  });

  it('is not found when the process does not run the demo', async () => {
    const db = await freshDatabase();
    const config = loadConfig({ PUBLIC_URL, RINGBACK_SECRET: 'test-secret-0123456789abcdef', LOG_LEVEL: 'silent', RINGBACK_DEMO: 'false' });
    const rb = await startRingback(config, { database: db.options });
    try {
      const res = await rb.app.inject({ method: 'GET', url: '/demo/mailbox' });
      expect(res.statusCode).toBe(404);
    } finally {
      await rb.close();
      await db.drop();
    }
  });
});
