import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyMessage } from '../core/triage/classify.ts';
import { INTENTS } from '../core/triage/intents.ts';
import { loadConfig, triageOptionsFromConfig } from '../config.ts';
import { startFakeLlm, type FakeLlm } from './fake-llm.ts';
import { createTriage, TRIAGE_ANSWER_JSON_SCHEMA, type TriageLlmOptions } from './triage-message.ts';

/** Low local confidence (the model: complaint ≈ 0.33). */
const UNSURE = 'the thing';
const STOP_TEXTS = ['STOP', 'please stop texting me', 'Dont contatc me anymore', 'no me manden mas mensajes'];
const SAFETY_TEXTS = ['I smell gas in the basement', 'the CO alarm keeps going off', 'sparks coming out of the outlet'];
const EMERGENCY_TEXTS = ['no AC and my grandma is here', 'pipe burst and water everywhere'];

function recordingLogger() {
  const warnings: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  return { warnings, logger: { warn: (obj: Record<string, unknown>, msg: string) => void warnings.push({ obj, msg }) } };
}

describe('createTriage with a local fake OpenAI-compatible endpoint', () => {
  let fake: FakeLlm;
  let llm: TriageLlmOptions;

  beforeAll(async () => {
    fake = await startFakeLlm();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    llm = { url: fake.url, model: 'test-model', apiKey: 'sk-test', timeoutMs: 2000, minConfidence: 0.6 };
  });

  it('sends a low-confidence message to the LLM and uses its answer', async () => {
    expect(classifyMessage(UNSURE).confidence).toBeLessThan(0.6);
    fake.respond(() => ({ kind: 'answer', answer: { intent: 'booking', safety: false, confidence: 0.82, language: 'en', reason: 'wants a visit' } }));
    const r = await createTriage({ llm }).triage(UNSURE);
    expect(r).toMatchObject({ intent: 'booking', safety: false, confidence: 0.82, language: 'en', source: 'llm' });
    expect(r.reasons[0]).toMatch(/^llm:test-model chose booking \(0\.82\): wants a visit$/);
    expect(r.reasons.some((x) => x.startsWith('model naive_bayes'))).toBe(true);

    expect(fake.requests).toHaveLength(1);
    const { headers, body } = fake.requests[0]!;
    expect(headers.authorization).toBe('Bearer sk-test');
    expect(body).toMatchObject({
      model: 'test-model',
      temperature: 0,
      response_format: { type: 'json_schema', json_schema: { name: 'triage', strict: true } },
    });
    const schema = (body.response_format as { json_schema: { schema: typeof TRIAGE_ANSWER_JSON_SCHEMA } }).json_schema.schema;
    expect(schema.properties.intent.enum).toEqual([...INTENTS]);
    expect(schema.properties.language.enum).toEqual(['en', 'es']);
    expect(schema.required).toEqual(['intent', 'safety', 'confidence', 'language', 'reason']);
    const messages = body.messages as Array<{ role: string; content: string }>;
    expect(messages[0]!.role).toBe('system');
    expect(messages[0]!.content).toMatch(/tie-break/);
    expect(messages[1]).toEqual({ role: 'user', content: UNSURE });
  });

  it('accepts more caution from the LLM: stop, or a safety emergency, the rules did not find', async () => {
    fake.respond(() => ({ kind: 'answer', answer: { intent: 'stop', safety: false, confidence: 0.9, language: 'en', reason: 'revokes consent' } }));
    expect(await createTriage({ llm }).triage(UNSURE)).toMatchObject({ intent: 'stop', safety: false, source: 'llm' });
    fake.respond(() => ({ kind: 'answer', answer: { intent: 'emergency', safety: true, confidence: 0.9, language: 'es', reason: 'hazard' } }));
    const r = await createTriage({ llm }).triage(UNSURE);
    expect(r).toMatchObject({ intent: 'emergency', safety: true, language: 'es', source: 'llm' });
    expect(r.reasons[0]).toContain('(safety)');
  });

  it('never sends stop, safety or emergency rule decisions to the LLM, even when their confidence is below the threshold', async () => {
    // minConfidence 1: every message below certainty would go to the LLM, and the LLM would say "other".
    fake.respond(() => ({ kind: 'answer', answer: { intent: 'other', safety: false, confidence: 1, language: 'en', reason: 'x' } }));
    const triage = createTriage({ llm: { ...llm, minConfidence: 1 } });
    for (const text of STOP_TEXTS) {
      const r = await triage.triage(text);
      expect(r, text).toMatchObject({ intent: 'stop', source: 'rules_model' });
      expect(r).toEqual({ ...classifyMessage(text), source: 'rules_model' });
    }
    for (const text of SAFETY_TEXTS) expect(await triage.triage(text), text).toMatchObject({ intent: 'emergency', safety: true, source: 'rules_model' });
    for (const text of EMERGENCY_TEXTS) expect(await triage.triage(text), text).toMatchObject({ intent: 'emergency', source: 'rules_model' });
    expect(fake.requests).toHaveLength(0);
  });

  it('keeps a confident local result without asking', async () => {
    const r = await createTriage({ llm }).triage('can someone come tomorrow morning');
    expect(r).toMatchObject({ intent: 'booking', source: 'rules_model' });
    expect(r.reasons.some((x) => x.startsWith('llm'))).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });

  const local = { ...classifyMessage(UNSURE), source: 'rules_model' };
  const failures: Array<[string, () => void, string]> = [
    ['HTTP 500', () => fake.respond(() => ({ kind: 'raw', status: 500, body: '{"error":{"message":"boom"}}' })), 'http_500'],
    ['HTTP 429', () => fake.respond(() => ({ kind: 'raw', status: 429, body: '{"error":{"message":"slow down"}}' })), 'http_429'],
    ['a malformed JSON response', () => fake.respond(() => ({ kind: 'raw', status: 200, body: '{"choices": [' })), 'invalid_json'],
    ['content that is not JSON', () => fake.respond(() => ({ kind: 'answer', content: 'I think it is booking' })), 'invalid_json'],
    ['a response without choices', () => fake.respond(() => ({ kind: 'raw', status: 200, body: '{"object":"chat.completion"}' })), 'schema'],
    ['an unknown intent', () => fake.respond(() => ({ kind: 'answer', answer: { intent: 'urgent', safety: false, confidence: 0.9, language: 'en', reason: '' } })), 'schema'],
    ['a confidence above 1', () => fake.respond(() => ({ kind: 'answer', answer: { intent: 'booking', safety: false, confidence: 1.5, language: 'en', reason: '' } })), 'schema'],
    ['a missing field', () => fake.respond(() => ({ kind: 'answer', answer: { intent: 'booking', confidence: 0.9, language: 'en', reason: '' } })), 'schema'],
    ['an unsupported language', () => fake.respond(() => ({ kind: 'answer', answer: { intent: 'booking', safety: false, confidence: 0.9, language: 'fr', reason: '' } })), 'schema'],
    ['safety without emergency', () => fake.respond(() => ({ kind: 'answer', answer: { intent: 'booking', safety: true, confidence: 0.9, language: 'en', reason: '' } })), 'schema'],
    ['a refusal', () => fake.respond(() => ({ kind: 'answer', content: null, refusal: 'cannot help' })), 'refusal'],
    ['empty content', () => fake.respond(() => ({ kind: 'answer', content: '' })), 'empty'],
  ];
  for (const [what, script, why] of failures) {
    it(`falls back to the local classifier on ${what}`, async () => {
      script();
      const { warnings, logger } = recordingLogger();
      const r = await createTriage({ llm, logger }).triage(UNSURE);
      expect(r).toEqual({ ...local, reasons: [...local.reasons, `llm_fallback:${why}`] });
      expect(fake.requests).toHaveLength(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.obj).toMatchObject({ model: 'test-model', why });
      expect(JSON.stringify(warnings)).not.toContain(UNSURE);
    });
  }

  it('falls back on a timeout (the fake never answers)', async () => {
    fake.respond(() => ({ kind: 'hang' }));
    const { warnings, logger } = recordingLogger();
    const started = Date.now();
    const r = await createTriage({ llm: { ...llm, timeoutMs: 150 }, logger }).triage(UNSURE);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r).toMatchObject({ intent: local.intent, confidence: local.confidence, source: 'rules_model' });
    expect(r.reasons.at(-1)).toBe('llm_fallback:timeout');
    expect(warnings[0]!.obj).toMatchObject({ why: 'timeout', timeoutMs: 150 });
  });

  it('falls back when nothing listens at the URL', async () => {
    const gone = await startFakeLlm();
    const url = gone.url;
    await gone.close();
    const { warnings, logger } = recordingLogger();
    const r = await createTriage({ llm: { ...llm, url }, logger }).triage(UNSURE);
    expect(r.source).toBe('rules_model');
    expect(r.reasons.at(-1)).toBe('llm_fallback:network');
    expect(warnings[0]!.obj).toMatchObject({ why: 'network' });
    expect(JSON.stringify(warnings)).not.toContain(UNSURE);
  });

  it('classifies locally only when no LLM is configured', async () => {
    const calls: unknown[] = [];
    const triage = createTriage({
      fetch: (async (...args: unknown[]) => {
        calls.push(args);
        throw new Error('must not be called');
      }) as typeof fetch,
    });
    for (const text of [UNSURE, 'STOP', 'I smell gas in the basement', 'can someone come tomorrow morning']) {
      expect(await triage.triage(text)).toEqual({ ...classifyMessage(text), source: 'rules_model' });
    }
    expect(calls).toHaveLength(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends no Authorization header without an API key, and truncates very long messages', async () => {
    fake.respond(() => ({ kind: 'answer', answer: { intent: 'other', safety: false, confidence: 0.7, language: 'en', reason: '' } }));
    const long = `${UNSURE} ${'blah '.repeat(2000)}`;
    const { apiKey: _drop, ...noKey } = llm;
    const r = await createTriage({ llm: { ...noKey, minConfidence: 1 } }).triage(long);
    expect(r.source).toBe('llm');
    expect(fake.requests[0]!.headers.authorization).toBeUndefined();
    const messages = fake.requests[0]!.body.messages as Array<{ content: string }>;
    expect(messages[1]!.content.length).toBe(4000);
    expect(r.reasons[0]).toBe('llm:test-model chose other (0.7)');
  });
});

describe('triageOptionsFromConfig', () => {
  it('is local-only without TRIAGE_LLM_URL and maps the variables with their defaults', () => {
    expect(triageOptionsFromConfig(loadConfig({}))).toEqual({});
    expect(triageOptionsFromConfig(loadConfig({ TRIAGE_LLM_URL: 'http://127.0.0.1:9/v1/chat/completions' }))).toEqual({
      llm: { url: 'http://127.0.0.1:9/v1/chat/completions', model: 'gpt-4o-mini', timeoutMs: 3000, minConfidence: 0.6 },
    });
    expect(
      triageOptionsFromConfig(
        loadConfig({
          TRIAGE_LLM_URL: 'https://llm.example.com/v1/chat/completions',
          TRIAGE_LLM_MODEL: 'local-model',
          TRIAGE_LLM_API_KEY: 'k',
          TRIAGE_LLM_TIMEOUT_MS: '500',
          TRIAGE_LLM_MIN_CONFIDENCE: '0.75',
        }),
      ).llm,
    ).toEqual({ url: 'https://llm.example.com/v1/chat/completions', model: 'local-model', apiKey: 'k', timeoutMs: 500, minConfidence: 0.75 });
  });

  it('rejects bad values', () => {
    expect(() => loadConfig({ TRIAGE_LLM_URL: 'ftp://x/v1/chat/completions' })).toThrow(/TRIAGE_LLM_URL/);
    expect(() => loadConfig({ TRIAGE_LLM_MIN_CONFIDENCE: '1.5' })).toThrow(/TRIAGE_LLM_MIN_CONFIDENCE/);
    expect(() => loadConfig({ TRIAGE_LLM_TIMEOUT_MS: 'soon' })).toThrow(/TRIAGE_LLM_TIMEOUT_MS/);
  });
});
