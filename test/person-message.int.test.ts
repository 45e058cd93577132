import { describe, expect, it } from 'vitest';
import { createOrganization } from '../src/app/organizations.ts';
import { CALLER, eventsOf, missedCallWithTextBack, onlyLead, ringbackSuite, textFromCaller } from './support/suite.ts';

describe('[TAKEOVER] a person steps in', () => {
  const s = ringbackSuite();

  it("a person's message goes out through the gate and pauses the lead's automation", async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const res = await t.api(`/api/v1/leads/${lead.id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Hi, this is Dana from Acme. I can come by at 3pm, does that work?' }) });
    expect(res.status).toBe(202);
    await s.fake.waitForMessages(2);
    await t.settle();
    expect(s.fake.messages[1]).toMatchObject({ to: CALLER, body: 'Hi, this is Dana from Acme. I can come by at 3pm, does that work?' });
    const after = await onlyLead(t);
    expect(after.automation).toEqual({ state: 'paused', reason: 'manual_message' });
    expect(after.stage).toBe('waiting_on_customer');
    expect(eventsOf(after, 'automation_paused')[0]).toMatchObject({ actor: expect.stringMatching(/^api_key:rb_/) });
    expect(after.nextAction).toMatchObject({ type: 'review' });
  });

  it('a person cannot text someone who opted out either: 422 with the reason, nothing sent', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    await textFromCaller(t, 'STOP');
    await s.fake.waitForMessages(2);
    await t.settle();
    const lead = await onlyLead(t);
    const res = await t.api(`/api/v1/leads/${lead.id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Are you sure?' }) });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await res.json()).toMatchObject({ code: 'RB_ERR_SEND_REFUSED', reason: 'opted_out' });
    await t.settle();
    expect(s.fake.messages).toHaveLength(2);
    expect(eventsOf(await onlyLead(t), 'message_blocked')[0]!.data).toMatchObject({ purpose: 'manual', reason: 'opted_out' });
  });

  it('take over and release: automation paused, then active again, each an event', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const post = (state: string) => t.api(`/api/v1/leads/${lead.id}/automation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state, reason: 'calling them now' }) });
    expect(await (await post('paused')).json()).toEqual({ automation: { state: 'paused', reason: 'calling them now' } });
    expect(await (await post('active')).json()).toEqual({ automation: { state: 'active', reason: null } });
    const after = await onlyLead(t);
    expect(after.events.map((e) => e.type)).toEqual(expect.arrayContaining(['automation_paused', 'automation_resumed']));
  });

  it('bad bodies are 400 problems and other tenants\' leads are 404', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const empty = await t.api(`/api/v1/leads/${lead.id}/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body: '  ' }) });
    expect(empty.status).toBe(400);
    const other = await createOrganization(t.rb.database.db, t.rb.ctx.cipher, { name: 'Other Co', timeZone: 'America/Denver', number: '+13035550100', forwardTo: ['+13035550101'] });
    const res = await fetch(`${t.baseUrl}/api/v1/leads/${lead.id}/messages`, { method: 'POST', headers: { authorization: `Bearer ${other.apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'hello' }) });
    expect(res.status).toBe(404);
    expect(s.fake.messages).toHaveLength(1);
  });
});

describe('[REVIEW] the morning review queue', () => {
  const s = ringbackSuite();

  it('lists every lead that needs a person: emergencies first, then oldest due, with the reason', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t, '+15125550171');
    t.clock.advance(60_000);
    await missedCallWithTextBack(s, t, '+15125550172');
    await textFromCaller(t, 'water is pouring through the ceiling, pipe burst', '+15125550172');
    t.clock.advance(30 * 60_000);
    const res = await t.api('/api/v1/review');
    expect(res.status).toBe(200);
    const items = (await res.json()) as Array<{ phone: string; intent: string | null; task: { type: string; reason: string }; overdueMinutes: number }>;
    expect(items.map((i) => i.phone)).toEqual(['+15125550172', '+15125550171']);
    expect(items[0]).toMatchObject({ intent: 'emergency', task: { type: 'escalate' } });
    expect(items[1]!.task.reason).toMatch(/Missed call/);
    expect(items[1]!.overdueMinutes).toBe(16);
  });
});

describe('[SLA] an overdue task notifies its owner, then the backup, then the manager', () => {
  const s = ringbackSuite();

  it('notifies at due, +15 min and +30 min, each level once', async () => {
    const { updateOrganizationPolicy } = await import('../src/app/organizations.ts');
    const { sweepOverdueTasks } = await import('../src/jobs/sweep-overdue-tasks.ts');
    const t = await s.start();
    await updateOrganizationPolicy(
      t.rb.database.db,
      t.org.id,
      {
        onCall: {
          timeZone: 'America/Chicago',
          ackTimeoutMinutes: 5,
          owner: { name: 'Olga', phoneE164: '+15125550113' },
          shifts: [
            { person: { name: 'Ana', phoneE164: '+15125550111' }, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
            { person: { name: 'Bo', phoneE164: '+15125550112' }, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' },
          ],
        },
      },
      'test',
    );
    await missedCallWithTextBack(s, t); // call-back task due in 15 min
    const sweep = async (minutes: number) => {
      t.clock.advance(minutes * 60_000);
      await sweepOverdueTasks(t.rb.ctx.recordDeps, t.clock.now());
      await t.settle();
    };
    await sweep(10);
    expect(s.fake.messages).toHaveLength(1); // not due yet
    await sweep(6); // 1 min overdue: the owner of the task (unassigned: whoever is on call)
    await s.fake.waitForMessages(2);
    expect(s.fake.messages[1]).toMatchObject({ to: '+15125550111' });
    expect(s.fake.messages[1]!.body).toMatch(/OVERDUE/);
    await sweep(1);
    expect(s.fake.messages).toHaveLength(2); // once per level
    await sweep(14); // +15: the backup
    await s.fake.waitForMessages(3);
    expect(s.fake.messages[2]!.to).toBe('+15125550112');
    await sweep(15); // +30: the manager
    await s.fake.waitForMessages(4);
    expect(s.fake.messages[3]!.to).toBe('+15125550113');
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'task_overdue').map((e) => e.data.notify)).toEqual(['owner', 'backup', 'manager']);
  });
});
