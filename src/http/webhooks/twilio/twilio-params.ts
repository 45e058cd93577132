/** zod schemas of the Twilio webhook fields Ringback reads (TWILIO.md); other fields pass through unread. */
import { z } from 'zod';
import { normalizeE164 } from '../../../core/phone/normalize-e164.ts';

const sid = (prefix: string) => z.string().regex(new RegExp(`^${prefix}[0-9a-zA-Z]{32}$`), `must be ${prefix} followed by 32 characters`);
/** A phone number Twilio sent, as E.164 (a withheld caller ID fails here and the request is stored). */
const phone = z.string().transform((v, c) => {
  const e164 = normalizeE164(v);
  if (!e164) {
    c.addIssue({ code: 'custom', message: `"${v}" is not a phone number` });
    return z.NEVER;
  }
  return e164;
});
const optionalInt = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' || !/^\d+$/.test(v) ? null : Number(v)));

export const incomingCallParams = z.object({ CallSid: sid('CA'), From: phone, To: phone });

export const dialStatusParams = z.object({
  CallSid: sid('CA'),
  From: phone,
  To: phone,
  DialCallStatus: z.enum(['completed', 'answered', 'busy', 'no-answer', 'failed', 'canceled']),
  DialBridged: z.string().optional(),
  DialCallDuration: optionalInt,
});

export const recordingParams = z.object({
  CallSid: sid('CA'),
  RecordingSid: sid('RE'),
  RecordingUrl: z.url(),
  RecordingStatus: z.string().default('completed'),
  RecordingDuration: optionalInt,
});

export const transcriptionParams = z.object({
  CallSid: sid('CA'),
  TranscriptionSid: sid('TR'),
  TranscriptionStatus: z.string(),
  TranscriptionText: z.string().optional(),
});

export const incomingMessageParams = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]{32}$/, 'must be SM or MM followed by 32 characters'),
  From: phone,
  To: phone,
  Body: z.string().default(''),
  NumMedia: optionalInt,
});

export const messageStatusParams = z.object({
  MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]{32}$/, 'must be SM or MM followed by 32 characters'),
  MessageStatus: z.string().min(1),
  ErrorCode: optionalInt,
});

/** The `<Gather>` action of the voice-triage prompt: `Digits` and/or `SpeechResult`. */
export const voiceTriageParams = z.object({
  CallSid: sid('CA'),
  From: phone,
  To: phone,
  Digits: z.string().optional(),
  SpeechResult: z.string().optional(),
});

/** The `<Gather>` action of an on-call page call: `To` is the person paged, `From` the organization. */
export const pageAckParams = z.object({
  CallSid: sid('CA'),
  From: phone,
  To: phone,
  Digits: z.string().optional(),
});
