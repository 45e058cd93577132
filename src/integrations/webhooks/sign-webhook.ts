/**
 * Standard Webhooks signing (https://www.standardwebhooks.com/, spec v1) with its reference library
 * `standardwebhooks`: the signature is HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`
 * with the base64 key of a `whsec_…` secret, sent as `webhook-signature: v1,<base64>`.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The `User-Agent` of every delivery, so receivers can tell Ringback's requests apart. */
export const WEBHOOK_USER_AGENT = 'Ringback-Webhooks/1';

/**
 * A new signing secret: `whsec_` + base64 of 32 random bytes (the spec asks for 24 to 64; 32 is a
 * full SHA-256 output, as Svix generates them).
 */
export function generateSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A new Standard Webhooks message id: `msg_` + base64url of 16 random bytes (22 characters, 128 bits). */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}

/**
 * The headers of one delivery attempt of `body` (the exact bytes sent) as message `messageId`,
 * signed at `timestamp` (sent in whole seconds since the epoch) with `secret` (`whsec_…`).
 * Throws when `secret` is not valid base64 after its prefix.
 */
export function signedHeaders(secret: string, messageId: string, timestamp: Date, body: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': WEBHOOK_USER_AGENT,
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, timestamp, body),
  };
}
