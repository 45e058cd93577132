import { describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS, nextRetryAt } from './retry-schedule.ts';

describe('webhook retry schedule (Svix: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)', () => {
  const failedAt = new Date('2026-11-18T16:00:00Z');
  const waitAfter = (attempts: number) => {
    const at = nextRetryAt(attempts, failedAt);
    return at ? (at.getTime() - failedAt.getTime()) / 1000 : null;
  };

  it('waits longer after each failed attempt', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(waitAfter)).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
  });

  it('gives up after the eighth attempt', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    expect(nextRetryAt(8, failedAt)).toBeNull();
    expect(nextRetryAt(9, failedAt)).toBeNull();
  });
});
