import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../core/triage/classify.ts';
import { INTENTS } from '../core/triage/intents.ts';
import { triageJsonLine } from './json-lines.ts';
import { buildTriageRequest, createTriage, isRuleDecidedCritical, LLM_MAX_INPUT_CHARS, TRIAGE_SYSTEM_PROMPT, type Triage } from './triage-message.ts';

const LLM = { url: 'http://llm.invalid/v1/chat/completions', model: 'm', timeoutMs: 1000, minConfidence: 0.6 };

/** A fetch that answers every request with `answer` as the completion's content, recording each call. */
function fakeFetch(answer: unknown) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(JSON.stringify({ choices: [{ message: { role: 'assistant', content: JSON.stringify(answer) } }] }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as unknown as typeof fetch;
  return { fn, calls };
}

describe('buildTriageRequest', () => {
  it('asks for strict JSON-schema output at temperature 0', () => {
    const body = buildTriageRequest('gpt-4o-mini', 'hello') as {
      model: string;
      temperature: number;
      messages: Array<{ role: string; content: string }>;
      response_format: { type: string; json_schema: { name: string; strict: boolean; schema: { properties: { intent: { enum: string[] } } } } };
    };
    expect(body.model).toBe('gpt-4o-mini');
    expect(body.temperature).toBe(0);
    expect(body.messages).toEqual([
      { role: 'system', content: TRIAGE_SYSTEM_PROMPT },
      { role: 'user', content: 'hello' },
    ]);
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'triage', strict: true });
    expect(body.response_format.json_schema.schema.properties.intent.enum).toEqual([...INTENTS]);
    expect((buildTriageRequest('m', 'x'.repeat(10_000)) as typeof body).messages[1]!.content).toHaveLength(LLM_MAX_INPUT_CHARS);
  });

  it('lists every intent in the system prompt, in tie-break order', () => {
    const listed = [...TRIAGE_SYSTEM_PROMPT.matchAll(/^\d+\. (\w+)/gm)].map((m) => m[1]);
    expect([...new Set(listed)]).toEqual([...INTENTS]);
  });
});

describe('isRuleDecidedCritical', () => {
  it('is true for stop, emergency and safety results and false for model results', () => {
    expect(isRuleDecidedCritical(classifyMessage('STOP'))).toBe(true);
    expect(isRuleDecidedCritical(classifyMessage('I smell gas'))).toBe(true);
    expect(isRuleDecidedCritical(classifyMessage('pipe burst and water everywhere'))).toBe(true);
    expect(isRuleDecidedCritical(classifyMessage('my heater stopped working'))).toBe(false);
    expect(isRuleDecidedCritical(classifyMessage('the thing'))).toBe(false);
  });
});

describe('createTriage with an injected fetch', () => {
  it('posts to the configured URL with a timeout signal and uses the answer', async () => {
    const f = fakeFetch({ intent: 'pricing', safety: false, confidence: 0.66, language: 'es', reason: 'cost' });
    const r = await createTriage({ llm: { ...LLM, apiKey: 'k' }, fetch: f.fn }).triage('the thing');
    expect(r).toMatchObject({ intent: 'pricing', confidence: 0.66, language: 'es', source: 'llm' });
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]!.url).toBe(LLM.url);
    expect(f.calls[0]!.init.method).toBe('POST');
    expect(f.calls[0]!.init.signal).toBeInstanceOf(AbortSignal);
    expect((f.calls[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer k');
  });

  it('does not ask for stop or safety messages, or when confident', async () => {
    const f = fakeFetch({ intent: 'other', safety: false, confidence: 1, language: 'en', reason: '' });
    const triage = createTriage({ llm: { ...LLM, minConfidence: 1 }, fetch: f.fn });
    expect(await triage.triage('STOP')).toMatchObject({ intent: 'stop', source: 'rules_model' });
    expect(await triage.triage('I smell gas')).toMatchObject({ intent: 'emergency', safety: true, source: 'rules_model' });
    expect(f.calls).toHaveLength(0);
    const confident = createTriage({ llm: LLM, fetch: f.fn });
    expect(await confident.triage('can someone come tomorrow morning')).toMatchObject({ intent: 'booking', source: 'rules_model' });
    expect(f.calls).toHaveLength(0);
  });

  it('falls back when fetch throws', async () => {
    const warnings: Array<Record<string, unknown>> = [];
    const failing = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    const r = await createTriage({ llm: LLM, fetch: failing, logger: { warn: (o) => void warnings.push(o) } }).triage('the thing');
    expect(r).toEqual({ ...classifyMessage('the thing'), reasons: [...classifyMessage('the thing').reasons, 'llm_fallback:network'], source: 'rules_model' });
    expect(warnings).toEqual([expect.objectContaining({ why: 'network', code: 'ECONNREFUSED', model: 'm' })]);
  });
});

describe('triageJsonLine', () => {
  const triage: Triage = { triage: async (text) => ({ ...classifyMessage(text), source: 'rules_model' }) };

  it('classifies {"text"} lines and echoes an id', async () => {
    expect(JSON.parse((await triageJsonLine('{"text":"STOP"}', 1, triage))!)).toMatchObject({ intent: 'stop', safety: false, confidence: 0.99 });
    expect(JSON.parse((await triageJsonLine('\uFEFF{"id":3,"text":"I smell gas"}', 1, triage))!)).toMatchObject({ id: 3, intent: 'emergency', safety: true });
    expect(JSON.parse((await triageJsonLine('{"text":""}', 1, triage))!)).toMatchObject({ intent: 'other' });
  });

  it('skips blank lines and reports bad ones', async () => {
    expect(await triageJsonLine('', 1, triage)).toBeNull();
    expect(await triageJsonLine('  \t', 1, triage)).toBeNull();
    expect(JSON.parse((await triageJsonLine('{"text":', 4, triage))!)).toEqual({ error: 'invalid JSON', line: 4 });
    expect(JSON.parse((await triageJsonLine('"STOP"', 5, triage))!)).toEqual({ error: 'expected a JSON object {"text": "..."}', line: 5 });
    expect(JSON.parse((await triageJsonLine('null', 6, triage))!)).toEqual({ error: 'expected a JSON object {"text": "..."}', line: 6 });
    expect(JSON.parse((await triageJsonLine('{"id":"a","text":5}', 7, triage))!)).toEqual({ id: 'a', error: 'missing or non-string "text"', line: 7 });
  });
});
