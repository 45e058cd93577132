import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateSigningSecret, newMessageId, signedHeaders } from './sign-webhook.ts';

describe('Standard Webhooks signing', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a secret is whsec_ + base64 of 32 random bytes; message ids are msg_… and unique', () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
    expect(newMessageId()).toMatch(/^msg_[A-Za-z0-9_-]{22}$/);
    expect(newMessageId()).not.toBe(newMessageId());
  });

  it("the receiver's library verifies the headers; another body, id or secret does not", () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-11-18T16:00:30Z') });
    const secret = generateSigningSecret();
    const body = JSON.stringify({ type: 'lead.created', timestamp: '2026-11-18T16:00:00.000Z', data: { leadId: 'x' } });
    const headers = signedHeaders(secret, 'msg_abc', new Date('2026-11-18T16:00:00Z'), body);
    expect(headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Ringback-Webhooks/1', 'webhook-id': 'msg_abc', 'webhook-timestamp': '1795017600' });
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace('lead.created', 'lead.deleted'), headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_other' })).toThrow(/No matching signature/);
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow(/No matching signature/);
  });
});
