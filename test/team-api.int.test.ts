import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { changeMemberRole, removeMember } from '../src/app/team.ts';
import { users } from '../src/db/schema.ts';
import { ringbackSuite } from './support/suite.ts';
import { personWithRole, type Client } from './support/sign-in.ts';

interface Member {
  userId: string;
  name: string;
  email: string;
  role: string;
  phoneE164: string | null;
}

const status = async (res: Response, expected: number) => {
  const text = await res.text();
  expect(res.status, text).toBe(expected);
  return text ? (JSON.parse(text) as Record<string, any>) : null;
};
const teamOf = async (c: Client) => (await status(await c.get('/api/v1/team'), 200)) as unknown as Member[];

describe('[team API] roles and removal', () => {
  const s = ringbackSuite();

  it('everyone who sees leads lists the team (for owner pickers); API keys and strangers do not manage it', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner', { name: 'Olga Owner', email: 'olga@example.com' });
    const technician = await personWithRole(t, 'technician', { name: 'Tom Tech', email: 'tom@example.com' });
    const team = await teamOf(technician);
    expect(team).toEqual([
      { userId: owner.userId, name: 'Olga Owner', email: 'olga@example.com', role: 'owner', phoneE164: null },
      { userId: technician.userId, name: 'Tom Tech', email: 'tom@example.com', role: 'technician', phoneE164: null },
    ]);
    await status(await technician.patch(`/api/v1/team/${owner.userId}`, { role: 'dispatcher' }), 403);
    await status(await technician.del(`/api/v1/team/${owner.userId}`), 403);
    const key = await fetch(`${t.baseUrl}/api/v1/team/${technician.userId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${t.org.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'dispatcher' }),
    });
    expect(key.status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/v1/team`)).status).toBe(401);
  });

  it('a manager changes desk roles but cannot touch owners or make one; nobody changes their own role; changes are audited', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const manager = await personWithRole(t, 'manager', { name: 'Mia Manager' });
    const dispatcher = await personWithRole(t, 'dispatcher', { name: 'Dan Dispatcher' });

    const changed = await status(await manager.patch(`/api/v1/team/${dispatcher.userId}`, { role: 'technician' }), 200);
    expect(changed).toMatchObject({ userId: dispatcher.userId, role: 'technician' });
    expect((await status(await manager.patch(`/api/v1/team/${dispatcher.userId}`, { role: 'owner' }), 403))!.detail).toMatch(/manager cannot/);
    await status(await manager.patch(`/api/v1/team/${owner.userId}`, { role: 'dispatcher' }), 403);
    await status(await manager.del(`/api/v1/team/${owner.userId}`), 403);
    expect((await status(await manager.patch(`/api/v1/team/${manager.userId}`, { role: 'owner' }), 403))!.detail).toMatch(/own role/);
    expect((await status(await owner.patch(`/api/v1/team/${owner.userId}`, { role: 'manager' }), 403))!.detail).toMatch(/own role/);

    const bad = await status(await owner.patch(`/api/v1/team/${dispatcher.userId}`, { role: 'boss' }), 400);
    expect(bad!.errors[0].path).toBe('role');
    await status(await owner.patch('/api/v1/team/nobody', { role: 'dispatcher' }), 404);

    // The owner may make someone owner; the technician's new role takes effect at once.
    await status(await owner.patch(`/api/v1/team/${manager.userId}`, { role: 'owner' }), 200);
    expect((await status(await dispatcher.get('/api/v1/me'), 200))!.role).toBe('technician');

    const audit = (await status(await owner.get('/api/v1/settings/audit'), 200)) as unknown as Array<{ field: string; actor: string; actorName: string; before: any; after: any }>;
    const team = audit.filter((r) => r.field === 'team');
    expect(team).toHaveLength(2);
    expect(team[0]).toMatchObject({ actor: `user:${owner.userId}`, before: { userId: manager.userId, role: 'manager' }, after: { userId: manager.userId, role: 'owner' } });
    expect(team[1]).toMatchObject({ actor: `user:${manager.userId}`, actorName: 'Mia Manager', before: { role: 'dispatcher', name: 'Dan Dispatcher' }, after: { role: 'technician' } });
  });

  it('the last owner can be neither demoted nor removed; removing someone removes the membership, not the person', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const second = await personWithRole(t, 'owner');
    const dispatcher = await personWithRole(t, 'dispatcher');

    await status(await owner.patch(`/api/v1/team/${second.userId}`, { role: 'manager' }), 200);
    // Now the only owner: may not leave, and nothing else may demote them (even the CLI's path).
    expect((await status(await owner.del(`/api/v1/team/${owner.userId}`), 409))!.detail).toMatch(/only owner/);
    const db = t.rb.database.db;
    await expect(changeMemberRole(db, t.org.id, { role: 'cli', userId: null, actor: 'cli' }, owner.userId, { role: 'manager' })).rejects.toMatchObject({ code: 'RB_ERR_CONFLICT' });
    await expect(removeMember(db, t.org.id, { role: 'cli', userId: null, actor: 'cli' }, owner.userId)).rejects.toMatchObject({ code: 'RB_ERR_CONFLICT' });

    expect((await owner.del(`/api/v1/team/${dispatcher.userId}`)).status).toBe(204);
    expect((await teamOf(owner)).map((m) => m.userId)).not.toContain(dispatcher.userId);
    const [person] = await db.select().from(users).where(eq(users.id, dispatcher.userId));
    expect(person).toBeDefined();
    // Their session still works, but not in this organization.
    const me = await status(await dispatcher.get('/api/v1/me'), 200);
    expect(me!.memberships).toEqual([]);
    await status(await dispatcher.get('/api/v1/team'), 404);
    await status(await owner.del(`/api/v1/team/${dispatcher.userId}`), 404);

    // A manager may leave on their own.
    expect((await second.del(`/api/v1/team/${second.userId}`)).status).toBe(204);
  });
});
