/**
 * `Idempotency-Key`s for booking requests: one key per distinct request body, so a double click or a
 * retry of the same booking sends the same key (the server books once and replays the answer), while a
 * corrected form (another window after a 409) is a new request with a new key.
 */

/** A random UUID v4. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost); plain HTTP on a LAN falls back to `getRandomValues`. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Remembers the last body sent and its key: `keyFor(body)` answers the same key for the same body. */
export function idempotencyKeys(): { keyFor: (body: unknown) => string } {
  let last: { json: string; key: string } | null = null;
  return {
    keyFor(body) {
      const json = JSON.stringify(body);
      if (!last || last.json !== json) last = { json, key: newIdempotencyKey() };
      return last.key;
    },
  };
}
