import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createOrganization, findOrganizationByNumber } from '../src/app/organizations.ts';
import { apiKeys, phoneNumbers } from '../src/db/schema.ts';
import { FORWARD_TO, ORG_NUMBER } from './support/harness.ts';
import { ringbackSuite } from './support/suite.ts';
import { personWithRole, type Client } from './support/sign-in.ts';

interface Settings {
  organization: { id: string; name: string; timeZone: string };
  policy: Record<string, any>;
  numbers: Array<{ id: string; e164: string; forwardTo: string[]; leadSource: string | null; dialTimeoutSeconds: number }>;
}
interface Audit {
  id: string;
  actor: string;
  actorName: string | null;
  field: string;
  before: any;
  after: any;
  at: string;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: Array<{ path: string; message: string }>;
  [k: string]: unknown;
}

const json = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
};
const problemOf = async (res: Response, status: number): Promise<Problem> => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return json<Problem>(res, status);
};
const audit = async (c: Client) => json<Audit[]>(await c.get('/api/v1/settings/audit'), 200);

describe('[settings API] profile, policy, numbers, audit and API keys', () => {
  const s = ringbackSuite();

  it('an owner reads the settings and changes policy fields; each changed field is audited with who, before and after', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner', { name: 'Olga Owner' });
    const settings = await json<Settings>(await owner.get('/api/v1/settings'), 200);
    expect(settings.organization).toEqual({ id: t.org.id, name: 'Acme Plumbing', timeZone: 'America/Chicago' });
    expect(settings.policy).toMatchObject({ businessName: 'Acme Plumbing', callbackDueMinutes: 15, timeZone: 'America/Chicago' });
    expect(settings.policy.routing.booking).toBe('offer_booking');
    expect(settings.numbers).toEqual([{ id: expect.any(String), e164: ORG_NUMBER, forwardTo: [FORWARD_TO], leadSource: null, dialTimeoutSeconds: 20 }]);

    const faq = [{ keywords: ['financing'], answer: 'Yes, we offer financing.' }];
    const res = await owner.patch('/api/v1/settings/policy', { callbackDueMinutes: 10, faq, routing: { booking: 'callback_task' }, voiceTriage: true });
    const { policy } = await json<{ policy: Settings['policy'] }>(res, 200);
    expect(policy).toMatchObject({ callbackDueMinutes: 10, faq, voiceTriage: true });
    expect(policy.routing).toMatchObject({ booking: 'callback_task', emergency: 'page_on_call' }); // merged key by key

    const rows = await audit(owner);
    // voiceTriage did not change: no row for it.
    expect(rows.map((r) => r.field).sort()).toEqual(['callbackDueMinutes', 'faq', 'routing']);
    for (const r of rows) expect(r).toMatchObject({ actor: `user:${owner.userId}`, actorName: 'Olga Owner', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(rows.find((r) => r.field === 'callbackDueMinutes')).toMatchObject({ before: 15, after: 10 });
    expect(rows.find((r) => r.field === 'faq')).toMatchObject({ before: [], after: faq });
    expect(rows.find((r) => r.field === 'routing')!.before.booking).toBe('offer_booking');

    // Newest first.
    await owner.patch('/api/v1/settings/policy', { callbackDueMinutes: 12 });
    const [newest] = await audit(owner);
    expect(newest).toMatchObject({ field: 'callbackDueMinutes', before: 10, after: 12 });
  });

  it('invalid policy changes are 400 problems listing each field path; nothing is changed or audited', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const bad = await problemOf(
      await owner.patch('/api/v1/settings/policy', {
        automatedMessagesPer24h: 5,
        serviceAreaZips: ['7870'],
        onCall: { timeZone: 'Mars/Olympus', ackTimeoutMinutes: 5, owner: null, shifts: [] },
      }),
      400,
    );
    expect(bad.code).toBe('RB_ERR_VALIDATION');
    const paths = bad.errors!.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['automatedMessagesPer24h', 'serviceAreaZips.0', 'onCall.timeZone']));
    expect(bad.errors!.find((e) => e.path === 'automatedMessagesPer24h')!.message).toMatch(/3/);

    const unknown = await problemOf(await owner.patch('/api/v1/settings/policy', { colour: 'blue', timeZone: 'America/Denver' }), 400);
    expect(unknown.errors).toEqual([
      { path: 'colour', message: expect.stringMatching(/not a policy setting/) },
      { path: 'timeZone', message: expect.stringMatching(/profile/) },
    ]);

    // Cross-field checks after the merge carry paths too.
    const settings = await json<Settings>(await owner.get('/api/v1/settings'), 200);
    const hours = { ...settings.policy.calendar.hours, 1: [{ open: '17:00', close: '08:00' }] };
    const calendar = await problemOf(await owner.patch('/api/v1/settings/policy', { calendar: { ...settings.policy.calendar, hours } }), 400);
    expect(calendar.errors).toEqual([{ path: 'calendar.hours.1.0', message: expect.stringMatching(/not after open/) }]);

    expect(await audit(owner)).toEqual([]);
    const after = await json<Settings>(await owner.get('/api/v1/settings'), 200);
    expect(after.policy).toEqual(settings.policy);
  });

  it('the profile changes name and time zone (validated, audited); the policy, calendar and on-call zones follow', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const bad = await problemOf(await owner.patch('/api/v1/settings/profile', { timeZone: 'Central Time', name: '' }), 400);
    expect(bad.errors!.map((e) => e.path).sort()).toEqual(['name', 'timeZone']);
    expect(await problemOf(await owner.patch('/api/v1/settings/profile', { phone: '1' }), 400)).toMatchObject({ errors: [{ path: 'phone' }] });

    const settings = await json<Settings>(await owner.patch('/api/v1/settings/profile', { name: 'Acme Plumbing & Air', timeZone: 'America/Denver' }), 200);
    expect(settings.organization).toEqual({ id: t.org.id, name: 'Acme Plumbing & Air', timeZone: 'America/Denver' });
    expect(settings.policy.timeZone).toBe('America/Denver');
    expect(settings.policy.calendar.timeZone).toBe('America/Denver');
    expect(settings.policy.onCall.timeZone).toBe('America/Denver');
    expect(settings.policy.businessName).toBe('Acme Plumbing'); // the brand name is a policy field of its own

    const rows = await audit(owner);
    expect(rows.find((r) => r.field === 'profile.name')).toMatchObject({ before: 'Acme Plumbing', after: 'Acme Plumbing & Air', actor: `user:${owner.userId}` });
    expect(rows.find((r) => r.field === 'profile.timeZone')).toMatchObject({ before: 'America/Chicago', after: 'America/Denver' });
    expect(rows.find((r) => r.field === 'calendar')).toMatchObject({ before: { timeZone: 'America/Chicago' }, after: { timeZone: 'America/Denver' } });
    // The webhook path sees the new zone at once (its cache is cleared).
    expect((await findOrganizationByNumber(t.rb.database.db, ORG_NUMBER))!.org.timeZone).toBe('America/Denver');
    // Same values again: nothing to audit.
    await json(await owner.patch('/api/v1/settings/profile', { timeZone: 'America/Denver' }), 200);
    expect(await audit(owner)).toHaveLength(rows.length);
  });

  it('numbers: add, change and remove (audited); a number any organization has is 409; the last number stays', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const other = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Other Co', timeZone: 'America/New_York', number: '+12125550100', forwardTo: ['+12125550199'] });

    const added = await json<Settings['numbers'][number]>(
      await owner.post('/api/v1/settings/numbers', { e164: '(512) 555-0150', forwardTo: ['512-555-0198', '+15125550198'], leadSource: 'Google LSA', dialTimeoutSeconds: 25 }),
      201,
    );
    expect(added).toEqual({ id: expect.any(String), e164: '+15125550150', forwardTo: ['+15125550198'], leadSource: 'Google LSA', dialTimeoutSeconds: 25 });
    expect((await findOrganizationByNumber(t.rb.database.db, '+15125550150'))?.org.id).toBe(t.org.id);

    expect((await problemOf(await owner.post('/api/v1/settings/numbers', { e164: ORG_NUMBER, forwardTo: [FORWARD_TO] }), 409)).detail).toMatch(/already one of this organization/);
    const taken = await problemOf(await owner.post('/api/v1/settings/numbers', { e164: '+12125550100', forwardTo: [FORWARD_TO] }), 409);
    expect(taken.detail).toMatch(/another organization/);
    expect(taken.detail).not.toContain('Other Co');

    const invalid = await problemOf(await owner.post('/api/v1/settings/numbers', { e164: '123', forwardTo: [], dialTimeoutSeconds: 61 }), 400);
    expect(invalid.errors!.map((e) => e.path).sort()).toEqual(['dialTimeoutSeconds', 'e164', 'forwardTo']);
    const loop = await problemOf(await owner.patch(`/api/v1/settings/numbers/${added.id}`, { forwardTo: ['+15125550150'] }), 400);
    expect(loop.errors).toEqual([{ path: 'forwardTo.0', message: expect.stringMatching(/tracking number itself/) }]);
    expect((await problemOf(await owner.patch(`/api/v1/settings/numbers/${added.id}`, { dialTimeoutSeconds: 4 }), 400)).errors![0]!.path).toBe('dialTimeoutSeconds');
    await problemOf(await owner.patch(`/api/v1/settings/numbers/${added.id}`, { e164: '+12125550100' }), 409);

    const changed = await json<Settings['numbers'][number]>(await owner.patch(`/api/v1/settings/numbers/${added.id}`, { forwardTo: ['+15125550197'], leadSource: null }), 200);
    expect(changed).toMatchObject({ e164: '+15125550150', forwardTo: ['+15125550197'], leadSource: null, dialTimeoutSeconds: 25 });

    // Another organization's number is not found, never changed.
    const [otherNumber] = await t.rb.database.db.select().from(phoneNumbers).where(eq(phoneNumbers.organizationId, other.id));
    await problemOf(await owner.patch(`/api/v1/settings/numbers/${otherNumber!.id}`, { dialTimeoutSeconds: 30 }), 404);
    await problemOf(await owner.del(`/api/v1/settings/numbers/${otherNumber!.id}`), 404);
    await problemOf(await owner.del('/api/v1/settings/numbers/not-a-uuid'), 404);

    const settings = await json<Settings>(await owner.get('/api/v1/settings'), 200);
    const original = settings.numbers.find((n) => n.e164 === ORG_NUMBER)!;
    expect((await owner.del(`/api/v1/settings/numbers/${original.id}`)).status).toBe(204);
    expect(await findOrganizationByNumber(t.rb.database.db, ORG_NUMBER)).toBeNull();
    const last = await problemOf(await owner.del(`/api/v1/settings/numbers/${added.id}`), 409);
    expect(last.detail).toMatch(/last number/);

    const rows = (await audit(owner)).filter((r) => r.field === 'numbers');
    expect(rows.map((r) => [r.before?.e164 ?? null, r.after?.e164 ?? null])).toEqual([
      [ORG_NUMBER, null],
      ['+15125550150', '+15125550150'],
      [null, '+15125550150'],
    ]);
    expect(rows[1]).toMatchObject({ before: { forwardTo: ['+15125550198'], leadSource: 'Google LSA' }, after: { forwardTo: ['+15125550197'], leadSource: null } });
  });

  it('API keys: created (shown once, stored hashed), used, listed by prefix, revoked → 401; audited without the key', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const created = await json<{ id: string; key: string; prefix: string }>(await owner.post('/api/v1/settings/api-keys'), 201);
    expect(created.key).toMatch(/^rb_/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const [stored] = await t.rb.database.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
    expect(stored!.keyHash).not.toContain(created.key);
    expect(stored!.keyHash).toMatch(/^[0-9a-f]{64}$/);

    const bearer = (key: string) => fetch(`${t.baseUrl}/api/v1/settings`, { headers: { authorization: `Bearer ${key}` } });
    expect((await bearer(created.key)).status).toBe(200);
    // A key acts in its own organization, with settings but without team or key management.
    expect((await fetch(`${t.baseUrl}/api/v1/settings/api-keys`, { headers: { authorization: `Bearer ${created.key}` } })).status).toBe(403);

    const list = await json<Array<{ id: string; prefix: string; createdAt: string; revokedAt: string | null }>>(await owner.get('/api/v1/settings/api-keys'), 200);
    expect(list).toHaveLength(2); // the organization's first key and the new one
    expect(list.find((k) => k.id === created.id)).toEqual({ id: created.id, prefix: created.prefix, createdAt: expect.any(String), revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(created.key);

    const revoked = await json<{ revokedAt: string | null }>(await owner.del(`/api/v1/settings/api-keys/${created.id}`), 200);
    expect(revoked.revokedAt).not.toBeNull();
    expect((await bearer(created.key)).status).toBe(401);
    expect((await bearer(t.org.apiKey)).status).toBe(200); // the other key still works
    await problemOf(await owner.del('/api/v1/settings/api-keys/00000000-0000-4000-8000-000000000000'), 404);

    const rows = (await audit(owner)).filter((r) => r.field === 'api_keys');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ before: { prefix: created.prefix, revokedAt: null }, after: { prefix: created.prefix, revokedAt: expect.any(String) } });
    expect(rows[1]).toMatchObject({ before: null, after: { prefix: created.prefix } });
    expect(JSON.stringify(rows)).not.toContain(created.key);
  });

  it('permissions: a technician may not read settings, a dispatcher may not change them, a manager may not manage keys; writes need the CSRF token', async () => {
    const t = await s.start();
    const technician = await personWithRole(t, 'technician');
    expect((await problemOf(await technician.get('/api/v1/settings'), 403)).code).toBe('RB_ERR_FORBIDDEN');
    await problemOf(await technician.get('/api/v1/settings/audit'), 403);
    const dispatcher = await personWithRole(t, 'dispatcher');
    await problemOf(await dispatcher.patch('/api/v1/settings/policy', { callbackDueMinutes: 5 }), 403);
    await problemOf(await dispatcher.post('/api/v1/settings/numbers', { e164: '+15125550160', forwardTo: [FORWARD_TO] }), 403);
    const manager = await personWithRole(t, 'manager');
    await json(await manager.patch('/api/v1/settings/policy', { callbackDueMinutes: 5 }), 200);
    await json(await manager.get('/api/v1/settings/audit'), 200);
    await problemOf(await manager.post('/api/v1/settings/api-keys'), 403);
    await problemOf(await manager.get('/api/v1/settings/api-keys'), 403);

    const noCsrf = await manager.request('PATCH', '/api/v1/settings/policy', { json: { callbackDueMinutes: 6 }, headers: { 'x-csrf-token': 'forged' } });
    expect(noCsrf.status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/v1/settings`)).status).toBe(401);
  });

  it("another organization's settings are 404 to a person who does not belong to it", async () => {
    const t = await s.start();
    const other = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Other Co', timeZone: 'America/New_York', number: '+12125550100', forwardTo: ['+12125550199'] });
    const owner = await personWithRole(t, 'owner');
    owner.organizationId = other.id;
    await problemOf(await owner.get('/api/v1/settings'), 404);
    await problemOf(await owner.patch('/api/v1/settings/policy', { callbackDueMinutes: 5 }), 404);
    await problemOf(await owner.get('/api/v1/settings/audit'), 404);
    // The other organization's key sees its own settings only.
    const res = await fetch(`${t.baseUrl}/api/v1/settings`, { headers: { authorization: `Bearer ${other.apiKey}` } });
    expect(((await json<Settings>(res, 200)).organization.id)).toBe(other.id);
  });

  it('the OpenAPI document describes the settings, team and invitation routes', async () => {
    const t = await s.start();
    const doc = await json<{ paths: Record<string, Record<string, { summary?: string }>> }>(await fetch(`${t.baseUrl}/api/v1/openapi.json`), 200);
    const expected: Array<[string, string]> = [
      ['/api/v1/settings', 'get'],
      ['/api/v1/settings/policy', 'patch'],
      ['/api/v1/settings/profile', 'patch'],
      ['/api/v1/settings/numbers', 'post'],
      ['/api/v1/settings/numbers/{id}', 'patch'],
      ['/api/v1/settings/numbers/{id}', 'delete'],
      ['/api/v1/settings/audit', 'get'],
      ['/api/v1/settings/api-keys', 'get'],
      ['/api/v1/settings/api-keys', 'post'],
      ['/api/v1/settings/api-keys/{id}', 'delete'],
      ['/api/v1/team', 'get'],
      ['/api/v1/team/{userId}', 'patch'],
      ['/api/v1/team/{userId}', 'delete'],
      ['/api/v1/team/invitations', 'get'],
      ['/api/v1/team/invitations', 'post'],
      ['/api/v1/team/invitations/{id}', 'delete'],
      ['/api/v1/invitations/{token}', 'get'],
      ['/api/v1/invitations/{token}/accept', 'post'],
    ];
    for (const [path, method] of expected) expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toEqual(expect.any(String));
  });
});
