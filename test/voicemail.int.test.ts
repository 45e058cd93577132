import { describe, expect, it } from 'vitest';
import { ACCOUNT_SID, dialStatus, ORG_NUMBER, PUBLIC_URL, sid } from './support/harness.ts';
import { CALLER, DIAL_STATUS, eventsOf, missedCallWithTextBack, onlyLead, recordCallbacks, ringbackSuite, storedEvents, storedWebhooks } from './support/suite.ts';

/** Twilio's recording status callback for the `<Record>` (no From/To: the URL carries org and lead). */
function recordingCallback(callSid: string, recordingSid = sid('RE')): Record<string, string> {
  return {
    AccountSid: ACCOUNT_SID,
    CallSid: callSid,
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`,
    RecordingStatus: 'completed',
    RecordingDuration: '14',
    RecordingChannels: '1',
    RecordingStartTime: 'Wed, 18 Nov 2026 16:00:05 +0000',
    RecordingSource: 'RecordVerb',
  };
}

/** Twilio's transcription callback. */
function transcriptionCallback(callSid: string, recordingSid: string, text: string): Record<string, string> {
  const transcriptionSid = sid('TR');
  return {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    CallSid: callSid,
    From: CALLER,
    To: ORG_NUMBER,
    RecordingSid: recordingSid,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recordingSid}`,
    TranscriptionSid: transcriptionSid,
    TranscriptionText: text,
    TranscriptionStatus: 'completed',
    TranscriptionType: 'fast',
    TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT_SID}/Transcriptions/${transcriptionSid}`,
  };
}

const pathOf = (url: string) => {
  expect(url.startsWith(PUBLIC_URL)).toBe(true);
  return url.slice(PUBLIC_URL.length);
};

describe('[VOICEMAIL] the voicemail of a missed call lands on its lead', () => {
  const s = ringbackSuite();

  it('the recording and transcription callbacks attach voicemail_recorded (recordingUrl) and voicemail_transcribed (text) to the lead', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    const cb = recordCallbacks(await missedCallWithTextBack(s, t, CALLER, callSid));
    const recordingSid = sid('RE');
    const rec = recordingCallback(callSid, recordingSid);
    expect((await t.twilio(pathOf(cb.recording), rec)).status).toBe(204);
    const text = 'Hi, this is Dana, my furnace is making a banging noise, please call me back.';
    expect((await t.twilio(pathOf(cb.transcription), transcriptionCallback(callSid, recordingSid, text))).status).toBe(204);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'voicemail_recorded')).toEqual([
      expect.objectContaining({ actor: 'customer', data: expect.objectContaining({ callSid, recordingSid, recordingUrl: rec.RecordingUrl, durationSeconds: 14 }) }),
    ]);
    expect(eventsOf(lead, 'voicemail_transcribed')).toEqual([expect.objectContaining({ data: expect.objectContaining({ callSid, text, transcriptionStatus: 'completed' }) })]);
    expect((await storedEvents(t)).every((e) => e.leadId === lead.id)).toBe(true);
  });

  it('a retried recording callback is recorded once', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    const cb = recordCallbacks(await missedCallWithTextBack(s, t, CALLER, callSid));
    const rec = recordingCallback(callSid);
    expect((await t.twilio(pathOf(cb.recording), rec)).status).toBe(204);
    expect((await t.twilio(pathOf(cb.recording), rec)).status).toBe(204);
    expect(eventsOf(await onlyLead(t), 'voicemail_recorded')).toHaveLength(1);
  });

  it('a recording callback signed over the URL without its query is refused', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    const cb = recordCallbacks(await missedCallWithTextBack(s, t, CALLER, callSid));
    const twilio = (await import('twilio')).default;
    const rec = recordingCallback(callSid);
    const signature = twilio.getExpectedTwilioSignature('test-auth-token-0123456789abcdef', `${PUBLIC_URL}/webhooks/twilio/voice/recording`, rec);
    expect((await t.twilio(pathOf(cb.recording), rec, { signature })).status).toBe(403);
    expect(eventsOf(await onlyLead(t), 'voicemail_recorded')).toEqual([]);
  });

  it('after a retried dial-status the voicemail still lands on the lead', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    const params = dialStatus(callSid, CALLER, 'no-answer');
    await t.twilio(DIAL_STATUS, params);
    await s.fake.waitForMessages(1);
    await t.settle();
    // Twilio retried the Dial action: the caller records the voicemail the retry's TwiML asked for.
    const retry = await t.twilio(DIAL_STATUS, params);
    expect(retry.status).toBe(200);
    const cb = recordCallbacks(await retry.text());
    const recordingSid = sid('RE');
    expect((await t.twilio(pathOf(cb.recording), recordingCallback(callSid, recordingSid))).status).toBe(204);
    expect((await t.twilio(pathOf(cb.transcription), transcriptionCallback(callSid, recordingSid, 'no heat upstairs'))).status).toBe(204);
    const lead = await onlyLead(t);
    expect(eventsOf(lead, 'voicemail_recorded')).toHaveLength(1);
    expect(eventsOf(lead, 'voicemail_transcribed')).toHaveLength(1);
  });

  it('a recording callback that names no lead and no caller gets 422 and is stored, never a 5xx', async () => {
    const t = await s.start();
    const res = await t.twilio(`/webhooks/twilio/voice/recording?org=${t.org.id}`, recordingCallback(sid('CA')));
    expect(res.status).toBe(422);
    expect(((await res.json()) as { code: string }).code).toBe('RB_ERR_UNPROCESSABLE_WEBHOOK');
    expect((await storedWebhooks(t)).map((w) => w.outcome)).toEqual(['unprocessable']);
  });

  it('the end of the voicemail thanks the caller and hangs up', async () => {
    const t = await s.start();
    const callSid = sid('CA');
    const cb = recordCallbacks(await missedCallWithTextBack(s, t, CALLER, callSid));
    const res = await t.twilio(pathOf(cb.action), { ...dialStatus(callSid, CALLER, 'no-answer'), RecordingUrl: 'https://api.twilio.com/x', RecordingDuration: '14', Digits: 'hangup' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<Hangup/>');
  });
});
