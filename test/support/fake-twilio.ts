/**
 * A local fake of the parts of Twilio's REST API that Ringback calls (/work/shared/TWILIO.md, "REST API
 * the product calls"), for integration tests: point `TWILIO_API_BASE_URL` at `fake.url`.
 *
 * - `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`: send an SMS (201 + message resource).
 * - `POST /2010-04-01/Accounts/{AccountSid}/Calls.json`: start a call (201 + call resource).
 * - `GET /v2/PhoneNumbers/{E.164}?Fields=line_type_intelligence`: Lookup v2 (lookups.twilio.com's path).
 *
 * Requests use HTTP Basic auth (AccountSid:AuthToken) and form-encoded bodies; errors are Twilio's JSON
 * `{code, message, more_info, status}`. Failures and hangs can be scripted per endpoint. The fake sends
 * no status callbacks.
 */
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';

/** An SMS the fake accepted (answered 201). */
export interface FakeTwilioMessage {
  /** The AccountSid of the request path (authenticated). */
  accountSid: string;
  to: string;
  /** `From` as sent; `null` when only `MessagingServiceSid` was given. */
  from: string | null;
  messagingServiceSid?: string;
  body: string;
  statusCallback?: string;
  /** `SM` + 32 hex. */
  sid: string;
  /** `Date.now()` when the request arrived, in epoch milliseconds. */
  receivedAt: number;
  /** Every form field as sent (last value wins for repeated fields). */
  params: Record<string, string>;
}

/** A call the fake accepted (answered 201). */
export interface FakeTwilioCall {
  accountSid: string;
  to: string;
  from: string;
  twiml?: string;
  url?: string;
  statusCallback?: string;
  /** `CA` + 32 hex. */
  sid: string;
  /** Epoch milliseconds. */
  receivedAt: number;
  params: Record<string, string>;
}

/** A Lookup v2 request the fake answered 200. */
export interface FakeTwilioLookup {
  /** The Basic-auth username. */
  accountSid: string;
  phoneNumber: string;
  /** `Fields` split on commas, e.g. `['line_type_intelligence']`. */
  fields: string[];
  /** Epoch milliseconds. */
  receivedAt: number;
}

/** The endpoints a failure or hang can be scripted on. */
export type FakeTwilioEndpoint = 'messages' | 'calls' | 'lookups';

/** A scripted error answer. */
export interface FakeTwilioFailure {
  /** HTTP status, e.g. 500, 429, 400. */
  status: number;
  /**
   * Twilio error code, e.g. 21610. Defaults by status: 401 → 20003, 404 → 20404, 429 → 20429,
   * 500 → 20500, 503 → 20503, otherwise `null`.
   */
  code?: number | null;
  message?: string;
  /** Which endpoint fails (default `messages`). */
  endpoint?: FakeTwilioEndpoint;
}

/** A running fake Twilio API. */
export interface FakeTwilio {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Accepted messages, oldest first. */
  readonly messages: FakeTwilioMessage[];
  /** Accepted calls, oldest first. */
  readonly calls: FakeTwilioCall[];
  /** Answered lookups, oldest first. */
  readonly lookups: FakeTwilioLookup[];
  /** Message-create requests received: accepted, refused, failed and hung ones alike. */
  readonly requests: number;
  /** Call-create requests received. */
  readonly callRequests: number;
  /** Lookup requests received. */
  readonly lookupRequests: number;
  /**
   * When not empty, the Basic-auth password must equal the token listed for the username
   * (AccountSid → AuthToken); unlisted usernames get 401. When empty, any non-empty password passes.
   */
  readonly tokens: Map<string, string>;
  /** Line type per E.164 number for lookups; numbers not listed are `mobile`; `null` gives no type. */
  readonly lineTypes: Map<string, string | null>;
  /**
   * Answers the next `n` requests to `failure.endpoint` (default `messages`) with `failure` instead of
   * handling them (after authentication). Scripted failures and hangs are consumed in the order queued.
   */
  failNext(n: number, failure: FakeTwilioFailure): void;
  /**
   * Never answers the next `n` requests to `endpoint` (default `messages`); the connection stays open
   * until the client gives up or `close()`. The requests still count, but nothing is recorded.
   */
  hangNext(n: number, endpoint?: FakeTwilioEndpoint): void;
  /**
   * Resolves with a copy of `messages` as soon as it holds at least `count` messages; rejects after
   * `timeoutMs` milliseconds (default 5000) with an error that gives the count reached.
   */
  waitForMessages(count: number, timeoutMs?: number): Promise<FakeTwilioMessage[]>;
  /** Like `waitForMessages`, for `calls`. */
  waitForCalls(count: number, timeoutMs?: number): Promise<FakeTwilioCall[]>;
  /**
   * Forgets recorded traffic, counters and scripted failures/hangs. `tokens` and `lineTypes` are
   * configuration and are kept.
   */
  reset(): void;
  /** Stops the server, dropping hung connections. */
  close(): Promise<void>;
}

const API_VERSION = '2010-04-01';
const E164 = /^\+[1-9]\d{1,14}$/;
/** Twilio's cap on a message body, in characters (error 21617). */
const MAX_BODY_CHARS = 1600;

type ScriptStep = { kind: 'fail'; failure: FakeTwilioFailure } | { kind: 'hang' };
type Form = Record<string, string>;

class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Starts a fake Twilio REST API on 127.0.0.1 on a free port. Call `close()` when done. */
export async function startFakeTwilio(): Promise<FakeTwilio> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const events = new EventEmitter();
  const scripts: Record<FakeTwilioEndpoint, ScriptStep[]> = { messages: [], calls: [], lookups: [] };
  const counters: Record<FakeTwilioEndpoint, number> = { messages: 0, calls: 0, lookups: 0 };
  const messages: FakeTwilioMessage[] = [];
  const calls: FakeTwilioCall[] = [];
  const lookups: FakeTwilioLookup[] = [];
  const tokens = new Map<string, string>();
  const lineTypes = new Map<string, string | null>();

  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof TwilioApiError) {
      return sendError(reply, error.status, error.code, error.message);
    }
    const status =
      typeof (error as { statusCode?: unknown }).statusCode === 'number'
        ? (error as { statusCode: number }).statusCode
        : 500;
    return sendError(reply, status, null, error instanceof Error ? error.message : String(error));
  });

  app.setNotFoundHandler((request, reply) =>
    sendError(reply, 404, 20404, `The requested resource ${request.url} was not found`),
  );

  /**
   * Counts the request, authenticates it, then plays the next scripted step. Returns false when the
   * request was answered (or hung) here and the handler must stop.
   */
  function admit(
    endpoint: FakeTwilioEndpoint,
    request: FastifyRequest,
    reply: FastifyReply,
    pathAccountSid: string | null,
  ): { accountSid: string } | null {
    counters[endpoint]++;
    const username = authenticate(request, pathAccountSid);
    if (username === null) {
      void reply.header('WWW-Authenticate', 'Basic realm="Twilio API"');
      void sendError(reply, 401, 20003, 'Authenticate');
      return null;
    }
    const step = scripts[endpoint].shift();
    if (step?.kind === 'hang') {
      reply.hijack(); // never answered; the socket closes when the client aborts or on close()
      return null;
    }
    if (step?.kind === 'fail') {
      const { status, message } = step.failure;
      const code = step.failure.code === undefined ? defaultCode(status) : step.failure.code;
      void sendError(reply, status, code, message ?? defaultMessage(status));
      return null;
    }
    return { accountSid: username };
  }

  /** Returns the Basic-auth username when the credentials pass, else `null`. */
  function authenticate(request: FastifyRequest, pathAccountSid: string | null): string | null {
    const header = request.headers.authorization;
    if (typeof header !== 'string' || !/^basic /i.test(header)) return null;
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (password === '') return null;
    if (pathAccountSid !== null && username !== pathAccountSid) return null;
    if (tokens.size > 0 && tokens.get(username) !== password) return null;
    return username;
  }

  app.post<{ Params: { AccountSid: string } }>(
    `/${API_VERSION}/Accounts/:AccountSid/Messages.json`,
    async (request, reply) => {
      const receivedAt = Date.now();
      const admitted = admit('messages', request, reply, request.params.AccountSid);
      if (admitted === null) return reply;
      const form = formOf(request);
      const to = form.To;
      const from = form.From;
      const messagingServiceSid = form.MessagingServiceSid;
      const body = form.Body;
      if (!to) throw new TwilioApiError(400, 21604, "A 'To' phone number is required.");
      if (!E164.test(to)) throw new TwilioApiError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
      if (!from && !messagingServiceSid) {
        throw new TwilioApiError(400, 21603, "A 'From' phone number is required.");
      }
      if (!body && !form.MediaUrl && !form.ContentSid) {
        throw new TwilioApiError(400, 21602, 'Message body is required.');
      }
      if ((body ?? '').length > MAX_BODY_CHARS) {
        throw new TwilioApiError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
      }
      if (form.StatusCallback !== undefined && !isHttpUrl(form.StatusCallback)) {
        throw new TwilioApiError(400, 21609, 'Invalid StatusCallback url');
      }

      const sid = newSid('SM');
      const record: FakeTwilioMessage = {
        accountSid: admitted.accountSid,
        to,
        from: from || null,
        body: body ?? '',
        sid,
        receivedAt,
        params: form,
      };
      if (messagingServiceSid) record.messagingServiceSid = messagingServiceSid;
      if (form.StatusCallback !== undefined) record.statusCallback = form.StatusCallback;
      messages.push(record);
      events.emit('message');

      const now = twilioDate(receivedAt);
      const uri = `/${API_VERSION}/Accounts/${record.accountSid}/Messages/${sid}`;
      return reply.code(201).send({
        account_sid: record.accountSid,
        api_version: API_VERSION,
        body: record.body,
        date_created: now,
        date_sent: null,
        date_updated: now,
        direction: 'outbound-api',
        error_code: null,
        error_message: null,
        from: record.from,
        messaging_service_sid: messagingServiceSid || null,
        num_media: '0',
        num_segments: String(segmentCount(record.body)),
        price: null,
        price_unit: 'USD',
        sid,
        // Twilio answers `accepted` when a Messaging Service will pick the sender, else `queued`.
        status: messagingServiceSid ? 'accepted' : 'queued',
        subresource_uris: { media: `${uri}/Media.json`, feedback: `${uri}/Feedback.json` },
        to,
        uri: `${uri}.json`,
      });
    },
  );

  app.post<{ Params: { AccountSid: string } }>(
    `/${API_VERSION}/Accounts/:AccountSid/Calls.json`,
    async (request, reply) => {
      const receivedAt = Date.now();
      const admitted = admit('calls', request, reply, request.params.AccountSid);
      if (admitted === null) return reply;
      const form = formOf(request);
      const { To: to, From: from } = form;
      if (!to) throw new TwilioApiError(400, 21201, "No 'To' number is specified");
      if (!from) throw new TwilioApiError(400, 21213, "No 'From' number is specified");
      if (!form.Url && !form.Twiml && !form.ApplicationSid) {
        throw new TwilioApiError(400, 21205, "A 'Url', 'Twiml' or 'ApplicationSid' parameter is required.");
      }
      const sid = newSid('CA');
      const record: FakeTwilioCall = { accountSid: admitted.accountSid, to, from, sid, receivedAt, params: form };
      if (form.Twiml !== undefined) record.twiml = form.Twiml;
      if (form.Url !== undefined) record.url = form.Url;
      if (form.StatusCallback !== undefined) record.statusCallback = form.StatusCallback;
      calls.push(record);
      events.emit('call');

      const now = twilioDate(receivedAt);
      const uri = `/${API_VERSION}/Accounts/${record.accountSid}/Calls/${sid}`;
      return reply.code(201).send({
        account_sid: record.accountSid,
        answered_by: null,
        api_version: API_VERSION,
        caller_name: null,
        date_created: now,
        date_updated: now,
        direction: 'outbound-api',
        duration: null,
        end_time: null,
        forwarded_from: null,
        from,
        from_formatted: from,
        group_sid: null,
        parent_call_sid: null,
        phone_number_sid: null,
        price: null,
        price_unit: 'USD',
        queue_time: '0',
        sid,
        start_time: null,
        status: 'queued',
        subresource_uris: {
          notifications: `${uri}/Notifications.json`,
          recordings: `${uri}/Recordings.json`,
          events: `${uri}/Events.json`,
        },
        to,
        to_formatted: to,
        trunk_sid: null,
        uri: `${uri}.json`,
      });
    },
  );

  app.get<{ Params: { phoneNumber: string }; Querystring: { Fields?: string } }>(
    '/v2/PhoneNumbers/:phoneNumber',
    async (request, reply) => {
      const receivedAt = Date.now();
      const admitted = admit('lookups', request, reply, null);
      if (admitted === null) return reply;
      const phoneNumber = request.params.phoneNumber;
      const fields = (request.query.Fields ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter((f) => f !== '');
      lookups.push({ accountSid: admitted.accountSid, phoneNumber, fields, receivedAt });
      const valid = E164.test(phoneNumber);
      const lineType = lineTypes.has(phoneNumber) ? (lineTypes.get(phoneNumber) ?? null) : 'mobile';
      const wantsLineType = valid && fields.includes('line_type_intelligence');
      return reply.code(200).send({
        calling_country_code: valid && phoneNumber.startsWith('+1') ? '1' : null,
        country_code: valid && phoneNumber.startsWith('+1') ? 'US' : null,
        phone_number: phoneNumber,
        national_format: null,
        valid,
        validation_errors: valid ? [] : ['NOT_A_NUMBER'],
        caller_name: null,
        sim_swap: null,
        call_forwarding: null,
        line_status: null,
        line_type_intelligence: wantsLineType
          ? {
              carrier_name: null,
              error_code: null,
              mobile_country_code: null,
              mobile_network_code: null,
              type: lineType,
            }
          : null,
        identity_match: null,
        reassigned_number: null,
        sms_pumping_risk: null,
        phone_number_quality_score: null,
        pre_fill: null,
        url: `https://lookups.twilio.com/v2/PhoneNumbers/${phoneNumber}`,
      });
    },
  );

  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const url = address.replace(/\/+$/, '');

  function waitFor<T>(event: string, list: T[], count: number, timeoutMs: number): Promise<T[]> {
    if (list.length >= count) return Promise.resolve(list.slice());
    return new Promise((resolve, reject) => {
      const onEvent = (): void => {
        if (list.length < count) return;
        cleanup();
        resolve(list.slice());
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(`fake Twilio: expected ${count} ${event}(s) within ${timeoutMs} ms, got ${list.length}`),
        );
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        events.off(event, onEvent);
      };
      events.on(event, onEvent);
    });
  }

  return {
    url,
    messages,
    calls,
    lookups,
    get requests() {
      return counters.messages;
    },
    get callRequests() {
      return counters.calls;
    },
    get lookupRequests() {
      return counters.lookups;
    },
    tokens,
    lineTypes,
    failNext(n, failure) {
      const steps = scripts[failure.endpoint ?? 'messages'];
      for (let i = 0; i < n; i++) steps.push({ kind: 'fail', failure });
    },
    hangNext(n, endpoint = 'messages') {
      for (let i = 0; i < n; i++) scripts[endpoint].push({ kind: 'hang' });
    },
    waitForMessages(count, timeoutMs = 5000) {
      return waitFor('message', messages, count, timeoutMs);
    },
    waitForCalls(count, timeoutMs = 5000) {
      return waitFor('call', calls, count, timeoutMs);
    },
    reset() {
      messages.length = 0;
      calls.length = 0;
      lookups.length = 0;
      for (const endpoint of ['messages', 'calls', 'lookups'] as const) {
        counters[endpoint] = 0;
        scripts[endpoint].length = 0;
      }
    },
    async close() {
      await app.close();
    },
  };
}

function formOf(request: FastifyRequest): Form {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return {};
  return body as Form;
}

function sendError(reply: FastifyReply, status: number, code: number | null, message: string): FastifyReply {
  return reply.code(status).send({
    code,
    message,
    more_info: code === null ? null : `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
}

function defaultCode(status: number): number | null {
  switch (status) {
    case 401:
      return 20003;
    case 404:
      return 20404;
    case 429:
      return 20429;
    case 500:
      return 20500;
    case 503:
      return 20503;
    default:
      return null;
  }
}

function defaultMessage(status: number): string {
  switch (status) {
    case 429:
      return 'Too Many Requests';
    case 500:
      return 'Internal Server Error';
    case 503:
      return 'Service Unavailable';
    default:
      return `HTTP ${status}`;
  }
}

function newSid(prefix: 'SM' | 'CA'): string {
  return prefix + randomBytes(16).toString('hex');
}

function isHttpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Twilio's RFC 2822 dates: `Thu, 24 Aug 2023 05:01:45 +0000`. */
function twilioDate(epochMs: number): string {
  return new Date(epochMs).toUTCString().replace('GMT', '+0000');
}

/** GSM 03.38 basic character set (one septet each) and its extension table (two septets each). */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENDED = '\f^{}\\[~]|€';

/**
 * SMS segments for `body`: GSM-7 when every character fits (160 septets, 153 per part when split),
 * otherwise UCS-2 (70 UTF-16 units, 67 per part). At least 1.
 */
function segmentCount(body: string): number {
  let septets = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM7_BASIC.includes(ch)) septets += 1;
    else if (GSM7_EXTENDED.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
}
