import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { createServer } from 'node:net';
import { pino } from 'pino';
import { startFakeTwilio, type FakeTwilio } from '../../../test/support/fake-twilio.ts';
import { ProviderUnavailableError, type ProviderAccount, type SendMessageRequest } from '../provider.ts';
import { parseTwilioApiBaseUrl, rewriteTwilioUri } from './base-url-request-client.ts';
import {
  createTwilioProvider,
  lookupLineType,
  TwilioRequestError,
  type TwilioProvider,
} from './twilio-provider.ts';

const account: ProviderAccount = {
  accountSid: 'AC0123456789abcdef0123456789abcdef',
  authToken: 'test-auth-token',
};

function sendRequest(overrides: Partial<SendMessageRequest> = {}): SendMessageRequest {
  return {
    account,
    to: '+15125550123',
    from: '+15125550100',
    body: 'Sorry we missed your call! This is Acme Plumbing. Reply STOP to opt out.',
    statusCallbackUrl: 'https://ringback.example.com/webhooks/twilio/sms/status',
    ...overrides,
  };
}

/** A TCP port on 127.0.0.1 with nothing listening on it (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  return address.port;
}

describe('rewriteTwilioUri', () => {
  it('replaces scheme, host and port and keeps path and query', () => {
    const base = parseTwilioApiBaseUrl('http://127.0.0.1:4010');
    expect(
      rewriteTwilioUri(`https://api.twilio.com/2010-04-01/Accounts/${account.accountSid}/Messages.json`, base),
    ).toBe(`http://127.0.0.1:4010/2010-04-01/Accounts/${account.accountSid}/Messages.json`);
    expect(
      rewriteTwilioUri('https://lookups.twilio.com/v2/PhoneNumbers/+15125550123?Fields=line_type_intelligence', base),
    ).toBe('http://127.0.0.1:4010/v2/PhoneNumbers/+15125550123?Fields=line_type_intelligence');
  });

  it('keeps a path prefix of the base URL', () => {
    const base = parseTwilioApiBaseUrl('https://proxy.example.com/twilio/');
    expect(rewriteTwilioUri('https://api.twilio.com/2010-04-01/Accounts.json?PageSize=1', base)).toBe(
      'https://proxy.example.com/twilio/2010-04-01/Accounts.json?PageSize=1',
    );
  });

  it("leaves Twilio's own hosts alone when the base URL is Twilio (lookups stay on lookups.twilio.com)", () => {
    const base = parseTwilioApiBaseUrl('https://api.twilio.com');
    expect(base).toBeNull();
    const uri = 'https://lookups.twilio.com/v2/PhoneNumbers/+15125550123?Fields=line_type_intelligence';
    expect(rewriteTwilioUri(uri, base)).toBe(uri);
  });

  it('rejects a base URL that is not absolute http(s)', () => {
    expect(() => parseTwilioApiBaseUrl('127.0.0.1:4010')).toThrow(TypeError);
    expect(() => parseTwilioApiBaseUrl('ftp://example.com')).toThrow(TypeError);
    expect(() => createTwilioProvider({ apiBaseUrl: 'not a url' })).toThrow(TypeError);
  });
});

describe('createTwilioProvider against the fake Twilio API', () => {
  let fake: FakeTwilio;
  let provider: TwilioProvider;

  beforeAll(async () => {
    fake = await startFakeTwilio();
    fake.tokens.set(account.accountSid, account.authToken);
    provider = createTwilioProvider({ apiBaseUrl: fake.url, baseDelayMs: 1, maxDelayMs: 5 });
  });

  afterAll(async () => {
    await fake.close();
  });

  beforeEach(() => {
    fake.reset();
  });

  it('sends From the organization number with a status callback', async () => {
    const result = await provider.sendMessage(sendRequest());

    expect(result).toMatchObject({ ok: true, status: 'queued' });
    expect(fake.messages).toHaveLength(1);
    const message = fake.messages[0]!;
    expect(result.ok && result.sid).toBe(message.sid);
    expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(message).toMatchObject({
      accountSid: account.accountSid,
      to: '+15125550123',
      from: '+15125550100',
      body: sendRequest().body,
      statusCallback: 'https://ringback.example.com/webhooks/twilio/sms/status',
    });
    expect(message.messagingServiceSid).toBeUndefined();
  });

  it('sends through a Messaging Service without From', async () => {
    const result = await provider.sendMessage(
      sendRequest({ messagingServiceSid: 'MG0123456789abcdef0123456789abcdef' }),
    );

    expect(result).toMatchObject({ ok: true, status: 'accepted' });
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({
      messagingServiceSid: 'MG0123456789abcdef0123456789abcdef',
      from: null,
      statusCallback: 'https://ringback.example.com/webhooks/twilio/sms/status',
    });
  });

  it('retries a 500 and sends once', async () => {
    fake.failNext(1, { status: 500, code: 20500, message: 'Internal Server Error' });

    const result = await provider.sendMessage(sendRequest());

    expect(result.ok).toBe(true);
    expect(fake.messages).toHaveLength(1);
    expect(fake.requests).toBe(2);
  });

  it('retries a 429 (error 20429) and sends once', async () => {
    fake.failNext(1, { status: 429, code: 20429, message: 'Too Many Requests' });

    const result = await provider.sendMessage(sendRequest());

    expect(result.ok).toBe(true);
    expect(fake.messages).toHaveLength(1);
    expect(fake.requests).toBe(2);
  });

  it('reports 21610 (recipient opted out) as a refusal without retrying', async () => {
    fake.failNext(1, {
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });

    const result = await provider.sendMessage(sendRequest());

    expect(result).toEqual({
      ok: false,
      errorCode: 21610,
      httpStatus: 400,
      message: 'Attempt to send to unsubscribed recipient',
    });
    expect(fake.requests).toBe(1);
    expect(fake.messages).toHaveLength(0);
  });

  it("reports Twilio's own validation errors as refusals (21211 invalid To)", async () => {
    const result = await provider.sendMessage(sendRequest({ to: '5125550123' }));

    expect(result).toMatchObject({ ok: false, errorCode: 21211, httpStatus: 400 });
    expect(fake.requests).toBe(1);
  });

  it('reports a wrong auth token as a refusal (20003)', async () => {
    const result = await provider.sendMessage(
      sendRequest({ account: { ...account, authToken: 'wrong-token' } }),
    );

    expect(result).toMatchObject({ ok: false, errorCode: 20003, httpStatus: 401 });
    expect(fake.requests).toBe(1);
  });

  it('uses the new token after a token change (client cache keyed by SID and token)', async () => {
    const rotated = { ...account, authToken: 'rotated-token' };
    fake.tokens.set(account.accountSid, rotated.authToken);
    try {
      expect((await provider.sendMessage(sendRequest())).ok).toBe(false);
      expect((await provider.sendMessage(sendRequest({ account: rotated }))).ok).toBe(true);
    } finally {
      fake.tokens.set(account.accountSid, account.authToken);
    }
  });

  it('throws ProviderUnavailableError after 4 × 500, having tried 4 times', async () => {
    fake.failNext(4, { status: 500, code: 20500, message: 'Internal Server Error' });

    const error = await provider.sendMessage(sendRequest()).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ httpStatus: 500, errorCode: 20500 });
    expect(fake.requests).toBe(4);
    expect(fake.messages).toHaveLength(0);
  });

  it("makes exactly maxAttempts requests on repeated 429s (the SDK's own 429 retry is off)", async () => {
    fake.failNext(4, { status: 429, code: 20429, message: 'Too Many Requests' });

    const error = await provider.sendMessage(sendRequest()).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ httpStatus: 429, errorCode: 20429 });
    expect(fake.requests).toBe(4);
  });

  it('honours maxAttempts', async () => {
    const twoAttempts = createTwilioProvider({
      apiBaseUrl: fake.url,
      maxAttempts: 2,
      baseDelayMs: 1,
      logger: pino({ level: 'silent' }),
    });
    fake.failNext(3, { status: 503 });

    await expect(twoAttempts.sendMessage(sendRequest())).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(fake.requests).toBe(2);
  });

  it('throws ProviderUnavailableError when nothing listens on the port', async () => {
    const port = await closedPort();
    const unreachable = createTwilioProvider({ apiBaseUrl: `http://127.0.0.1:${port}`, baseDelayMs: 1 });

    const error = await unreachable.sendMessage(sendRequest()).catch((err: unknown) => err);

    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect(error).toMatchObject({ httpStatus: null, errorCode: null });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('times out a request that gets no answer and retries it', async () => {
    const impatient = createTwilioProvider({ apiBaseUrl: fake.url, baseDelayMs: 1, requestTimeoutMs: 200 });
    fake.hangNext(1);

    const result = await impatient.sendMessage(sendRequest());

    expect(result.ok).toBe(true);
    expect(fake.requests).toBe(2);
    expect(fake.messages).toHaveLength(1);
  });

  it('looks up the line type through the rewritten lookups host', async () => {
    fake.lineTypes.set('+15125550199', 'landline');
    try {
      expect(await provider.lookupLineType(account, '+15125550199')).toBe('landline');
      expect(await provider.lookupLineType(account, '+15125550123')).toBe('mobile');
    } finally {
      fake.lineTypes.delete('+15125550199');
    }
    expect(fake.lookups).toHaveLength(2);
    expect(fake.lookups[0]).toMatchObject({
      accountSid: account.accountSid,
      phoneNumber: '+15125550199',
      fields: ['line_type_intelligence'],
    });
  });

  it('looks up through the module-level lookupLineType', async () => {
    expect(await lookupLineType(account, '+15125550123', { apiBaseUrl: fake.url, baseDelayMs: 1 })).toBe('mobile');
    expect(fake.lookupRequests).toBe(1);
  });

  it('retries a lookup 500 and reports a lookup 4xx as TwilioRequestError', async () => {
    fake.failNext(1, { status: 500, endpoint: 'lookups' });
    expect(await provider.lookupLineType(account, '+15125550123')).toBe('mobile');
    expect(fake.lookupRequests).toBe(2);

    const error = await provider
      .lookupLineType({ ...account, authToken: 'wrong-token' }, '+15125550123')
      .catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TwilioRequestError);
    expect(error).toMatchObject({ httpStatus: 401, errorCode: 20003 });
  });
});

describe('fake Twilio API', () => {
  let fake: FakeTwilio;

  beforeAll(async () => {
    fake = await startFakeTwilio();
  });

  afterAll(async () => {
    await fake.close();
  });

  it("rejects a username that differs from the path's AccountSid with 401 20003", async () => {
    const response = await fetch(`${fake.url}/2010-04-01/Accounts/${account.accountSid}/Messages.json`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from('ACffffffffffffffffffffffffffffffff:token').toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ To: '+15125550123', From: '+15125550100', Body: 'hi' }).toString(),
    });

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 20003, message: 'Authenticate', status: 401 });
    expect(fake.messages).toHaveLength(0);
  });

  it('records calls and resolves waitForMessages when messages arrive', async () => {
    const auth = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
    const post = (path: string, form: Record<string, string>) =>
      fetch(`${fake.url}/2010-04-01/Accounts/${account.accountSid}/${path}`, {
        method: 'POST',
        headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      });

    const waiting = fake.waitForMessages(1, 2000);
    const sms = await post('Messages.json', { To: '+15125550123', From: '+15125550100', Body: 'hi' });
    expect(sms.status).toBe(201);
    expect(await sms.json()).toMatchObject({
      status: 'queued',
      direction: 'outbound-api',
      num_segments: '1',
      error_code: null,
    });
    expect(await waiting).toHaveLength(1);

    const call = await post('Calls.json', {
      To: '+15125550123',
      From: '+15125550100',
      Twiml: '<Response><Say>Hello</Say></Response>',
    });
    expect(call.status).toBe(201);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.sid).toMatch(/^CA[0-9a-f]{32}$/);

    await expect(fake.waitForMessages(2, 50)).rejects.toThrow(/expected 2 message/);
  });
});
