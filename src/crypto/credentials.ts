import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';

/**
 * Encrypts provider credentials at rest with AES-256-GCM (node:crypto, OpenSSL). The key is derived
 * from `RINGBACK_SECRET` with scrypt. Ciphertext format: `v1:<iv b64>:<tag b64>:<data b64>`.
 */
export interface CredentialCipher {
  encrypt(plaintext: string): string;
  /** Throws when the ciphertext was tampered with or made with another secret. */
  decrypt(ciphertext: string): string;
}

/** Builds the cipher for `secret` (≥ 16 characters). */
export function createCredentialCipher(secret: string): CredentialCipher {
  const key = scryptSync(secret, 'ringback/credentials/v1', 32);
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
    },
    decrypt(ciphertext) {
      const [version, iv, tag, data] = ciphertext.split(':');
      if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unrecognised credential ciphertext');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}

/** A new API key (`rb_` + 32 random bytes, base64url) and its SHA-256 hash (hex) for storage. */
export function generateApiKey(): { key: string; hash: string; prefix: string } {
  const key = `rb_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), prefix: key.slice(0, 8) };
}

/**
 * SHA-256 (hex) of a random secret token (API keys, invitation, booking-link and calendar-feed
 * tokens): the tokens carry 128+ random bits, so a fast hash is enough to store them.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** SHA-256 (hex) of an API key (`hashSecretToken`). */
export function hashApiKey(key: string): string {
  return hashSecretToken(key);
}
