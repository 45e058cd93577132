import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOrganization } from '../../app/organizations.ts';
import { loadConfig } from '../../config.ts';
import { startRingback, type Ringback } from '../../runtime.ts';
import { freshDatabase } from '../../../test/support/test-database.ts';
import type { SimulatorThread } from './simulator.ts';

const HOMEOWNER = '+15125550123';

describe('demo pages and phone simulator', () => {
  let rb: Ringback;
  let drop: () => Promise<void>;
  let demoNumber: string;

  beforeEach(async () => {
    const db = await freshDatabase();
    drop = db.drop;
    const config = loadConfig({ PUBLIC_URL: 'https://ringback.test', RINGBACK_SECRET: 'test-secret-0123456789abcdef', LOG_LEVEL: 'silent' });
    rb = await startRingback(config, { database: db.options, seedDemo: true });
    demoNumber = rb.demo!.numberE164;
  });
  afterEach(async () => {
    await rb?.close();
    await drop?.();
  });

  const thread = async (from: string, to: string): Promise<SimulatorThread> => {
    const res = await rb.app.inject({ method: 'GET', url: `/demo/simulator/thread?${new URLSearchParams({ from, to })}` });
    expect(res.statusCode).toBe(200);
    return res.json() as SimulatorThread;
  };

  /** Polls the thread (letting the effect queue run between polls) until `done` holds, for up to ~5 s. */
  const waitForThread = async (from: string, to: string, done: (t: SimulatorThread) => boolean): Promise<SimulatorThread> => {
    const until = Date.now() + 5000;
    for (;;) {
      await rb.queue.idle();
      const t = await thread(from, to);
      if (done(t) || Date.now() > until) return t;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('a missed call from the simulator gets the text-back, the reply lands, and / shows the lead', async () => {
    const call = await rb.app.inject({ method: 'POST', url: '/demo/simulator/call', payload: { from: HOMEOWNER, to: demoNumber, answered: false } });
    expect(call.statusCode).toBe(200);
    expect(call.json()).toMatchObject({
      answered: false,
      steps: [
        { path: '/webhooks/twilio/voice', status: 200 },
        { path: '/webhooks/twilio/voice/dial-status', status: 200 },
      ],
    });
    expect(call.json().callSid).toMatch(/^CA[0-9a-f]{32}$/);

    let t = await waitForThread(HOMEOWNER, demoNumber, (x) => x.messages.some((m) => m.direction === 'outbound' && m.status === 'delivered'));
    const textBack = t.messages.find((m) => m.direction === 'outbound');
    expect(textBack).toBeDefined();
    expect(textBack!.body).toContain('Demo Heating & Air');
    expect(textBack!.body).toContain('Reply STOP');
    expect(textBack!).toMatchObject({ purpose: 'text_back', automated: true, status: 'delivered', from: demoNumber, to: HOMEOWNER });
    expect(t.calls).toMatchObject([{ outcome: 'missed', dialCallStatus: 'no-answer' }]);

    const sms = await rb.app.inject({ method: 'POST', url: '/demo/simulator/sms', payload: { from: HOMEOWNER, to: demoNumber, body: 'Do you service furnaces?' } });
    expect(sms.statusCode).toBe(200);
    expect(sms.json().messageSid).toMatch(/^SM[0-9a-f]{32}$/);
    t = await waitForThread(HOMEOWNER, demoNumber, (x) => x.messages.some((m) => m.direction === 'inbound'));
    expect(t.messages.map((m) => m.direction)).toEqual(['outbound', 'inbound']);
    expect(t.messages[1]).toMatchObject({ body: 'Do you service furnaces?', from: HOMEOWNER, to: demoNumber });

    const home = await rb.app.inject({ method: 'GET', url: '/demo' });
    expect(home.statusCode).toBe(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.body).toContain(HOMEOWNER);
    expect(home.body).toContain('call_missed');
    expect(home.body).toContain('message_received');
    expect(home.body).toContain('Do you service furnaces?');
    expect(home.body).toContain('Demo Heating &amp; Air');
    expect(home.body).toContain('href="/simulator"');

    const simulator = await rb.app.inject({ method: 'GET', url: '/simulator' });
    expect(simulator.statusCode).toBe(200);
    expect(simulator.headers['content-type']).toMatch(/^text\/html/);
    expect(simulator.body).toContain(demoNumber);
    expect(simulator.body).toContain('Call (nobody answers)');
  });

  it('escapes what callers send on the leads page', async () => {
    const evil = '<script>alert("x")</script>';
    const sms = await rb.app.inject({ method: 'POST', url: '/demo/simulator/sms', payload: { from: HOMEOWNER, to: demoNumber, body: evil } });
    expect(sms.statusCode).toBe(200);
    await rb.queue.idle();
    const home = await rb.app.inject({ method: 'GET', url: '/demo' });
    expect(home.body).not.toContain(evil);
    expect(home.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('an answered call records call_answered and sends no text-back; a voicemail shows recording and transcript', async () => {
    const answered = await rb.app.inject({ method: 'POST', url: '/demo/simulator/call', payload: { from: '+15125550144', to: demoNumber, answered: true } });
    expect(answered.statusCode).toBe(200);
    await rb.queue.idle();
    const t = await thread('+15125550144', demoNumber);
    expect(t.calls).toMatchObject([{ outcome: 'answered' }]);
    expect(t.messages).toEqual([]);

    const missed = await rb.app.inject({
      method: 'POST',
      url: '/demo/simulator/call',
      payload: { from: HOMEOWNER, to: demoNumber, answered: false, voicemail: 'Our furnace is out, please call back.' },
    });
    expect(missed.statusCode).toBe(200);
    expect(missed.json().steps.map((s: { path: string }) => s.path)).toEqual([
      '/webhooks/twilio/voice',
      '/webhooks/twilio/voice/dial-status',
      '/webhooks/twilio/voice/voicemail-done',
      '/webhooks/twilio/voice/recording',
      '/webhooks/twilio/voice/transcription',
    ]);
    await rb.queue.idle();
    const home = await rb.app.inject({ method: 'GET', url: '/demo' });
    expect(home.body).toContain('call_answered');
    expect(home.body).toContain('voicemail_recorded');
    expect(home.body).toContain('voicemail_transcribed');
    expect(home.body).toContain('Our furnace is out, please call back.');
    expect(home.body).toMatch(/https:\/\/api\.twilio\.com\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Recordings\/RE[0-9a-f]{32}/);
  });

  it('refuses bad input with 400 and numbers of no simulator organization with 404', async () => {
    const bad = [
      { from: 'not a number', to: demoNumber, answered: false },
      { from: HOMEOWNER, to: demoNumber },
      { from: HOMEOWNER, to: demoNumber, answered: 'yes' },
    ];
    for (const payload of bad) {
      const res = await rb.app.inject({ method: 'POST', url: '/demo/simulator/call', payload });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('RB_ERR_VALIDATION');
    }
    const form = await rb.app.inject({
      method: 'POST',
      url: '/demo/simulator/sms',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ from: HOMEOWNER, to: demoNumber, body: 'hi' }).toString(),
    });
    expect(form.statusCode).toBe(415);
    const emptySms = await rb.app.inject({ method: 'POST', url: '/demo/simulator/sms', payload: { from: HOMEOWNER, to: demoNumber, body: '  ' } });
    expect(emptySms.statusCode).toBe(400);
    const badThread = await rb.app.inject({ method: 'GET', url: '/demo/simulator/thread?from=abc' });
    expect(badThread.statusCode).toBe(400);

    const unknown = await rb.app.inject({ method: 'POST', url: '/demo/simulator/call', payload: { from: HOMEOWNER, to: '+15125550188', answered: false } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);

    // A real (Twilio) organization is neither reachable through the simulator nor listed on the open page.
    await createOrganization(rb.database.db, rb.ctx.cipher, {
      name: 'Real Plumbing Co',
      timeZone: 'America/Chicago',
      number: '+15125550177',
      forwardTo: ['+15125550178'],
      twilioAccountSid: `AC${'b'.repeat(32)}`,
      twilioAuthToken: 'real-token-0123456789abcdef',
    });
    for (const [url, payload] of [
      ['/demo/simulator/call', { from: HOMEOWNER, to: '+15125550177', answered: false }],
      ['/demo/simulator/sms', { from: HOMEOWNER, to: '+15125550177', body: 'hi' }],
    ] as const) {
      const res = await rb.app.inject({ method: 'POST', url, payload });
      expect(res.statusCode).toBe(404);
    }
    const realThread = await rb.app.inject({ method: 'GET', url: `/demo/simulator/thread?${new URLSearchParams({ from: HOMEOWNER, to: '+15125550177' })}` });
    expect(realThread.statusCode).toBe(404);
    const home = await rb.app.inject({ method: 'GET', url: '/demo' });
    expect(home.body).not.toContain('Real Plumbing Co');
    const simulator = await rb.app.inject({ method: 'GET', url: '/simulator' });
    expect(simulator.body).not.toContain('+15125550177');
  });
});
