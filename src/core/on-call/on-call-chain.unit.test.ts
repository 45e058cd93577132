import { describe, expect, it } from 'vitest';
import { onCallChain, type OnCallRotation } from './on-call-chain.ts';

const ana = { name: 'Ana', phoneE164: '+15125550111' };
const bo = { name: 'Bo', phoneE164: '+15125550112' };
const owner = { name: 'Owner', phoneE164: '+15125550113' };
const rotation: OnCallRotation = {
  timeZone: 'America/Chicago',
  ackTimeoutMinutes: 5,
  owner,
  shifts: [
    { person: ana, weekdays: [1, 2, 3, 4, 5], start: '17:00', end: '08:00' }, // weeknights, past midnight
    { person: bo, weekdays: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '00:00' }, // always (backup)
  ],
};

describe('onCallChain', () => {
  it('pages the weeknight tech first, then the backup, then the owner', () => {
    // Tuesday 2026-11-17 22:00 in Chicago (UTC-6)
    expect(onCallChain(rotation, new Date('2026-11-18T04:00:00Z')).map((p) => p.name)).toEqual(['Ana', 'Bo', 'Owner']);
  });

  it('an overnight shift that started on Friday still covers Saturday 03:00', () => {
    expect(onCallChain(rotation, new Date('2026-11-21T09:00:00Z')).map((p) => p.name)).toEqual(['Ana', 'Bo', 'Owner']);
  });

  it('Saturday noon is not a weeknight shift', () => {
    expect(onCallChain(rotation, new Date('2026-11-21T18:00:00Z')).map((p) => p.name)).toEqual(['Bo', 'Owner']);
  });

  it('judges the shift in the rotation time zone across the DST change', () => {
    // Tuesday 2026-11-03 13:30Z is 07:30 CST (after DST ended on Nov 1): inside Monday's 17:00–08:00.
    // Under the summer offset (UTC-5) it would have been 08:30, outside.
    expect(onCallChain(rotation, new Date('2026-11-03T13:30:00Z'))[0]?.name).toBe('Ana');
  });

  it('pages each person once even when listed twice', () => {
    const r = { ...rotation, owner: bo };
    expect(onCallChain(r, new Date('2026-11-21T18:00:00Z')).map((p) => p.name)).toEqual(['Bo']);
  });
});
