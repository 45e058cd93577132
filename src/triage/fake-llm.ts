/**
 * A local fake of an OpenAI-compatible chat-completions endpoint for tests: Fastify on 127.0.0.1, port 0.
 * Each request is recorded and answered by the current `respond` script.
 */
import Fastify from 'fastify';

/** What the fake does with one request. */
export type FakeLlmReply =
  /** A chat completion whose `choices[0].message.content` is `JSON.stringify(answer)` (or `content` verbatim). */
  | { kind: 'answer'; answer?: unknown; content?: string | null; refusal?: string }
  /** Any status with a raw body (malformed JSON, HTML error pages, ...). */
  | { kind: 'raw'; status: number; body: string; contentType?: string }
  /** Never answers (until the fake is closed). */
  | { kind: 'hang' };

/** One recorded request. */
export interface FakeLlmRequest {
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

/** A running fake LLM endpoint. */
export interface FakeLlm {
  /** Full URL of its `/v1/chat/completions`. */
  url: string;
  requests: FakeLlmRequest[];
  /** Sets how the next requests are answered (default: an `other` answer). */
  respond(script: (req: FakeLlmRequest) => FakeLlmReply): void;
  close(): Promise<void>;
}

/** Starts a fake OpenAI-compatible chat-completions endpoint on 127.0.0.1 (random port). */
export async function startFakeLlm(): Promise<FakeLlm> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const requests: FakeLlmRequest[] = [];
  const hanging: Array<() => void> = [];
  let script: (req: FakeLlmRequest) => FakeLlmReply = () => ({
    kind: 'answer',
    answer: { intent: 'other', safety: false, confidence: 0.7, language: 'en', reason: 'default' },
  });

  app.post('/v1/chat/completions', async (request, reply) => {
    const rec: FakeLlmRequest = { headers: request.headers, body: request.body as Record<string, unknown> };
    requests.push(rec);
    const r = script(rec);
    if (r.kind === 'hang') {
      await new Promise<void>((resolve) => hanging.push(resolve));
      return reply.code(504).send({ error: 'released' });
    }
    if (r.kind === 'raw') return reply.code(r.status).type(r.contentType ?? 'application/json').send(r.body);
    const content = r.content !== undefined ? r.content : JSON.stringify(r.answer);
    return reply.send({
      id: 'chatcmpl-fake',
      object: 'chat.completion',
      created: 0,
      model: rec.body.model,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content, refusal: r.refusal ?? null } }],
    });
  });

  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('fake LLM: no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/v1/chat/completions`,
    requests,
    respond(next) {
      script = next;
    },
    async close() {
      for (const release of hanging.splice(0)) release();
      await app.close();
    },
  };
}
