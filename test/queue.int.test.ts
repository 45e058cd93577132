/**
 * The recovery queue (issue 5, item 2): one list of every lead that needs a person, emergencies
 * first, then by due time, with filters, counts, owners' names and the customer's last word.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { phoneNumbers } from '../src/db/schema.ts';
import { signIn } from './support/people.ts';
import { listLeads, missedCallWithTextBack, ringbackSuite, textFromCaller } from './support/suite.ts';

interface QueueItem {
  id: string;
  status: string;
  stage: string;
  intent: string | null;
  safety: boolean;
  contact: { phone: string };
  source: { number: string; leadSource: string | null };
  owner: { id: string; name: string } | null;
  backupOwner: { id: string; name: string } | null;
  nextAction: { type: string; dueAt: string } | null;
  overdue: boolean;
  lastInbound: { at: string; preview: string } | null;
}
interface Queue {
  items: QueueItem[];
  counts: { open: number; overdue: number; emergencies: number };
}

const PLAIN = '+15125550141';
const FLOOD = '+15125550142';
const GAS = '+15125550143';
const LATER = '+15125550144';

describe('[QUEUE] the recovery queue', () => {
  const s = ringbackSuite();

  it('orders safety emergencies, emergencies, then by due time; filters by urgency, owner, overdue, stage, source, dates and status', async () => {
    const t = await s.start();
    await t.rb.database.db.update(phoneNumbers).set({ leadSource: 'Google LSA' }).where(eq(phoneNumbers.organizationId, t.org.id));
    const dana = await signIn(t, 'dispatcher', { name: 'Dana Dispatcher' });
    const q = async (query = ''): Promise<Queue> => {
      const res = await dana.fetch(`/api/v1/queue${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as Queue;
    };
    const phones = (queue: Queue) => queue.items.map((i) => i.contact.phone);

    const start = t.clock.now();
    await missedCallWithTextBack(s, t, LATER); // gets a next action two days out below
    t.clock.advance(60_000);
    await missedCallWithTextBack(s, t, PLAIN); // call back due in 15 min
    t.clock.advance(60_000);
    await missedCallWithTextBack(s, t, FLOOD);
    await textFromCaller(t, 'water is pouring through the ceiling, pipe burst', FLOOD); // emergency, due now
    t.clock.advance(60_000);
    const gasAt = t.clock.now();
    await missedCallWithTextBack(s, t, GAS);
    await textFromCaller(t, 'I smell gas in the basement', GAS); // safety emergency, due now
    const byPhone = new Map((await listLeads(t)).map((l) => [l.contact.phone, l.id]));
    const inTwoDays = new Date(t.clock.now().getTime() + 2 * 24 * 60 * 60_000).toISOString();
    expect((await dana.send('PATCH', `/api/v1/leads/${byPhone.get(LATER)}`, { ownerId: dana.id, nextAction: { type: 'review', dueAt: inTwoDays } })).status).toBe(200);

    const all = await q();
    expect(phones(all)).toEqual([GAS, FLOOD, PLAIN, LATER]);
    expect(all.items[0]).toMatchObject({ safety: true, intent: 'emergency', source: { leadSource: 'Google LSA' }, lastInbound: { preview: 'I smell gas in the basement' } });
    expect(all.items[1]!.lastInbound!.preview).toBe('water is pouring through the ceiling, pipe burst');
    expect(all.items[2]).toMatchObject({ owner: null, overdue: false, lastInbound: { preview: 'Missed call' } });
    expect(all.items[3]).toMatchObject({ owner: { id: dana.id, name: 'Dana Dispatcher' }, nextAction: { type: 'review', dueAt: inTwoDays } });
    // The flood's escalation was due a minute ago; the gas leak's is due this instant (not yet late).
    expect(all.items.map((i) => i.overdue)).toEqual([false, true, false, false]);
    expect(all.counts).toEqual({ open: 4, overdue: 1, emergencies: 2 });

    expect(phones(await q('?urgency=emergency'))).toEqual([GAS, FLOOD]);
    expect(phones(await q('?urgency=normal'))).toEqual([PLAIN, LATER]);
    expect(phones(await q('?owner=me'))).toEqual([LATER]);
    expect(phones(await q(`?owner=${dana.id}`))).toEqual([LATER]);
    expect(phones(await q('?owner=none'))).toEqual([GAS, FLOOD, PLAIN]);
    expect(phones(await q('?intent=emergency'))).toEqual([GAS, FLOOD]);
    expect(phones(await q('?stage=text_sent'))).toEqual([PLAIN, LATER]);
    expect(phones(await q('?stage=appointment_requested'))).toEqual([GAS, FLOOD]);
    expect(phones(await q('?source=google'))).toHaveLength(4);
    expect(phones(await q('?source=555-0100'))).toHaveLength(4); // the tracking number's digits
    expect(phones(await q('?source=yelp'))).toEqual([]);
    expect(phones(await q(`?from=${encodeURIComponent(gasAt.toISOString())}`))).toEqual([GAS]);
    expect(phones(await q(`?from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date(start.getTime() + 90_000).toISOString())}`))).toEqual([PLAIN, LATER]);

    t.clock.advance(20 * 60_000); // the missed-call task (15 min) and the emergencies (due at once) are late now
    const late = await q('?overdue=true');
    expect(phones(late)).toEqual([GAS, FLOOD, PLAIN]);
    expect(late.items.every((i) => i.overdue)).toBe(true);
    expect(late.counts).toEqual({ open: 4, overdue: 3, emergencies: 2 });

    expect((await dana.send('PATCH', `/api/v1/leads/${byPhone.get(PLAIN)}`, { outcome: 'already_handled' })).status).toBe(200);
    expect(phones(await q())).toEqual([GAS, FLOOD, LATER]);
    const closed = await q('?status=closed');
    expect(phones(closed)).toEqual([PLAIN]);
    expect(closed.items[0]).toMatchObject({ status: 'closed', overdue: false, nextAction: null });
    expect(closed.counts.open).toBe(3);
  });

  it('bad filters are 400 problems', async () => {
    const t = await s.start();
    for (const query of ['?urgency=high', '?status=all', '?overdue=yes', '?from=yesterday', '?stage=nope', '?limit=0']) {
      const res = await t.api(`/api/v1/queue${query}`);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'RB_ERR_VALIDATION' });
    }
    expect(await (await t.api('/api/v1/queue')).json()).toEqual({ items: [], counts: { open: 0, overdue: 0, emergencies: 0 } });
  });
});
