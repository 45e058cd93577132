/**
 * The booking settings (issue 6): `policy.availability` and `policy.bookingReminders`, changed through
 * `PATCH /api/v1/settings/policy` as the Settings → Booking tab does: stored, audited per field, and
 * refused with field paths when malformed.
 */
import { describe, expect, it } from 'vitest';
import { ringbackSuite } from './support/suite.ts';
import { personWithRole, type Client } from './support/sign-in.ts';

interface Problem {
  status: number;
  code: string;
  errors?: Array<{ path: string; message: string }>;
}
interface Audit {
  actor: string;
  field: string;
  before: any;
  after: any;
}

const json = async <T>(res: Response, status: number): Promise<T> => {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return (text ? JSON.parse(text) : null) as T;
};
const policyOf = async (c: Client) => (await json<{ policy: Record<string, any> }>(await c.get('/api/v1/settings'), 200)).policy;
const audit = async (c: Client) => json<Audit[]>(await c.get('/api/v1/settings/audit'), 200);

const WEEKDAY = [
  { open: '07:00', close: '11:00' },
  { open: '11:00', close: '15:00' },
];
/** A Saturday-morning shop with a plumbing pool, a day-ahead lead time and a holiday shutdown. */
const AVAILABILITY = {
  windows: { 1: WEEKDAY, 2: WEEKDAY, 3: WEEKDAY, 4: WEEKDAY, 5: WEEKDAY, 6: [{ open: '08:00', close: '12:00' }], 7: [] },
  capacity: 3,
  capacityPools: [{ name: 'Plumbing', jobTypes: ['Drain cleaning', 'Water heater'], capacity: 1 }],
  leadTimeMinutes: 24 * 60,
  horizonDays: 21,
  blackoutDates: ['2026-12-24', '2026-12-31'],
  holidays: { country: 'US', state: 'TX' },
  holdMinutes: 15,
};

describe('[settings API] booking availability and reminders', () => {
  const s = ringbackSuite();

  it('an owner changes the availability policy and booking reminders; both are stored and audited with before and after', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner', { name: 'Olga Owner' });
    const before = await policyOf(owner);
    expect(before.availability.capacity).toBe(2); // the default a new organization books with
    expect(before.bookingReminders).toEqual({ eveningBefore: '18:00', morningOf: null });

    const reminders = { eveningBefore: '19:30', morningOf: '07:00' };
    const { policy } = await json<{ policy: Record<string, any> }>(await owner.patch('/api/v1/settings/policy', { availability: AVAILABILITY, bookingReminders: reminders }), 200);
    expect(policy.availability).toEqual(AVAILABILITY);
    expect(policy.bookingReminders).toEqual(reminders);
    const stored = await policyOf(owner);
    expect(stored.availability).toEqual(AVAILABILITY);
    expect(stored.bookingReminders).toEqual(reminders);

    const rows = await audit(owner);
    expect(rows.map((r) => r.field).sort()).toEqual(['availability', 'bookingReminders']);
    for (const r of rows) expect(r.actor).toBe(`user:${owner.userId}`);
    expect(rows.find((r) => r.field === 'availability')).toMatchObject({ before: before.availability, after: AVAILABILITY });
    expect(rows.find((r) => r.field === 'bookingReminders')).toMatchObject({ before: { eveningBefore: '18:00', morningOf: null }, after: reminders });

    // Windows of one day may overlap (each has its own capacity: an early-bird 7–9 beside 7–11);
    // turning a reminder off is null.
    const overlapping = { ...AVAILABILITY, windows: { ...AVAILABILITY.windows, 6: [{ open: '07:00', close: '09:00' }, { open: '07:00', close: '11:00' }] } };
    const again = await json<{ policy: Record<string, any> }>(await owner.patch('/api/v1/settings/policy', { availability: overlapping, bookingReminders: { eveningBefore: null, morningOf: '07:00' } }), 200);
    expect(again.policy.availability.windows[6]).toHaveLength(2);
    expect(again.policy.bookingReminders.eveningBefore).toBeNull();
  });

  it('a malformed availability policy is a 400 naming each field path; nothing is stored or audited', async () => {
    const t = await s.start();
    const owner = await personWithRole(t, 'owner');
    const before = await policyOf(owner);

    // Shape problems (zod): a negative capacity, a pool capacity that is not whole, a bad reminder time.
    const shape = await json<Problem>(
      await owner.patch('/api/v1/settings/policy', {
        availability: { ...AVAILABILITY, capacity: -1, capacityPools: [{ name: 'Plumbing', jobTypes: ['Drain cleaning'], capacity: 1.5 }] },
        bookingReminders: { eveningBefore: '7pm', morningOf: null },
      }),
      400,
    );
    expect(shape.code).toBe('RB_ERR_VALIDATION');
    expect(shape.errors!.map((e) => e.path).sort()).toEqual(['availability.capacity', 'availability.capacityPools.0.capacity', 'bookingReminders.eveningBefore']);

    // Rules across fields: the same window twice, a window closing before it opens, a pool name used twice.
    const rules = await json<Problem>(
      await owner.patch('/api/v1/settings/policy', {
        availability: {
          ...AVAILABILITY,
          windows: { ...AVAILABILITY.windows, 1: [...WEEKDAY, { open: '07:00', close: '11:00' }], 2: [{ open: '15:00', close: '08:00' }] },
          capacityPools: [...AVAILABILITY.capacityPools, { name: 'Plumbing', jobTypes: ['Sewer line'], capacity: 2 }],
        },
      }),
      400,
    );
    expect(rules.errors).toEqual(
      expect.arrayContaining([
        { path: 'availability.windows.1.2', message: expect.stringMatching(/listed twice/) },
        { path: 'availability.windows.2.0', message: expect.stringMatching(/not after open/) },
        { path: 'availability.capacityPools.1.name', message: expect.stringMatching(/used twice/) },
      ]),
    );
    expect(rules.errors).toHaveLength(3);

    // An unknown field inside availability is named, not dropped.
    const unknown = await json<Problem>(await owner.patch('/api/v1/settings/policy', { availability: { ...AVAILABILITY, maxPerDay: 9 } }), 400);
    expect(unknown.errors!.map((e) => e.path)).toEqual(['availability.maxPerDay']);

    expect(await audit(owner)).toEqual([]);
    expect(await policyOf(owner)).toEqual(before);
  });

  it('a dispatcher can neither read nor change the booking settings', async () => {
    const t = await s.start();
    const dispatcher = await personWithRole(t, 'dispatcher');
    expect((await dispatcher.get('/api/v1/settings')).status).toBe(403);
    expect((await dispatcher.patch('/api/v1/settings/policy', { availability: AVAILABILITY })).status).toBe(403);
  });
});
