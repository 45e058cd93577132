/**
 * One HTTP attempt of a webhook message, with Node's built-in `fetch` (undici). Never throws: a
 * network error or a timeout is an outcome like a 500.
 */

/** How long a receiver has to answer (ms), as Svix allows (15 s there; 10 s keeps a worker moving). */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** How much of a receiver's response body is kept on the delivery (characters). */
export const RESPONSE_EXCERPT_CHARS = 500;
/** Bytes read from a response at most: enough for the excerpt in any UTF-8, without reading a huge body. */
const RESPONSE_READ_BYTES = RESPONSE_EXCERPT_CHARS * 4;

/** What one attempt came to. `delivered` is any 2xx; redirects are not followed (a 3xx is a failure). */
export interface WebhookAttemptResult {
  delivered: boolean;
  /** The HTTP status, or null when no response came (refused, DNS, timeout, TLS). */
  statusCode: number | null;
  /** Why it failed, for people (`HTTP 500`, `ECONNREFUSED`, `timed out after 10 s`); null when delivered. */
  error: string | null;
  /** The first `RESPONSE_EXCERPT_CHARS` characters of the response body ('' when none). */
  responseExcerpt: string;
}

/** POSTs `body` with `headers` to `url`; waits at most `timeoutMs`. */
export async function postWebhook(url: string, headers: Record<string, string>, body: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<WebhookAttemptResult> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    return { delivered: false, statusCode: null, error: describeFetchError(err, timeoutMs), responseExcerpt: '' };
  }
  let responseExcerpt = '';
  try {
    responseExcerpt = await readExcerpt(res);
  } catch {
    // The status decides the outcome; a body cut short (timeout, reset) only loses the excerpt.
  }
  const delivered = res.status >= 200 && res.status < 300;
  return { delivered, statusCode: res.status, error: delivered ? null : `HTTP ${res.status}`, responseExcerpt };
}

/** The start of the body, without reading more than `RESPONSE_READ_BYTES`. */
async function readExcerpt(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_READ_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, RESPONSE_READ_BYTES).toString('utf8').slice(0, RESPONSE_EXCERPT_CHARS);
}

/** `ECONNREFUSED`, `ENOTFOUND`, `timed out after 10 s`…: the cause undici wraps in "fetch failed". */
function describeFetchError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timed out after ${Math.round(timeoutMs / 1000)} s`;
  return (e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(err)).slice(0, RESPONSE_EXCERPT_CHARS);
}
