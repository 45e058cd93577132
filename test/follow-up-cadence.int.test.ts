import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { findOrganizationById } from '../src/app/organizations.ts';
import { recordLeadInput } from '../src/app/record-lead-input.ts';
import type { ScheduleTimer } from '../src/core/lead/effects.ts';
import { effects } from '../src/db/schema.ts';
import { testClock, type TestRingback } from './support/harness.ts';
import { eventsOf, missedCallWithTextBack, onlyLead, ringbackSuite, textFromCaller } from './support/suite.ts';

/** The newest follow-up timer the lead's cadence asked for (its fireAt is on Ringback's clock). */
async function latestCadenceTimer(t: TestRingback): Promise<ScheduleTimer> {
  const rows = await t.rb.database.db.select({ payload: effects.payload }).from(effects).where(and(eq(effects.organizationId, t.org.id), eq(effects.type, 'schedule_timer'))).orderBy(desc(effects.createdAt), desc(effects.id));
  const timers = rows.map((r) => r.payload as unknown as ScheduleTimer).filter((e) => e.timer.kind === 'cadence_step');
  timers.sort((a, b) => Number(b.effectId.split(':').pop()) - Number(a.effectId.split(':').pop()));
  return timers[0]!;
}

/** Moves the clock to the timer's due time and fires it, as the timer worker does. */
async function fire(t: TestRingback, leadId: string, timer: ScheduleTimer): Promise<void> {
  t.clock.set(timer.fireAt);
  const org = (await findOrganizationById(t.rb.database.db, t.org.id))!;
  await recordLeadInput(t.rb.ctx.recordDeps, org, { by: 'lead', leadId }, { type: 'timer_fired', timerId: timer.timerId, timer: timer.timer }, { now: t.clock.now() });
  await t.settle();
}

describe('[CADENCE] the default missed-call cadence', () => {
  const s = ringbackSuite();

  it('runs step by step on its timers and stops the moment the customer replies', async () => {
    const t = await s.start({ clock: testClock('2026-11-18T16:00:00Z') }); // Wednesday 10:00 in Chicago
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'cadence_enrolled')[0]!.data).toEqual({ cadenceId: 'missed_call' });

    const first = await latestCadenceTimer(t);
    expect(first.fireAt).toBe('2026-11-18T16:15:00.000Z'); // call-back task 15 min later, in business hours
    await fire(t, lead.id, first);
    expect((await onlyLead(t)).nextAction).toMatchObject({ type: 'call_back', dueAt: '2026-11-18T16:15:00.000Z' });

    const second = await latestCadenceTimer(t);
    expect(second.fireAt).toBe('2026-11-18T18:15:00.000Z'); // +2 h: the short second text
    await fire(t, lead.id, second);
    await s.fake.waitForMessages(2);
    expect(s.fake.messages[1]!.body).toMatch(/Still need a hand\?/);

    const third = await latestCadenceTimer(t);
    expect(third.fireAt).toBe('2026-11-19T16:00:00.000Z'); // next business day 10:00
    await textFromCaller(t, 'yes please, the furnace is still out');
    const afterReply = await onlyLead(t);
    expect(eventsOf(afterReply, 'cadence_stopped')[0]!.data).toMatchObject({ reason: 'customer_replied' });
    const before = s.fake.messages.length;
    await fire(t, lead.id, third); // a timer that fires after the reply does nothing
    expect(eventsOf(await onlyLead(t), 'cadence_step_done')).toHaveLength(2);
    expect(s.fake.messages.length).toBe(before);
  });

  it('the next business day skips Thanksgiving and the weekend is respected', async () => {
    const t = await s.start({ clock: testClock('2026-11-25T22:00:00Z') }); // Wednesday 16:00 in Chicago, the day before Thanksgiving
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    await fire(t, lead.id, await latestCadenceTimer(t)); // 16:15 call task
    await fire(t, lead.id, await latestCadenceTimer(t)); // 18:15 second text
    const nextDay = await latestCadenceTimer(t);
    expect(nextDay.fireAt).toBe('2026-11-27T16:00:00.000Z'); // Friday 10:00: Thursday is a public holiday
  });

  it('a takeover stops the cadence and a release resumes it', async () => {
    const t = await s.start();
    await missedCallWithTextBack(s, t);
    const lead = await onlyLead(t);
    const post = (state: string) => t.api(`/api/v1/leads/${lead.id}/automation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ state }) });
    await post('paused');
    const stale = await latestCadenceTimer(t);
    await fire(t, lead.id, stale);
    expect(eventsOf(await onlyLead(t), 'cadence_step_done')).toHaveLength(0);
    await post('active');
    const after = await onlyLead(t);
    expect(eventsOf(after, 'cadence_resumed')).toHaveLength(1);
    const resumed = await latestCadenceTimer(t);
    expect(resumed.timerId).not.toBe(stale.timerId);
    await fire(t, lead.id, resumed);
    expect(eventsOf(await onlyLead(t), 'cadence_step_done')).toHaveLength(1);
  });
});
