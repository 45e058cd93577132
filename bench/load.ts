/**
 * The load generator: signed Twilio `<Dial action>` webhooks (`DialCallStatus=no-answer`), one per
 * missed call, each from a caller never seen before, sent open-loop at a fixed rate to 127.0.0.1.
 */
import { performance } from 'node:perf_hooks';
import twilio from 'twilio';
import { normalizeE164 } from '../src/core/phone/normalize-e164.ts';
import { ACCOUNT_SID, AUTH_TOKEN, ORG_NUMBER } from './bench-database.ts';

/** The base URL the "Twilio" requests are signed against; requests go to the server's 127.0.0.1 port. */
export const PUBLIC_URL = 'https://ringback.bench';
export const DIAL_STATUS_PATH = '/webhooks/twilio/voice/dial-status';

/** One missed call and what became of it. */
export interface Call {
  phase: string;
  callSid: string;
  from: string;
  body: string;
  signature: string;
  /** Epoch ms when the request was handed to the HTTP client. */
  sentAt: number;
  /** How late the generator sent it against its schedule (ms). */
  lagMs: number;
  /** Epoch ms of the response, or null (no response: `error`). */
  respondedAt: number | null;
  status: number | null;
  error: string | null;
  /** Epoch ms when the fake Twilio API received each text to `from`. */
  textsAt: number[];
}

/** Unique, valid US caller numbers: +1 512/737, exchange 200–999 except 555, random-order line numbers. */
export class Callers {
  private n = 0;
  private readonly salt = Math.floor(Math.random() * 10_000);
  next(): string {
    for (;;) {
      const i = this.n++;
      const areaCode = i % 2 === 0 ? '512' : '737';
      const j = Math.floor(i / 2);
      const exchange = 200 + (Math.floor(j / 10_000) % 800);
      if (exchange === 555) continue;
      const line = String(((j % 10_000) * 7919 + this.salt) % 10_000).padStart(4, '0');
      const e164 = normalizeE164(`+1${areaCode}${exchange}${line}`);
      if (e164) return e164;
    }
  }
}

let sidSeq = 0;
function callSid(): string {
  sidSeq++;
  return `CA${(Date.now().toString(16) + sidSeq.toString(16).padStart(10, '0')).padStart(32, '0').slice(-32)}`;
}

/** Builds (and signs) `count` missed calls ahead of time, so the send loop only sends. */
export function buildCalls(phase: string, count: number, callers: Callers): Call[] {
  const calls: Call[] = [];
  for (let i = 0; i < count; i++) {
    const from = callers.next();
    const sid = callSid();
    const params: Record<string, string> = {
      AccountSid: ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: sid,
      CallStatus: 'in-progress',
      Direction: 'inbound',
      From: from,
      To: ORG_NUMBER,
      Caller: from,
      Called: ORG_NUMBER,
      FromCity: 'AUSTIN',
      FromState: 'TX',
      FromZip: '',
      FromCountry: 'US',
      ToCity: 'AUSTIN',
      ToState: 'TX',
      ToZip: '',
      ToCountry: 'US',
      DialCallStatus: 'no-answer',
      DialCallSid: callSid(),
      DialBridged: 'false',
    };
    calls.push({
      phase,
      callSid: sid,
      from,
      body: new URLSearchParams(params).toString(),
      signature: twilio.getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + DIAL_STATUS_PATH, params),
      sentAt: 0,
      lagMs: 0,
      respondedAt: null,
      status: null,
      error: null,
      textsAt: [],
    });
  }
  return calls;
}

/**
 * Sends `calls` open-loop at `rate` per second: request i goes out at start + i/rate whatever the
 * earlier responses do. Resolves when the last request was sent, with a promise for the responses.
 */
export async function sendOpenLoop(baseUrl: string, calls: Call[], rate: number): Promise<{ sentMs: number; responses: Promise<void> }> {
  const url = baseUrl + DIAL_STATUS_PATH;
  const pending: Promise<void>[] = [];
  const fire = (call: Call) => {
    call.sentAt = Date.now();
    pending.push(
      fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'user-agent': 'TwilioProxy/1.1',
          'x-twilio-signature': call.signature,
          'i-twilio-idempotency-token': call.callSid,
        },
        body: call.body,
        signal: AbortSignal.timeout(30_000),
      })
        .then(async (res) => {
          await res.arrayBuffer();
          call.respondedAt = Date.now();
          call.status = res.status;
        })
        .catch((err: unknown) => {
          call.error = err instanceof Error ? err.message : String(err);
        }),
    );
  };
  const start = performance.now() + 5;
  const interval = 1000 / rate;
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (i < calls.length && start + i * interval <= now) {
        const call = calls[i]!;
        call.lagMs = now - (start + i * interval);
        fire(call);
        i++;
      }
      if (i >= calls.length) return resolve();
      setTimeout(tick, Math.max(0, start + i * interval - performance.now()));
    };
    setTimeout(tick, 5);
  });
  return { sentMs: performance.now() - start, responses: Promise.all(pending).then(() => {}) };
}
