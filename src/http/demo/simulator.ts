/**
 * The phone simulator's server side: it plays Twilio for organizations on the simulator provider.
 * A simulated call or text becomes the Twilio-shaped form requests Twilio would send (TWILIO.md),
 * signed with the organization's own auth token and injected into the real webhook routes, so the
 * demo runs exactly the path a real call takes. Organizations on Twilio are never reachable here.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import twilio from 'twilio';
import { z } from 'zod';
import { findOrganizationByNumber, listOrganizations, type OrganizationRow, type PhoneNumberRow } from '../../app/organizations.ts';
import { normalizeE164 } from '../../core/phone/normalize-e164.ts';
import { contacts, events, messages } from '../../db/schema.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { AppContext } from '../context.ts';

/** A phone number in any format libphonenumber-js reads (US default), as E.164. */
const phone = z.string().transform((v, c) => {
  const e164 = normalizeE164(v);
  if (!e164) {
    c.addIssue({ code: 'custom', message: `"${v}" is not a valid phone number (e.g. +15125550123)` });
    return z.NEVER;
  }
  return e164;
});

/** Body of `POST /demo/simulator/call`. `voicemail` (missed calls only) also plays the recording and transcription callbacks. */
export const simulatorCallBody = z.object({
  from: phone,
  to: phone,
  answered: z.boolean(),
  voicemail: z.string().trim().max(1000).optional(),
});

/** Body of `POST /demo/simulator/sms`. */
export const simulatorSmsBody = z.object({
  from: phone,
  to: phone,
  body: z.string().trim().min(1, 'must not be empty').max(1600),
});

/** Query of `GET /demo/simulator/thread`: the homeowner's number (`from`) and the business number (`to`). */
export const simulatorThreadQuery = z.object({ from: phone, to: phone });

/** A simulator organization's number as the pages list it. */
export interface SimulatorNumber {
  organizationId: string;
  organizationName: string;
  numberE164: string;
}

/** Every number of every organization on the simulator provider, oldest organization first. */
export async function listSimulatorNumbers(db: Db): Promise<SimulatorNumber[]> {
  const orgs = await listOrganizations(db);
  return orgs
    .filter((o) => o.provider === 'simulator')
    .flatMap((o) => o.numbers.map((n) => ({ organizationId: o.id, organizationName: o.name, numberE164: n })));
}

/**
 * The simulator organization that owns `numberE164`. Throws `AppError(RB_ERR_NOT_FOUND)` when no
 * organization owns it or its owner is on Twilio (the same answer, so real numbers are not probed).
 */
export async function findSimulatorOrganization(db: Db, numberE164: string): Promise<{ org: OrganizationRow; number: PhoneNumberRow }> {
  const found = await findOrganizationByNumber(db, numberE164);
  if (!found || found.org.provider !== 'simulator') throw new AppError('RB_ERR_NOT_FOUND', `No simulator organization owns ${numberE164}.`);
  return found;
}

/** A webhook the simulator sent that Ringback refused; the route answers with Ringback's own response. */
export class SimulatedWebhookRejected extends Error {
  constructor(
    readonly path: string,
    readonly response: LightMyRequestResponse,
  ) {
    super(`${path} answered ${response.statusCode}`);
    this.name = 'SimulatedWebhookRejected';
  }
}

/** One webhook request the simulator sent, and how Ringback answered it. */
export interface SimulatedStep {
  path: string;
  status: number;
}

const hex32 = () => randomBytes(16).toString('hex');
const country = (e164: string) => parsePhoneNumberFromString(e164)?.country ?? '';

/** The parameters Twilio puts on every voice and messaging webhook (geo fields empty when unknown). */
function commonParams(org: OrganizationRow, from: string, to: string): Record<string, string> {
  return {
    AccountSid: org.twilioAccountSid ?? '',
    ApiVersion: '2010-04-01',
    From: from,
    To: to,
    FromCity: '',
    FromState: '',
    FromZip: '',
    FromCountry: country(from),
    ToCity: '',
    ToState: '',
    ToZip: '',
    ToCountry: country(to),
  };
}

function callParams(org: OrganizationRow, from: string, to: string, callSid: string, callStatus: string): Record<string, string> {
  return {
    ...commonParams(org, from, to),
    CallSid: callSid,
    CallStatus: callStatus,
    Direction: 'inbound',
    Caller: from,
    Called: to,
    CallerCity: '',
    CallerState: '',
    CallerZip: '',
    CallerCountry: country(from),
    CalledCity: '',
    CalledState: '',
    CalledZip: '',
    CalledCountry: country(to),
  };
}

/** POSTs `params` to `pathAndQuery` as Twilio would: form-encoded, signed over `PUBLIC_URL` + path + query. */
async function postSigned(app: FastifyInstance, ctx: AppContext, org: OrganizationRow, pathAndQuery: string, params: Record<string, string>): Promise<LightMyRequestResponse> {
  const authToken = ctx.cipher.decrypt(org.twilioAuthTokenEnc ?? '');
  const signature = twilio.getExpectedTwilioSignature(authToken, ctx.config.PUBLIC_URL + pathAndQuery, params);
  const response = await app.inject({
    method: 'POST',
    url: pathAndQuery,
    payload: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'TwilioProxy/1.1',
      'i-twilio-idempotency-token': randomBytes(16).toString('hex'),
      'x-twilio-signature': signature,
    },
  });
  if (response.statusCode >= 400) throw new SimulatedWebhookRejected(pathAndQuery.split('?')[0] ?? pathAndQuery, response);
  return response;
}

/** Reads an attribute of the first TwiML element that has it (`&amp;` and friends unescaped). */
function twimlAttribute(twiml: string, name: string): string | null {
  // The voicemail's `<Record>` carries the callbacks (a voice-triage `<Gather>` before it has its own action).
  const record = /<Record\b[^>]*>/.exec(twiml)?.[0] ?? twiml;
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(record);
  if (!m?.[1]) return null;
  return m[1].replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The path + query of a callback URL Ringback put in its TwiML (it is always under `PUBLIC_URL`). */
function callbackPath(ctx: AppContext, url: string | null): string | null {
  if (!url?.startsWith(`${ctx.config.PUBLIC_URL}/`)) return null;
  return url.slice(ctx.config.PUBLIC_URL.length);
}

/**
 * Simulates an inbound call from `from` to the simulator organization's number `to`: the incoming
 * call webhook, then the `<Dial>` action with `no-answer` (or `completed` + `DialBridged=true` when a
 * person answers). A missed call with `voicemail` words then plays the `<Record>` callbacks that
 * Ringback's TwiML asked for (record action, recording status, transcription).
 * Throws `AppError(RB_ERR_NOT_FOUND)` for a number no simulator organization owns and
 * `SimulatedWebhookRejected` when a webhook is refused.
 */
export async function simulateCall(
  app: FastifyInstance,
  ctx: AppContext,
  input: z.infer<typeof simulatorCallBody>,
): Promise<{ callSid: string; answered: boolean; steps: SimulatedStep[] }> {
  const { org } = await findSimulatorOrganization(ctx.database.db, input.to);
  const callSid = `CA${hex32()}`;
  const steps: SimulatedStep[] = [];
  const post = async (pathAndQuery: string, params: Record<string, string>) => {
    const res = await postSigned(app, ctx, org, pathAndQuery, params);
    steps.push({ path: pathAndQuery.split('?')[0] ?? pathAndQuery, status: res.statusCode });
    return res;
  };

  await post('/webhooks/twilio/voice', callParams(org, input.from, input.to, callSid, 'ringing'));
  const dial: Record<string, string> = {
    ...callParams(org, input.from, input.to, callSid, 'in-progress'),
    DialCallSid: `CA${hex32()}`,
    DialCallStatus: input.answered ? 'completed' : 'no-answer',
    DialBridged: input.answered ? 'true' : 'false',
  };
  if (input.answered) dial.DialCallDuration = String(30 + Math.floor(Math.random() * 150));
  const dialResponse = await post('/webhooks/twilio/voice/dial-status', dial);

  const words = input.voicemail?.trim();
  if (!input.answered && words) {
    const twiml = dialResponse.body;
    const recordingSid = `RE${hex32()}`;
    const recordingUrl = `https://api.twilio.com/2010-04-01/Accounts/${org.twilioAccountSid ?? ''}/Recordings/${recordingSid}`;
    const duration = String(Math.max(3, Math.round(words.split(/\s+/).length * 0.4)));
    const recording = { RecordingSid: recordingSid, RecordingUrl: recordingUrl, RecordingDuration: duration };
    const actionPath = callbackPath(ctx, twimlAttribute(twiml, 'action'));
    if (actionPath) await post(actionPath, { ...callParams(org, input.from, input.to, callSid, 'completed'), ...recording, Digits: 'hangup' });
    const recordingPath = callbackPath(ctx, twimlAttribute(twiml, 'recordingStatusCallback'));
    if (recordingPath) {
      await post(recordingPath, {
        AccountSid: org.twilioAccountSid ?? '',
        CallSid: callSid,
        ...recording,
        RecordingStatus: 'completed',
        RecordingChannels: '1',
        RecordingSource: 'RecordVerb',
        RecordingStartTime: ctx.clock().toUTCString().replace('GMT', '+0000'),
      });
    }
    const transcriptionPath = callbackPath(ctx, twimlAttribute(twiml, 'transcribeCallback'));
    if (transcriptionPath) {
      const transcriptionSid = `TR${hex32()}`;
      await post(transcriptionPath, {
        ...callParams(org, input.from, input.to, callSid, 'completed'),
        RecordingSid: recordingSid,
        RecordingUrl: recordingUrl,
        TranscriptionSid: transcriptionSid,
        TranscriptionStatus: 'completed',
        TranscriptionText: words,
        TranscriptionType: 'fast',
        TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${org.twilioAccountSid ?? ''}/Transcriptions/${transcriptionSid}`,
      });
    }
  }
  return { callSid, answered: input.answered, steps };
}

/**
 * Simulates a text from `from` to the simulator organization's number `to` through the incoming
 * message webhook. Same errors as `simulateCall`.
 */
export async function simulateSms(
  app: FastifyInstance,
  ctx: AppContext,
  input: z.infer<typeof simulatorSmsBody>,
): Promise<{ messageSid: string; steps: SimulatedStep[] }> {
  const { org } = await findSimulatorOrganization(ctx.database.db, input.to);
  const messageSid = `SM${hex32()}`;
  const params: Record<string, string> = {
    ...commonParams(org, input.from, input.to),
    MessageSid: messageSid,
    SmsSid: messageSid,
    SmsMessageSid: messageSid,
    SmsStatus: 'received',
    Body: input.body,
    NumMedia: '0',
    NumSegments: String(Math.max(1, Math.ceil(input.body.length / 153))),
  };
  if (org.messagingServiceSid) params.MessagingServiceSid = org.messagingServiceSid;
  const res = await postSigned(app, ctx, org, '/webhooks/twilio/sms', params);
  return { messageSid, steps: [{ path: '/webhooks/twilio/sms', status: res.statusCode }] };
}

/** The conversation between a homeowner and a simulator organization, as the simulator page shows it. */
export interface SimulatorThread {
  business: { organizationId: string; name: string; numberE164: string };
  homeowner: { numberE164: string; optedOut: boolean };
  /** Oldest first. `from`/`to` are the two numbers of the thread (the business side is the number asked about). */
  messages: Array<{
    id: string;
    direction: 'inbound' | 'outbound';
    from: string;
    to: string;
    body: string;
    status: string;
    purpose: string;
    automated: boolean;
    errorCode: number | null;
    createdAt: string;
    sentAt: string | null;
  }>;
  /** Calls from the homeowner, oldest first: `missed` with its dial status, or `answered`. */
  calls: Array<{ callSid: string | null; outcome: 'missed' | 'answered'; dialCallStatus: string | null; at: string }>;
}

/**
 * Messages and calls between `from` (the homeowner) and the simulator organization that owns `to`,
 * oldest first (at most the latest 200 of each). Throws `AppError(RB_ERR_NOT_FOUND)` like `simulateCall`.
 */
export async function loadSimulatorThread(db: Db, input: z.infer<typeof simulatorThreadQuery>): Promise<SimulatorThread> {
  const { org } = await findSimulatorOrganization(db, input.to);
  const [contact] = await db
    .select({ id: contacts.id, optedOutAt: contacts.optedOutAt })
    .from(contacts)
    .where(and(eq(contacts.organizationId, org.id), eq(contacts.phoneE164, input.from)));
  const thread: SimulatorThread = {
    business: { organizationId: org.id, name: org.name, numberE164: input.to },
    homeowner: { numberE164: input.from, optedOut: Boolean(contact?.optedOutAt) },
    messages: [],
    calls: [],
  };
  if (!contact) return thread;
  // Rows written in one transaction share `created_at`: a customer's message comes before our answer to it.
  const inboundFirst = sql`case when ${messages.direction} = 'inbound' then 0 else 1 end`;
  const [msgs, calls] = await Promise.all([
    db
      .select()
      .from(messages)
      .where(and(eq(messages.organizationId, org.id), eq(messages.contactId, contact.id)))
      .orderBy(desc(messages.createdAt), sql`${inboundFirst} desc`)
      .limit(200),
    db
      .select({ type: events.type, at: events.at, data: events.data })
      .from(events)
      .where(and(eq(events.organizationId, org.id), eq(events.contactId, contact.id), inArray(events.type, ['call_missed', 'call_answered'])))
      .orderBy(desc(events.id))
      .limit(200),
  ]);
  thread.messages = msgs.reverse().map((m) => ({
    id: m.id,
    direction: m.direction,
    from: m.direction === 'inbound' ? input.from : input.to,
    to: m.direction === 'inbound' ? input.to : input.from,
    body: m.body,
    status: m.status,
    purpose: m.purpose,
    automated: m.automated,
    errorCode: m.errorCode,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
  thread.calls = calls.reverse().map((e) => ({
    callSid: typeof e.data.callSid === 'string' ? e.data.callSid : null,
    outcome: e.type === 'call_missed' ? 'missed' : 'answered',
    dialCallStatus: typeof e.data.dialCallStatus === 'string' ? e.data.dialCallStatus : null,
    at: e.at.toISOString(),
  }));
  return thread;
}
