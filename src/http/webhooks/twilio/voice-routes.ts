/**
 * Voice webhooks: the incoming call (`<Dial>` the forward-to numbers), the Dial action (answered or
 * missed → voicemail), the voicemail's recording and transcription callbacks.
 */
import type { FastifyInstance } from 'fastify';
import twilio from 'twilio';
import type { MissedDialStatus } from '../../../core/lead/inputs.ts';
import { recordLeadInput } from '../../../app/record-lead-input.ts';
import type { AppContext } from '../../context.ts';
import { findOpenLeadIdByPhone } from '../../../app/lead-store.ts';
import { normalizeE164 } from '../../../core/phone/normalize-e164.ts';
import { problem, sendProblem } from '../../problem.ts';
import { authenticateTwilioWebhook, storeWebhook } from './authenticate-webhook.ts';
import { dialStatusParams, incomingCallParams, pageAckParams, recordingParams, transcriptionParams, voiceTriageParams } from './twilio-params.ts';
import { onCallChain } from '../../../core/on-call/on-call-chain.ts';
import { classifyMessage } from '../../../core/triage/classify.ts';
import { isUuid } from '../../../db/ids.ts';

/** Longest voicemail we record (s); Twilio transcribes recordings up to 120 s. */
export const VOICEMAIL_MAX_LENGTH_SECONDS = 120;

/**
 * Maps a Dial action to missed or answered (DESIGN.md §6): `no-answer`, `busy`, `failed`, `canceled`
 * are missed, and so is `completed`/`answered` without `DialBridged=true` (carrier voicemail or a
 * call screener picked up the forwarded leg). Returns null when a person took the call.
 */
export function missedDialStatus(status: string, bridged: string | undefined): MissedDialStatus | null {
  if (status === 'completed' || status === 'answered') return bridged === 'true' ? null : 'completed-unbridged';
  return status as MissedDialStatus;
}

export function registerVoiceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const url = (path: string) => `${ctx.config.PUBLIC_URL}/webhooks/twilio/voice${path}`;
  const twiml = (r: { toString(): string }) => r.toString();

  app.post('/webhooks/twilio/voice', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: incomingCallParams });
    if (!hook) return reply;
    const response = new twilio.twiml.VoiceResponse();
    const forwardTo = hook.number?.forwardTo ?? [];
    const dial = response.dial({ action: url('/dial-status'), method: 'POST', timeout: hook.number?.dialTimeoutSeconds ?? 20, answerOnBridge: true });
    for (const n of forwardTo) dial.number(n);
    return reply.type('text/xml').send(twiml(response));
  });

  app.post('/webhooks/twilio/voice/dial-status', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: dialStatusParams });
    if (!hook) return reply;
    const p = hook.params;
    const missed = missedDialStatus(p.DialCallStatus, p.DialBridged);
    const source = { numberE164: p.To, leadSource: hook.number?.leadSource ?? null };
    const result = await recordLeadInput(
      ctx.recordDeps,
      hook.org,
      { by: 'phone', phoneE164: p.From, source },
      missed
        ? { type: 'call_missed', callSid: p.CallSid, from: p.From, to: p.To, dialCallStatus: missed }
        : { type: 'call_answered', callSid: p.CallSid, from: p.From, to: p.To, durationSeconds: p.DialCallDuration },
      { now: ctx.clock(), webhook: { path: '/webhooks/twilio/voice/dial-status', params: hook.raw, dedupeKey: `dial:${p.CallSid}` } },
    );
    const response = new twilio.twiml.VoiceResponse();
    if (!missed) {
      response.hangup();
      return reply.type('text/xml').send(twiml(response));
    }
    // A retried Dial action: the voicemail is still recorded, on the lead the first request opened or joined.
    const leadId = result.duplicate ? await findOpenLeadIdByPhone(ctx.database.db, hook.org.id, p.From) : result.leadId;
    const q = `?org=${hook.org.id}${leadId ? `&lead=${leadId}` : ''}`;
    if (hook.org.policy.voiceTriage) {
      // Voice triage (issue 3): an emergency caller can reach the on-call tech before voicemail.
      const gather = response.gather({ input: ['dtmf', 'speech'], numDigits: 1, timeout: 4, speechTimeout: 'auto', action: url(`/triage${q}`), method: 'POST', hints: 'emergency, gas, flooding, no heat' });
      gather.say({ voice: 'Polly.Joanna' }, `Thanks for calling ${hook.org.policy.businessName}. If this is an emergency, like no heat, a gas smell or flooding, press 1 or say emergency.`);
    }
    appendVoicemail(response, hook.org.policy.businessName, url, q);
    return reply.type('text/xml').send(twiml(response));
  });

  app.post('/webhooks/twilio/voice/triage', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: voiceTriageParams });
    if (!hook) return reply;
    const p = hook.params;
    const query = request.query as Record<string, string | undefined>;
    const q = `?org=${hook.org.id}${query.lead && isUuid(query.lead) ? `&lead=${query.lead}` : ''}`;
    const response = new twilio.twiml.VoiceResponse();
    const emergency = p.Digits === '1' || (p.SpeechResult ? isSpokenEmergency(p.SpeechResult) : false);
    if (!emergency) {
      appendVoicemail(response, hook.org.policy.businessName, url, q);
      return reply.type('text/xml').send(twiml(response));
    }
    const input = { type: 'caller_reported_emergency' as const, callSid: p.CallSid, digits: p.Digits ?? null, speech: p.SpeechResult ?? null };
    const webhook = { path: '/webhooks/twilio/voice/triage', params: hook.raw, dedupeKey: `vtriage:${p.CallSid}` };
    const target = query.lead && isUuid(query.lead) ? { by: 'lead' as const, leadId: query.lead } : { by: 'phone' as const, phoneE164: p.From, source: { numberE164: p.To, leadSource: hook.number?.leadSource ?? null } };
    await recordLeadInput(ctx.recordDeps, hook.org, target, input, { now: ctx.clock(), webhook });
    const onCall = onCallChain(hook.org.policy.onCall, ctx.clock())[0];
    if (!onCall) {
      response.say({ voice: 'Polly.Joanna' }, 'We are alerting our team now. Please leave your name, address and what is happening after the tone.');
      appendVoicemail(response, null, url, q);
      return reply.type('text/xml').send(twiml(response));
    }
    response.say({ voice: 'Polly.Joanna' }, 'Connecting you to our on-call technician now.');
    const dial = response.dial({ timeout: 25, action: url(`/triage-dial-done${q}`), method: 'POST', answerOnBridge: true });
    dial.number(onCall.phoneE164);
    return reply.type('text/xml').send(twiml(response));
  });

  app.post('/webhooks/twilio/voice/triage-dial-done', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: incomingCallParams.partial() });
    if (!hook) return reply;
    const query = request.query as Record<string, string | undefined>;
    const q = `?org=${hook.org.id}${query.lead && isUuid(query.lead) ? `&lead=${query.lead}` : ''}`;
    const response = new twilio.twiml.VoiceResponse();
    const raw = hook.raw;
    if (raw.DialCallStatus === 'completed' && raw.DialBridged !== 'false') response.hangup();
    else {
      response.say({ voice: 'Polly.Joanna' }, 'Our technician could not pick up; we are paging the team now.');
      appendVoicemail(response, null, url, q);
    }
    return reply.type('text/xml').send(twiml(response));
  });

  app.post('/webhooks/twilio/voice/page-ack', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'From', schema: pageAckParams });
    if (!hook) return reply;
    const query = request.query as Record<string, string | undefined>;
    const response = new twilio.twiml.VoiceResponse();
    if (hook.params.Digits !== '1' || !query.lead || !isUuid(query.lead) || !query.page) {
      response.say({ voice: 'Polly.Joanna' }, 'Not accepted. Goodbye.');
      return reply.type('text/xml').send(twiml(response));
    }
    await recordLeadInput(
      ctx.recordDeps,
      hook.org,
      { by: 'lead', leadId: query.lead },
      { type: 'page_acknowledged', pageId: query.page, byPhoneE164: hook.params.To, via: 'call' },
      { now: ctx.clock(), webhook: { path: '/webhooks/twilio/voice/page-ack', params: hook.raw, dedupeKey: `pageack:${hook.params.CallSid}` } },
    );
    response.say({ voice: 'Polly.Joanna' }, 'Accepted. The customer details are in your text messages. Thank you.');
    return reply.type('text/xml').send(twiml(response));
  });

  app.post('/webhooks/twilio/voice/voicemail-done', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: incomingCallParams.partial() });
    if (!hook) return reply;
    const response = new twilio.twiml.VoiceResponse();
    response.say({ voice: 'Polly.Joanna' }, 'Thank you. Goodbye.');
    response.hangup();
    return reply.type('text/xml').send(twiml(response));
  });

  app.post('/webhooks/twilio/voice/recording', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: recordingParams });
    if (!hook) return reply;
    const p = hook.params;
    const recorded = await recordOnCallLead(ctx, request.query as Record<string, string>, hook, `rec:${p.RecordingSid}:${p.RecordingStatus}`, '/webhooks/twilio/voice/recording', {
      type: 'voicemail_recorded',
      callSid: p.CallSid,
      recordingSid: p.RecordingSid,
      recordingUrl: p.RecordingUrl,
      durationSeconds: p.RecordingDuration,
      recordingStatus: p.RecordingStatus,
    });
    if (!recorded) return sendProblem(reply, problem('RB_ERR_UNPROCESSABLE_WEBHOOK', 'Stored for inspection: the callback names no lead and no caller.'));
    return reply.code(204).send();
  });

  app.post('/webhooks/twilio/voice/transcription', async (request, reply) => {
    const hook = await authenticateTwilioWebhook(ctx, request, reply, { orgBy: 'To', schema: transcriptionParams });
    if (!hook) return reply;
    const p = hook.params;
    const recorded = await recordOnCallLead(ctx, request.query as Record<string, string>, hook, `tr:${p.TranscriptionSid}`, '/webhooks/twilio/voice/transcription', {
      type: 'voicemail_transcribed',
      callSid: p.CallSid,
      transcriptionSid: p.TranscriptionSid,
      transcriptionStatus: p.TranscriptionStatus,
      text: p.TranscriptionText ?? null,
      ...(ctx.triage && p.TranscriptionText ? { triage: await ctx.triage.triage(p.TranscriptionText) } : {}),
    });
    if (!recorded) return sendProblem(reply, problem('RB_ERR_UNPROCESSABLE_WEBHOOK', 'Stored for inspection: the callback names no lead and no caller.'));
    return reply.code(204).send();
  });
}


/** Words a caller says at the voice-triage prompt that mean "emergency" (English and Spanish). */
export function isSpokenEmergency(speech: string): boolean {
  if (/\b(emergenc\w*|urgent\w*|gas|smoke|fire|flood\w*|burst|sparks?|carbon monoxide|no heat|emergencia|urgente|inundaci\w+)\b/i.test(speech)) return true;
  return classifyMessage(speech).intent === 'emergency';
}

/** Appends the voicemail prompt (when `businessName` is given) and `<Record>` with its callbacks. */
function appendVoicemail(response: InstanceType<typeof twilio.twiml.VoiceResponse>, businessName: string | null, url: (p: string) => string, q: string): void {
  if (businessName) {
    response.say({ voice: 'Polly.Joanna' }, `Thanks for calling ${businessName}. Sorry we missed you. Please leave a message after the tone, and we will text you right back.`);
  }
  response.record({
    maxLength: VOICEMAIL_MAX_LENGTH_SECONDS,
    playBeep: true,
    transcribe: true,
    transcribeCallback: url(`/transcription${q}`),
    recordingStatusCallback: url(`/recording${q}`),
    recordingStatusCallbackMethod: 'POST',
    action: url(`/voicemail-done${q}`),
  });
}

/**
 * Records a voicemail input on the lead the Dial action named (`lead` query), else on the caller's
 * open lead. Returns null, after storing the request, when it names neither (recording status
 * callbacks carry no From/To).
 */
async function recordOnCallLead(
  ctx: AppContext,
  query: Record<string, string>,
  hook: { org: Parameters<typeof recordLeadInput>[1]; raw: Record<string, string> },
  dedupeKey: string,
  path: string,
  input: Parameters<typeof recordLeadInput>[3],
) {
  const webhook = { path, params: hook.raw, dedupeKey };
  const leadId = query.lead && /^[0-9a-f-]{36}$/i.test(query.lead) ? query.lead : null;
  if (leadId) return recordLeadInput(ctx.recordDeps, hook.org, { by: 'lead', leadId }, input, { now: ctx.clock(), webhook });
  const from = normalizeE164(hook.raw.From ?? null);
  const to = normalizeE164(hook.raw.To ?? null);
  if (!from || !to) {
    await storeWebhook(ctx, { organizationId: hook.org.id, path, raw: hook.raw, outcome: 'unprocessable', reason: 'voicemail callback without a lead or a caller' });
    return null;
  }
  return recordLeadInput(ctx.recordDeps, hook.org, { by: 'phone', phoneE164: from, source: { numberE164: to, leadSource: null } }, input, { now: ctx.clock(), webhook });
}
