/** Retry rules of field-service pushes: what is transient, how long to wait, what the vendor said. */
import { describe, expect, it } from 'vitest';
import { isTransientStatus, MAX_PUSH_ATTEMPTS, nextAttemptAt, parseRetryAfter, vendorMessage } from './push-outcome.ts';
import { pushTriggers } from './queue-fsm-pushes.ts';

const now = new Date('2026-11-18T16:00:00Z');
const after = (ms: number) => new Date(now.getTime() + ms).toISOString();

describe('retry schedule', () => {
  it('backs off exponentially from 30 s', () => {
    expect(nextAttemptAt(1, now)?.toISOString()).toBe(after(30_000));
    expect(nextAttemptAt(2, now)?.toISOString()).toBe(after(60_000));
    expect(nextAttemptAt(7, now)?.toISOString()).toBe(after(32 * 60_000));
  });

  it("waits for the vendor's Retry-After when it is longer, capped at 6 h", () => {
    expect(nextAttemptAt(1, now, 120_000)?.toISOString()).toBe(after(120_000));
    expect(nextAttemptAt(1, now, 1_000)?.toISOString()).toBe(after(30_000));
    expect(nextAttemptAt(1, now, 48 * 3600_000)?.toISOString()).toBe(after(6 * 3600_000));
  });

  it(`gives up after ${MAX_PUSH_ATTEMPTS} attempts`, () => {
    expect(nextAttemptAt(MAX_PUSH_ATTEMPTS - 1, now)).not.toBeNull();
    expect(nextAttemptAt(MAX_PUSH_ATTEMPTS, now)).toBeNull();
  });

  it('reads Retry-After as seconds or an HTTP date (RFC 9110)', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 18 Nov 2026 16:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 18 Nov 2026 15:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('retries 408, 429 and 5xx only', () => {
    expect([408, 429, 500, 502, 503, 504].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422].some(isTransientStatus)).toBe(false);
  });
});

describe("the vendor's message", () => {
  it('reads RFC 7807 with field errors (ServiceTitan)', () => {
    expect(vendorMessage({ type: 'x', title: 'One or more validation errors occurred.', status: 400, errors: { Name: ['The Name field is required.'] } }, '')).toBe(
      'One or more validation errors occurred.; Name: The Name field is required.',
    );
  });
  it('reads {error: {message}}, {message}, GraphQL errors and plain text', () => {
    expect(vendorMessage({ error: { message: 'mobile_number is invalid' } }, '')).toBe('mobile_number is invalid');
    expect(vendorMessage({ message: 'Unauthorized' }, '')).toBe('Unauthorized');
    expect(vendorMessage({ errors: [{ message: 'Throttled' }] }, '')).toBe('Throttled');
    expect(vendorMessage('Bad Gateway', '')).toBe('Bad Gateway');
    expect(vendorMessage(null, 'no message')).toBe('no message');
  });
});

describe('which events queue a push', () => {
  const created = { type: 'booking_created' as const, at: now.toISOString(), actor: 'customer', data: { bookingId: 'b1' } };
  const asked = { type: 'stage_changed' as const, at: now.toISOString(), actor: 'system', data: { from: 'text_sent', to: 'appointment_requested' } };
  it('pushOn booked: each booking_created, not a visit request', () => {
    expect(pushTriggers([created], 'booked', false)).toEqual([{ bookingId: 'b1' }]);
    expect(pushTriggers([asked], 'booked', false)).toEqual([]);
  });
  it('pushOn qualified: the visit request, or a booking made without one; once per lead', () => {
    expect(pushTriggers([asked], 'qualified', false)).toEqual([{ bookingId: null }]);
    expect(pushTriggers([created], 'qualified', false)).toEqual([{ bookingId: 'b1' }]);
    expect(pushTriggers([created], 'qualified', true)).toEqual([]);
  });
});
