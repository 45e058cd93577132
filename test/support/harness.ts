/**
 * Starts Ringback for a test on a fresh database and a real port, with a controllable clock, and
 * sends Twilio-signed webhooks to it over HTTP, signed with the official SDK's algorithm.
 */
import { createServer, type AddressInfo } from 'node:net';
import pino from 'pino';
import twilio from 'twilio';
import { loadConfig } from '../../src/config.ts';
import { createOrganization } from '../../src/app/organizations.ts';
import { startRingback, type Ringback } from '../../src/runtime.ts';
import { freshDatabase } from './test-database.ts';

/** The base URL Twilio "requested": deliberately not the address the test connects to. */
export const PUBLIC_URL = 'https://ringback.test';
export const ACCOUNT_SID = `AC${'a'.repeat(32)}`;
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const ORG_NUMBER = '+15125550100';
export const FORWARD_TO = '+15125550199';

export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function testClock(startIso = '2026-11-18T16:00:00Z'): TestClock {
  let t = Date.parse(startIso);
  return { now: () => new Date(t), set: (iso) => (t = Date.parse(iso)), advance: (ms) => (t += ms) };
}

export interface TestRingback {
  rb: Ringback;
  baseUrl: string;
  /** The `PUBLIC_URL` this Ringback runs with (webhooks are signed over it). */
  publicUrl: string;
  clock: TestClock;
  org: { id: string; apiKey: string };
  /** POSTs a Twilio-signed form to `path` (path + query). `signature: null` sends none; a string sends that one. */
  twilio(path: string, params: Record<string, string>, opts?: { signature?: string | null; token?: string }): Promise<Response>;
  api(path: string, init?: RequestInit): Promise<Response>;
  /** Waits for every in-process effect run to finish. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (for a `PUBLIC_URL` that must equal the listening address). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * `publicAtListenAddress`: `PUBLIC_URL` is the address the server listens on (browser tests: cookies
 * and links must point where the browser goes); otherwise it is the fictional `PUBLIC_URL`.
 */
export async function startTestRingback(opts: { twilioApiBaseUrl: string; role?: 'all' | 'web'; clock?: TestClock; publicAtListenAddress?: boolean }): Promise<TestRingback> {
  const db = await freshDatabase();
  const clock = opts.clock ?? testClock();
  const port = opts.publicAtListenAddress ? await freePort() : 0;
  const publicUrl = opts.publicAtListenAddress ? `http://127.0.0.1:${port}` : PUBLIC_URL;
  const config = loadConfig({
    PUBLIC_URL: publicUrl,
    TWILIO_API_BASE_URL: opts.twilioApiBaseUrl,
    RINGBACK_SECRET: 'test-secret-0123456789abcdef',
    RINGBACK_ROLE: opts.role ?? 'all',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
  });
  const rb = await startRingback(config, { clock: clock.now, logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), database: db.options, seedDemo: false });
  const org = await createOrganization(rb.database.db, rb.ctx.cipher, {
    name: 'Acme Plumbing',
    timeZone: 'America/Chicago',
    number: ORG_NUMBER,
    forwardTo: [FORWARD_TO],
    twilioAccountSid: ACCOUNT_SID,
    twilioAuthToken: AUTH_TOKEN,
  });
  const baseUrl = await rb.app.listen({ port, host: '127.0.0.1' });
  return {
    rb,
    baseUrl,
    publicUrl,
    clock,
    org,
    twilio: (path, params, o = {}) => postTwilio(baseUrl, path, params, { publicUrl, ...o }),
    api(path, init = {}) {
      return fetch(baseUrl + path, { ...init, headers: { authorization: `Bearer ${org.apiKey}`, ...(init.headers ?? {}) } });
    },
    settle: () => rb.queue.idle(),
    async close() {
      // Browser tests leave pages open (live streams, polling queries): drop their connections so
      // closing the server never waits on a request a page keeps open.
      if (opts.publicAtListenAddress) rb.app.server.closeAllConnections();
      await rb.close();
      await db.drop();
    },
  };
}

/**
 * POSTs a form to `baseUrl + path` the way Twilio does, signed with `token` (default `AUTH_TOKEN`)
 * over `PUBLIC_URL + path` (path + query). `signature: null` sends none; a string sends that one.
 */
export function postTwilio(baseUrl: string, path: string, params: Record<string, string>, o: { signature?: string | null; token?: string; publicUrl?: string } = {}): Promise<Response> {
  const body = new URLSearchParams(params);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'TwilioProxy/1.1' };
  const signature = o.signature === undefined ? twilio.getExpectedTwilioSignature(o.token ?? AUTH_TOKEN, (o.publicUrl ?? PUBLIC_URL) + path, params) : o.signature;
  if (signature !== null) headers['x-twilio-signature'] = signature;
  return fetch(baseUrl + path, { method: 'POST', headers, body });
}

let seq = 0;
/** A Twilio-looking SID with the prefix (`CA`, `SM`, `RE`, `TR`). */
export function sid(prefix: string): string {
  seq += 1;
  return prefix + (Date.now().toString(16) + seq.toString(16).padStart(8, '0')).padStart(32, '0').slice(-32);
}

/** The fields Twilio posts to the `<Dial action>` (TWILIO.md), for a call from `from`. */
export function dialStatus(callSid: string, from: string, status: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    From: from,
    To: ORG_NUMBER,
    Caller: from,
    Called: ORG_NUMBER,
    FromCity: '',
    FromState: 'TX',
    FromZip: '',
    FromCountry: 'US',
    ToCity: 'AUSTIN',
    ToState: 'TX',
    ToZip: '',
    ToCountry: 'US',
    DialCallStatus: status,
    DialCallSid: sid('CA'),
    ...extra,
  };
}

/** The fields of an incoming SMS webhook. */
export function inboundSms(from: string, body: string, messageSid = sid('SM')): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    MessageSid: messageSid,
    SmsSid: messageSid,
    SmsMessageSid: messageSid,
    SmsStatus: 'received',
    From: from,
    To: ORG_NUMBER,
    Body: body,
    NumMedia: '0',
    NumSegments: '1',
    FromCity: '',
    FromState: '',
    FromZip: '',
    FromCountry: 'US',
    ToCity: '',
    ToState: '',
    ToZip: '',
    ToCountry: 'US',
  };
}
