import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../lead/policy.ts';
import type { LeadState } from '../lead/lead-state.ts';
import { checkSendPolicy } from './check-send-policy.ts';

const policy = defaultPolicy({ businessName: 'Acme', timeZone: 'America/New_York', contactNumberE164: '+15125550100' });
/** A Texas (512) customer: quiet hours 9:00–21:00 Mon–Sat and 12:00–21:00 Sunday, Central time. */
function lead(lastInboundAt: string, zip: string | null = null): LeadState {
  return {
    status: 'open', id: 'l', organizationId: 'o', stage: 'text_sent', intent: null, safety: false, outcome: null,
    automation: { state: 'active' }, textBack: null, nextAction: null, page: null, callSids: [], seq: 0,
    openedAt: lastInboundAt, lastInboundAt,
    contact: { id: 'c', phoneE164: '+15125550123', zip, optedOut: null, recentAutomatedSendsAt: [] },
    source: { numberE164: '+15125550100', leadSource: null },
  };
}

describe('checkSendPolicy: quiet hours in the recipient\'s local time', () => {
  it('a follow-up at 21:30 in Austin waits until 9:00 the next morning (Tex. Bus. & Com. Code 301.051)', () => {
    const now = new Date('2026-11-19T03:30:00Z'); // Wed 21:30 CST
    const v = checkSendPolicy(lead('2026-11-18T16:00:00Z'), { purpose: 'follow_up', automated: true }, policy, now);
    expect(v).toMatchObject({ allowed: false, reason: 'quiet_hours', retryAt: '2026-11-19T15:00:00.000Z' });
  });

  it('the recipient\'s zone, not the organization\'s: 8:30 in New York is already 7:30 in Austin', () => {
    const now = new Date('2026-11-18T13:30:00Z');
    expect(checkSendPolicy(lead('2026-11-17T16:00:00Z'), { purpose: 'follow_up', automated: true }, policy, now).allowed).toBe(false);
  });

  it('a ZIP places the recipient before the area code does (a 512 number living in Phoenix)', () => {
    const now = new Date('2026-11-18T15:30:00Z'); // 9:30 in Austin, 8:30 in Phoenix (federal window: allowed)
    expect(checkSendPolicy(lead('2026-11-17T16:00:00Z', '85004'), { purpose: 'follow_up', automated: true }, policy, now).allowed).toBe(true);
  });

  it('Sunday in Texas starts at noon', () => {
    const now = new Date('2026-11-22T17:30:00Z'); // Sun 11:30 CST
    expect(checkSendPolicy(lead('2026-11-20T16:00:00Z'), { purpose: 'follow_up', automated: true }, policy, now)).toMatchObject({ retryAt: '2026-11-22T18:00:00.000Z' });
  });

  it('the text-back and a person answering within 30 minutes of the customer\'s own call or message are exempt', () => {
    const now = new Date('2026-11-19T05:00:00Z'); // 23:00 CST
    expect(checkSendPolicy(lead('2026-11-19T04:45:00Z'), { purpose: 'text_back', automated: true }, policy, now).allowed).toBe(true);
    expect(checkSendPolicy(lead('2026-11-19T04:45:00Z'), { purpose: 'manual', automated: false }, policy, now).allowed).toBe(true);
    expect(checkSendPolicy(lead('2026-11-19T04:00:00Z'), { purpose: 'manual', automated: false }, policy, now)).toMatchObject({ allowed: false, reason: 'quiet_hours' });
  });

  it('safety instructions are always allowed', () => {
    const now = new Date('2026-11-19T09:00:00Z'); // 3:00 CST
    expect(checkSendPolicy(lead('2026-11-18T16:00:00Z'), { purpose: 'safety_instructions', automated: true }, policy, now).allowed).toBe(true);
  });

  it('the exemption is an organization setting: 0 turns it off', () => {
    const now = new Date('2026-11-19T05:00:00Z');
    expect(checkSendPolicy(lead('2026-11-19T04:59:00Z'), { purpose: 'text_back', automated: true }, { ...policy, quietHoursReplyMinutes: 0 }, now).allowed).toBe(false);
  });
});

describe('checkSendPolicy: the organization\'s own rules', () => {
  const now = new Date('2026-11-18T17:00:00Z'); // Wed 11:00 CST, noon in New York
  it('a number on the do-not-automate list gets no automated message, not even the text-back; a person may still text it', () => {
    const p = { ...policy, doNotAutomateNumbers: ['+15125550123'] };
    expect(checkSendPolicy(lead('2026-11-18T16:59:00Z'), { purpose: 'text_back', automated: true }, p, now)).toMatchObject({ allowed: false, reason: 'do_not_automate' });
    expect(checkSendPolicy(lead('2026-11-18T16:59:00Z'), { purpose: 'manual', automated: false }, p, now).allowed).toBe(true);
  });

  it('a blackout date holds follow-ups until the next local day, but not the text-back', () => {
    const p = { ...policy, calendar: { ...policy.calendar, blackoutDates: ['2026-11-18'] } };
    expect(checkSendPolicy(lead('2026-11-18T12:00:00Z'), { purpose: 'follow_up', automated: true }, p, now)).toMatchObject({ allowed: false, reason: 'blackout_date', retryAt: '2026-11-19T05:00:00.000Z' });
    expect(checkSendPolicy(lead('2026-11-18T16:59:00Z'), { purpose: 'text_back', automated: true }, p, now).allowed).toBe(true);
  });

  it('the 24 h cap can be lowered but a refusal always says when the oldest message leaves the window', () => {
    const sent = ['2026-11-18T10:00:00Z'];
    const l = lead('2026-11-18T12:00:00Z');
    const withSent = { ...l, contact: { ...l.contact, recentAutomatedSendsAt: sent } } as LeadState;
    expect(checkSendPolicy(withSent, { purpose: 'follow_up', automated: true }, { ...policy, automatedMessagesPer24h: 1 }, now)).toMatchObject({ reason: 'automated_cap_reached', retryAt: '2026-11-19T10:00:00.000Z' });
  });
});
